/**
 * Compares one object's recorded trajectory with its simulated one, field by
 * field. For each field the recording shows, the values it took (repeats
 * collapsed) must appear in the same order in the simulation, and both must
 * end on the same value where both still show the field: then the field is reproduced, possibly later or
 * earlier (the largest lag is reported) and possibly through states the
 * recording did not catch (a recording may miss changes: a watch expiring,
 * an audit policy logging only metadata). Otherwise it diverges, at the
 * first recorded value the simulation never took next.
 *
 * @example
 * compareFields(rec, sim) // [{ field: 'status.phase', verdict: 'diverged', mismatch: { recorded: { value: 'Running', time: 4000 }, simulated: { value: 'Pending', time: 4000 } }, ... }]
 */
import type { TrajectoryPoint } from './trajectory.js';

export interface TimedValue {
  readonly value: string;
  readonly time: number;
}

export interface FieldComparison {
  readonly field: string;
  readonly verdict: 'reproduced' | 'diverged';
  /** The values the recording shows, repeats collapsed. */
  readonly recorded: readonly TimedValue[];
  readonly simulated: readonly TimedValue[];
  /** Reproduced: the largest |simulated − recorded| time of a matched change (the start excluded). */
  readonly maxLagMs?: number;
  /** Diverged: the first recorded value not reproduced, and the simulation's value at that time. */
  readonly mismatch?: { readonly recorded: TimedValue; readonly simulated?: TimedValue };
}

function valuesOf(points: readonly TrajectoryPoint[], field: string): TimedValue[] {
  const out: TimedValue[] = [];
  for (const p of points) {
    const v = p.observed[field];
    if (v === undefined || out.at(-1)?.value === v) continue;
    out.push({ value: v, time: p.time });
  }
  return out;
}

function valueAt(values: readonly TimedValue[], time: number): TimedValue | undefined {
  let found: TimedValue | undefined;
  for (const v of values) {
    if (v.time > time) break;
    found = v;
  }
  return found ?? values[0];
}

function fieldsOf(points: readonly TrajectoryPoint[]): string[] {
  const set = new Set<string>();
  for (const p of points) for (const f of Object.keys(p.observed)) set.add(f);
  return [...set].sort((a, b) => (a === 'exists' ? -1 : b === 'exists' ? 1 : a.localeCompare(b)));
}

export function compareField(field: string, recordedPoints: readonly TrajectoryPoint[], simulatedPoints: readonly TrajectoryPoint[]): FieldComparison {
  const recorded = valuesOf(recordedPoints, field);
  const simulated = valuesOf(simulatedPoints, field);
  let j = 0;
  let maxLag = 0;
  for (let i = 0; i < recorded.length; i++) {
    const r = recorded[i] as TimedValue;
    while (j < simulated.length && (simulated[j] as TimedValue).value !== r.value) j++;
    if (j === simulated.length) {
      const at = valueAt(simulated, r.time);
      return { field, verdict: 'diverged', recorded, simulated, mismatch: { recorded: r, ...(at === undefined ? {} : { simulated: at }) } };
    }
    if (i > 0) maxLag = Math.max(maxLag, Math.abs((simulated[j] as TimedValue).time - r.time));
    j++;
  }
  // Both must end on the same value where both still show the field at the end (a deleted object shows none).
  const endR = recordedPoints.at(-1)?.observed[field];
  const endS = simulatedPoints.at(-1)?.observed[field];
  const lastR = recorded.at(-1);
  if (lastR !== undefined && endR !== undefined && endS !== undefined && endR !== endS) {
    return { field, verdict: 'diverged', recorded, simulated, mismatch: { recorded: lastR, ...(simulated.at(-1) === undefined ? {} : { simulated: simulated.at(-1) as TimedValue }) } };
  }
  return { field, verdict: 'reproduced', recorded, simulated, maxLagMs: maxLag };
}

/** Every field the recording shows, `exists` first, then by name. */
export function compareFields(recordedPoints: readonly TrajectoryPoint[], simulatedPoints: readonly TrajectoryPoint[]): FieldComparison[] {
  return fieldsOf(recordedPoints).map((f) => compareField(f, recordedPoints, simulatedPoints));
}
