/** Builders of write records for store tests (revisions and prevRevs tracked like a log would). */
import type { Change, KubeObject, WriteRecord, WriteVerb } from '../../src/model/index.js';

export function pod(name: string, opts: { ns?: string; labels?: Record<string, string>; owner?: string; phase?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: opts.ns ?? 'default',
      uid: `uid-${name}`,
      ...(opts.labels ? { labels: opts.labels } : {}),
      ...(opts.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: opts.owner }] } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
    status: { phase: opts.phase ?? 'Pending' },
  };
}

export function podKey(name: string, ns = 'default'): string {
  return `core/pods/${ns}/${name}`;
}

/** Hands out records with consecutive revisions and the right prevRev per key. */
export class Recorder {
  rev = 0;
  private readonly last = new Map<string, number>();
  constructor(private readonly actor = 'user:alice') {}

  write(key: string, change: Change, extra: { verb?: WriteVerb; actor?: string } = {}): WriteRecord {
    this.rev += 1;
    const rec: WriteRecord = {
      type: 'write',
      rev: this.rev,
      time: this.rev * 1000,
      actor: extra.actor ?? this.actor,
      cause: [],
      observedRev: this.rev - 1,
      verb: extra.verb ?? (change.op === 'put' ? 'create' : change.op === 'patch' ? 'patch' : 'delete'),
      key,
      prevRev: this.last.get(key) ?? 0,
      change,
    };
    this.last.set(key, this.rev);
    return rec;
  }
  put(o: KubeObject, extra: { verb?: WriteVerb; actor?: string } = {}): WriteRecord {
    return this.write(`core/pods/${o.metadata.namespace ?? '_'}/${o.metadata.name}`, { op: 'put', object: o }, extra);
  }
}
