/**
 * The fault records of a history that is still being written (a running
 * cluster's), for the UI's timeline and `why`: those already in the log,
 * then each one as it is appended. Only faults are kept — the writes are
 * the store's — so following costs memory in proportion to the faults.
 */
import type { Log } from '../log/index.js';
import type { FaultRecord } from '../model/index.js';

export interface FollowedFaults {
  /** Every fault so far, in log order; grows in place. */
  readonly faults: readonly FaultRecord[];
  /** Stops following (the log's closing stops it too). */
  stop(): void;
}

export async function followFaults(log: Log): Promise<FollowedFaults> {
  const faults: FaultRecord[] = [];
  // Listen before reading, so nothing appended meanwhile is lost; what the read also saw is dropped below.
  const early: FaultRecord[] = [];
  let reading = true;
  const sub = log.appended$.subscribe((batch) => {
    for (const r of batch) if (r.type === 'fault') (reading ? early : faults).push(r);
  });
  try {
    for await (const r of log.read()) if (r.type === 'fault') faults.push(r);
  } catch (e) {
    sub.unsubscribe();
    throw e;
  }
  reading = false;
  const seen = new Set(faults.map((f) => JSON.stringify(f)));
  for (const f of early) if (!seen.has(JSON.stringify(f))) faults.push(f);
  return { faults, stop: () => sub.unsubscribe() };
}
