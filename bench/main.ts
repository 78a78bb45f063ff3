/**
 * `npm run bench`: chronokube's speed and memory figures (never timed tests).
 * Prints a table, or with `--json` one JSON object with stable keys. Each
 * part runs in this process one after the other; run it with --expose-gc
 * (the npm script does) so heap figures are measured after collection.
 *
 * `--only store,file,scheduler,e2e,rollout` runs a subset; `--writes N` shrinks the store history
 * for a quick look (the recorded figures use the default 1,000,000).
 */
import os from 'node:os';
import { benchApi } from './api.js';
import { benchDebug } from './debug.js';
import { benchFileAppend } from './file-append.js';
import { benchImportAudit } from './import.js';
import { benchRecord } from './record.js';
import { benchE2e } from './e2e.js';
import { benchRollout } from './rollout.js';
import { benchScheduler } from './scheduler.js';
import { benchStore } from './store.js';
import { benchUi } from './ui.js';

type Figures = Record<string, number>;

const PARTS: Record<string, (args: Args) => Promise<Figures>> = {
  store: async (a) => ({ ...(await benchStore(a.writes === undefined ? {} : { writes: a.writes })) }),
  file: async () => ({ ...(await benchFileAppend()) }),
  scheduler: async () => ({ ...(await benchScheduler()) }),
  e2e: async () => ({ ...(await benchE2e()) }),
  rollout: async () => ({ ...(await benchRollout()) }),
  api: async () => ({ ...(await benchApi()) }),
  pbt: async () => ({ ...(await (await import('./pbt.js')).benchPbt()) }),
  ui: async (a) => ({ ...(await benchUi(a.writes === undefined ? {} : { writes: a.writes })) }),
  debug: async (a) => ({ ...(await benchDebug(a.writes === undefined ? {} : { records: a.writes })) }),
  record: async () => ({ ...(await benchRecord()) }),
  import: async () => ({ ...(await benchImportAudit()) }),
};

interface Args {
  readonly json: boolean;
  readonly only?: readonly string[];
  readonly writes?: number;
}

function parseArgs(argv: readonly string[]): Args {
  let json = false;
  let only: string[] | undefined;
  let writes: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--only') only = (argv[++i] ?? '').split(',').filter((s) => s !== '');
    else if (a === '--writes') writes = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}: use --json, --only PARTS, --writes N`);
  }
  for (const p of only ?? []) if (!(p in PARTS)) throw new Error(`unknown part "${p}": parts are ${Object.keys(PARTS).join(', ')}`);
  return { json, ...(only === undefined ? {} : { only }), ...(writes === undefined ? {} : { writes }) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const figures: Figures = {};
  for (const [name, part] of Object.entries(PARTS)) {
    if (args.only !== undefined && !args.only.includes(name)) continue;
    if (!args.json) process.stderr.write(`running ${name}...\n`);
    Object.assign(figures, await part(args));
  }
  if (args.json) {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return;
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  process.stdout.write(`chronokube bench — node ${process.version}, ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB\n`);
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) {
    process.stdout.write(`${k.padEnd(width)}  ${Number.isInteger(v) ? v : v.toFixed(3)}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
