/** Records and headers shared by the log tests. */
import type { HistoryHeader, HistoryRecord, KubeObject, PendingRecord, PendingWrite } from '../../src/model/index.js';

export const HEADER: HistoryHeader = { format: 'chronokube-history', version: 1, epoch: 1_700_000_000_000, clock: 'virtual', seed: 7 };

export function configMap(name: string, extra: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { ...extra } };
}

export function pendingWrite(name: string, extra: Record<string, string> = {}, time = 1): PendingWrite {
  return {
    type: 'write',
    time,
    actor: 'user:alice',
    cause: [],
    observedRev: 0,
    verb: 'create',
    key: `core/configmaps/default/${name}`,
    prevRev: 0,
    change: { op: 'put', object: configMap(name, extra) },
  };
}

export function note(text: string, time = 1): PendingRecord {
  return { type: 'annotation', time, actor: 'user:alice', annotation: { kind: 'note', text } };
}

export function fault(node: string, time = 1): PendingRecord {
  return { type: 'fault', time, actor: 'runtime', fault: { kind: 'node-down', node } };
}

export async function readAll(it: AsyncIterable<HistoryRecord>): Promise<HistoryRecord[]> {
  const out: HistoryRecord[] = [];
  for await (const r of it) out.push(r);
  return out;
}

/** `rev` for writes, `@atRev` for the rest: a compact picture of positions. */
export function positions(records: readonly HistoryRecord[]): string[] {
  return records.map((r) => (r.type === 'write' ? String(r.rev) : `@${r.atRev}`));
}
