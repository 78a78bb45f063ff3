import { describe, expect, it } from 'vitest';
import type { StepParsers } from '../../../src/runtime/scenario/drain-step.js';
import { parseDrainStep } from '../../../src/runtime/scenario/drain-step.js';
import { parseDuration } from '../../../src/runtime/scenario/duration.js';

/** Parsers shaped like the scenario parser's, failing with `path: message`. */
const p: StepParsers = {
  fail: (path, message) => {
    throw new Error(`${path}: ${message}`);
  },
  str: (v, path) => (typeof v === 'string' && v !== '' ? v : p.fail(path, 'must be a non-empty string')),
  int: (v, path, min = 0) => (typeof v === 'number' && Number.isInteger(v) && v >= min ? v : p.fail(path, `must be an integer >= ${min}`)),
  dur: (v, path) => (typeof v === 'string' ? parseDuration(v) : typeof v === 'number' ? v : p.fail(path, 'must be a duration')),
};
const nodes = new Set(['node-1', 'node-2']);
const parse = (v: unknown) => parseDrainStep(v, 60_000, 'spec.timeline[2].drain', nodes, p);

describe('parseDrainStep', () => {
  it("reads a node name with kubectl's defaults, or the full mapping", () => {
    expect(parse('node-1')).toEqual({ type: 'drain', at: 60_000, node: 'node-1', ignoreDaemonSets: false, deleteEmptyDirData: false, force: false });
    expect(parse({ node: 'node-2', timeout: '5m', ignoreDaemonSets: true, deleteEmptyDirData: true, force: true, gracePeriod: 30 })).toEqual({
      type: 'drain',
      at: 60_000,
      node: 'node-2',
      timeoutMs: 300_000,
      ignoreDaemonSets: true,
      deleteEmptyDirData: true,
      force: true,
      gracePeriodSeconds: 30,
    });
  });

  it('refuses unknown nodes, unknown fields and wrong types, naming the field', () => {
    expect(() => parse('node-9')).toThrow('spec.timeline[2].drain.node: no node "node-9" in this scenario');
    expect(() => parse({ node: 'node-1', podSelector: 'a=b' })).toThrow(/^spec\.timeline\[2\]\.drain\.podSelector: unknown field/);
    expect(() => parse({ node: 'node-1', force: 'yes' })).toThrow('spec.timeline[2].drain.force: must be true or false');
    expect(() => parse(['node-1'])).toThrow('spec.timeline[2].drain: must be a node name or a mapping with node');
  });
});
