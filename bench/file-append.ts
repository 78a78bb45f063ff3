/**
 * Durable file appends: ~2 KB write records, 1,000 appends in flight, each
 * awaiting its acknowledgement (after the group fsync that covers it).
 * Reports throughput and the 99th percentile time from `append` to
 * acknowledgement. Runs in a temporary folder it removes afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openFileLog } from '../src/log/index.js';
import type { PendingWrite } from '../src/model/index.js';

const IN_FLIGHT = 1_000;
const WARMUP = 5_000;
const MEASURED = 60_000;

function record(i: number): PendingWrite {
  const data: Record<string, string> = {};
  for (let k = 0; k < 16; k++) data[`key-${k}`] = `value-${i}-${k}-`.padEnd(100, 'x');
  return {
    type: 'write',
    time: i,
    actor: 'controller:bench',
    cause: [i],
    observedRev: i,
    verb: 'update',
    key: `core/configmaps/default/cm-${i % 5_000}`,
    prevRev: 0,
    change: { op: 'put', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i % 5_000}`, namespace: 'default' }, data } },
  };
}

export async function benchFileAppend(): Promise<{ file_append_events_per_s: number; file_append_ack_p99_ms: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'chronokube-bench-'));
  try {
    const log = await openFileLog(join(dir, 'bench.history'), {
      mode: 'write',
      header: { format: 'chronokube-history', version: 1, epoch: 0, clock: 'virtual' },
    });
    const records = Array.from({ length: 1_000 }, (_, i) => record(i));
    const latencies: number[] = [];
    let next = 0;
    const total = WARMUP + MEASURED;
    let measureStart = 0;
    async function worker(): Promise<void> {
      while (next < total) {
        const i = next++;
        if (i === WARMUP) measureStart = performance.now();
        const t0 = performance.now();
        await log.append([records[i % records.length] as PendingWrite]);
        if (i >= WARMUP) latencies.push(performance.now() - t0);
      }
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const elapsed = performance.now() - measureStart;
    await log.close();
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
    return {
      file_append_events_per_s: Math.round((MEASURED / elapsed) * 1000),
      file_append_ack_p99_ms: Math.round(p99 * 100) / 100,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchFileAppend());
}
