/**
 * A chronokube history as `chronokube record` would have written it had it
 * recorded the same cluster through the API: no fault records (nothing in a
 * real cluster announces a partition), every actor guessed from the field
 * manager (`client:replicaset`, `client:node-2`, `client:scenario`), every
 * deletion by `client:unknown` (a watch DELETED event names nobody), and
 * each write marked as recorded.
 */
import { createMemoryLog } from '../../../src/log/index.js';
import type { HistoryHeader, HistoryRecord, PendingRecord, WriteRecord } from '../../../src/model/index.js';
import type { Store } from '../../../src/store/index.js';
import { openStore } from '../../../src/store/index.js';

function recordedActor(w: WriteRecord): string {
  if (w.change.op === 'remove') return 'client:unknown';
  const colon = w.actor.indexOf(':');
  return `client:${colon < 0 ? w.actor : w.actor.slice(colon + 1)}`;
}

export async function recordedForm(records: readonly HistoryRecord[], header: HistoryHeader): Promise<{ records: HistoryRecord[]; store: Store }> {
  const log = createMemoryLog({ ...header, clock: 'wall', meta: { recordedBy: 'chronokube record' } });
  const pending: PendingRecord[] = [];
  for (const r of records) {
    if (r.type !== 'write') continue;
    const { rev: _rev, ...w } = r;
    pending.push({ ...w, actor: recordedActor(r), cause: [], origin: { source: 'record', actorFrom: r.change.op === 'remove' ? 'unknown' : 'managed-fields' } });
  }
  await log.append(pending);
  const out: HistoryRecord[] = [];
  for await (const r of log.read()) out.push(r);
  return { records: out, store: await openStore(log) };
}
