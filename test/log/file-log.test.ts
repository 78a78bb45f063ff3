import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openFileLog } from '../../src/log/index.js';
import { describeLogConformance } from './log-conformance.js';
import { HEADER } from './log-fixtures.js';

let dir = '';
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chronokube-file-log-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeLogConformance('file', async () =>
  openFileLog(join(dir, `h${++n}.history`), { mode: 'write', header: HEADER, onWarning: (m) => { throw new Error(`unexpected warning: ${m}`); } }),
);
