/**
 * import_audit_lines_per_s: the audit importer over a generated
 * audit.k8s.io/v1 log (default 50,000 lines; a realistic mix: 40% reads
 * and non-resource requests that are skipped, 25% RequestResponse creates
 * of ~1 KB ConfigMaps, 20% Request-level merge patches, 10% Metadata-level
 * status updates, 5% deletes answered with a Status). Parsing, the actor
 * table, patch computation and record building are timed; writing the
 * file is not (that is the file backend's figure). Median of 3 runs.
 */
import { importAudit } from '../src/debug/import/audit-import.js';

function auditLog(lines: number): string {
  const out: string[] = [];
  const t0 = Date.UTC(2026, 2, 2, 9, 0, 0);
  let created = 0;
  const padding = 'x'.repeat(900);
  for (let i = 0; i < lines; i++) {
    const ts = new Date(t0 + i * 7).toISOString().replace('Z', '123Z');
    const roll = i % 20;
    const name = `cm-${created === 0 ? 0 : i % created}`;
    const base = { kind: 'Event', apiVersion: 'audit.k8s.io/v1', auditID: `bench-${i}`, stage: 'ResponseComplete', user: { username: i % 3 === 0 ? 'system:serviceaccount:kube-system:replicaset-controller' : 'alice' }, requestReceivedTimestamp: ts, stageTimestamp: ts };
    const ref = (n: string, sub?: string) => ({ resource: 'configmaps', namespace: 'bench', name: n, apiVersion: 'v1', ...(sub === undefined ? {} : { subresource: sub }) });
    let ev: object;
    if (roll < 8 || created === 0 && roll >= 13) {
      ev = roll < 4 ? { ...base, level: 'Metadata', verb: 'get', requestURI: `/api/v1/namespaces/bench/configmaps/${name}`, objectRef: ref(name), responseStatus: { code: 200 } } : { ...base, level: 'Metadata', verb: 'get', requestURI: '/healthz', responseStatus: { code: 200 } };
    } else if (roll < 13) {
      const n = `cm-${created++}`;
      ev = { ...base, level: 'RequestResponse', verb: 'create', requestURI: '/api/v1/namespaces/bench/configmaps', objectRef: ref(n), responseStatus: { code: 201 }, responseObject: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n, namespace: 'bench', uid: `uid-${i}`, resourceVersion: String(1000 + i), creationTimestamp: ts.slice(0, 19) + 'Z' }, data: { blob: padding, n: String(i) } } };
    } else if (roll < 17) {
      ev = { ...base, level: 'Request', verb: 'patch', requestURI: `/api/v1/namespaces/bench/configmaps/${name}`, objectRef: ref(name), responseStatus: { code: 200 }, requestObject: { data: { n: String(i) } } };
    } else if (roll < 19) {
      ev = { ...base, level: 'Metadata', verb: 'update', requestURI: `/api/v1/namespaces/bench/configmaps/${name}/status`, objectRef: ref(name, 'status'), responseStatus: { code: 200 } };
    } else {
      ev = { ...base, level: 'RequestResponse', verb: 'delete', requestURI: `/api/v1/namespaces/bench/configmaps/${name}`, objectRef: ref(name), responseStatus: { code: 200 }, responseObject: { kind: 'Status', apiVersion: 'v1', status: 'Success' } };
    }
    out.push(JSON.stringify(ev));
  }
  return `${out.join('\n')}\n`;
}

export async function benchImportAudit(opts: { lines?: number } = {}): Promise<{ import_audit_lines_per_s: number }> {
  const lines = opts.lines ?? 50_000;
  const text = auditLog(lines);
  const rates: number[] = [];
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const h = importAudit(text, { file: 'bench.audit' });
    const ms = performance.now() - start;
    if (h.stats.read !== lines) throw new Error(`read ${h.stats.read} of ${lines} lines`);
    rates.push(lines / (ms / 1000));
    await new Promise((r) => setImmediate(r));
  }
  rates.sort((a, b) => a - b);
  return { import_audit_lines_per_s: Math.round(rates[1] ?? 0) };
}
