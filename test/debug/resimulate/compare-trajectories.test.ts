import { describe, expect, it } from 'vitest';
import { compareField, compareFields } from '../../../src/debug/resimulate/compare-trajectories.js';
import type { Observed, TrajectoryPoint } from '../../../src/debug/resimulate/trajectory.js';

const path = (...points: [number, Observed][]): TrajectoryPoint[] => points.map(([time, observed], i) => ({ rev: i, time, observed }));
const pod = (phase: string, extra: Record<string, string> = {}): Observed => ({ exists: 'true', deleting: 'false', 'status.phase': phase, ...extra });
const gone: Observed = { exists: 'false' };

describe('compareField (one field of one object, recorded against simulated)', () => {
  it('reproduces a field whose values come in the same order, reporting the largest lag of a change', () => {
    const rec = path([0, pod('Pending')], [5_000, pod('Running')]);
    const sim = path([0, pod('Pending')], [7_500, pod('Running')]);
    const f = compareField('status.phase', rec, sim);
    expect(f).toMatchObject({ verdict: 'reproduced', maxLagMs: 2_500 });
    expect(f.recorded.map((v) => v.value)).toEqual(['Pending', 'Running']);
  });

  it('forgives states the recording missed, but not a different end', () => {
    const rec = path([0, pod('Pending')], [9_000, pod('Succeeded')]);
    const through = path([0, pod('Pending')], [1_000, pod('Running')], [9_000, pod('Succeeded')]);
    expect(compareField('status.phase', rec, through).verdict).toBe('reproduced');
    const stuck = path([0, pod('Pending')], [1_000, pod('Running')]);
    const f = compareField('status.phase', rec, stuck);
    expect(f.verdict).toBe('diverged');
    expect(f.mismatch).toEqual({ recorded: { value: 'Succeeded', time: 9_000 }, simulated: { value: 'Running', time: 1_000 } });
  });

  it('diverges at the first recorded value the simulation never takes next, naming the simulated value then', () => {
    const rec = path([0, pod('Pending')], [3_000, pod('Failed')], [8_000, pod('Failed', { deleting: 'true' })]);
    const sim = path([0, pod('Pending')], [2_000, pod('Running')]);
    const f = compareField('status.phase', rec, sim);
    expect(f.verdict).toBe('diverged');
    expect(f.mismatch).toEqual({ recorded: { value: 'Failed', time: 3_000 }, simulated: { value: 'Running', time: 2_000 } });
  });

  it('does not hold a deleted object to its last values: gone on both sides ends the comparison', () => {
    const rec = path([0, pod('Running')], [4_000, gone]);
    const sim = path([0, pod('Running')], [3_000, pod('Running', { deleting: 'true' })], [4_000, gone]);
    expect(compareFields(rec, sim).map((f) => [f.field, f.verdict])).toEqual([
      ['exists', 'reproduced'],
      ['deleting', 'reproduced'],
      ['status.phase', 'reproduced'],
    ]);
  });

  it('compares only the fields the recording shows (unknown is not a value)', () => {
    const rec = path([0, { exists: 'true' }], [1_000, { exists: 'true' }]);
    const sim = path([0, pod('Pending')], [1_000, pod('Running')]);
    expect(compareFields(rec, sim).map((f) => f.field)).toEqual(['exists']);
  });

  it('reports an object that exists at the end of the recording but not of the simulation', () => {
    const rec = path([0, gone], [1_000, pod('Running')]);
    const sim = path([0, gone], [1_000, pod('Running')], [2_000, gone]);
    const f = compareField('exists', rec, sim);
    expect(f.verdict).toBe('diverged');
    expect(f.mismatch).toEqual({ recorded: { value: 'true', time: 1_000 }, simulated: { value: 'false', time: 2_000 } });
  });
});
