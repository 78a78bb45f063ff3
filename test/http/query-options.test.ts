import { describe, expect, it } from 'vitest';
import { deleteOptions, listOptions, writeOptions } from '../../src/http/query-options.js';

const q = (s: string): URLSearchParams => new URLSearchParams(s);

describe('query options', () => {
  it('reads list options and refuses a bad limit', () => {
    expect(listOptions(q('labelSelector=a%3Db&limit=5&continue=x&resourceVersion=7&resourceVersionMatch=Exact'))).toEqual({
      labelSelector: 'a=b',
      limit: 5,
      continue: 'x',
      resourceVersion: '7',
      resourceVersionMatch: 'Exact',
    });
    expect(() => listOptions(q('limit=ten'))).toThrow(/limit/);
    expect(() => listOptions(q('limit=-1'))).toThrow(/limit/);
  });

  it('reads write options: dryRun=All only, fieldValidation values, force only for apply', () => {
    expect(writeOptions(q('dryRun=All&fieldManager=m&fieldValidation=Warn'), false)).toEqual({ dryRun: true, fieldManager: 'm', fieldValidation: 'Warn', force: false });
    expect(writeOptions(q(''), false)).toEqual({ dryRun: false, fieldValidation: 'Warn', force: false });
    expect(() => writeOptions(q('dryRun=true'), false)).toThrow(/dryRun/);
    expect(() => writeOptions(q('fieldValidation=Loose'), false)).toThrow(/fieldValidation/);
    expect(() => writeOptions(q('force=true'), false)).toThrow(/non-apply/);
    expect(writeOptions(q('force=true'), true).force).toBe(true);
    expect(() => writeOptions(q(`fieldManager=${'m'.repeat(129)}`), true)).toThrow(/128/);
  });

  it('reads delete options from the body first, then the query', () => {
    expect(deleteOptions(q('propagationPolicy=Orphan&gracePeriodSeconds=5'), { propagationPolicy: 'Foreground', preconditions: { uid: 'u', resourceVersion: '3' } })).toEqual({
      gracePeriodSeconds: 5,
      propagationPolicy: 'Foreground',
      preconditions: { uid: 'u', resourceVersion: '3' },
      dryRun: false,
    });
    expect(deleteOptions(q(''), { orphanDependents: true, dryRun: ['All'] })).toEqual({ propagationPolicy: 'Orphan', dryRun: true });
    expect(() => deleteOptions(q(''), { orphanDependents: false, propagationPolicy: 'Background' })).toThrow(/both/);
    expect(() => deleteOptions(q('gracePeriodSeconds=-2'), {})).toThrow(/gracePeriodSeconds/);
  });
});
