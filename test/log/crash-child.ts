/**
 * Child process of the crash test: appends batches to a history as fast as
 * it can, with many appends in flight, and prints each acknowledged batch
 * (`ack <json>`) the moment its append resolves. The parent kills it with
 * SIGKILL at a random point. Pipes to the parent are written synchronously
 * on Linux, so a printed batch was acknowledged before the kill.
 *
 * Usage: node --import tsx test/log/crash-child.ts FILE ROUND
 */
import { openFileLog } from '../../src/log/index.js';
import type { PendingRecord } from '../../src/model/index.js';
import { HEADER, note, pendingWrite } from './log-fixtures.js';

const [path, round] = process.argv.slice(2);
if (path === undefined || round === undefined) throw new Error('usage: crash-child.ts FILE ROUND');

const log = await openFileLog(path, { mode: 'write', header: HEADER, onWarning: (m) => process.stderr.write(`warning: ${m}\n`) });
process.stdout.write('ready\n');

/** Batch `i` of this round: 1 to 3 records, each naming its batch, size and place, so the parent can check atomicity. */
function batch(i: number): PendingRecord[] {
  const size = 1 + (i % 3);
  const b = `${round}-${i}`;
  return Array.from({ length: size }, (_, j) => {
    const tag = { b, n: String(size), j: String(j), pad: 'x'.repeat(i % 200) };
    return j === 1 ? note(JSON.stringify(tag)) : pendingWrite(`k${i % 20}`, tag);
  });
}

let next = 0;
async function worker(): Promise<void> {
  for (;;) {
    const stored = await log.append(batch(next++));
    process.stdout.write(`ack ${JSON.stringify(stored)}\n`);
  }
}
await Promise.all(Array.from({ length: 64 }, worker));
