/**
 * Web debugger benchmark: `ui_scrub_p95_ms`, the time from a scrubber move
 * (a pointer event on the timeline) to the repaint that shows the new
 * revision — the events around it and the selected pod's YAML and diff —
 * measured inside headless Chromium (Debian's, via playwright-core) against
 * the UI server over a history of 1,000,000 writes (bench/store.ts's: 10,000
 * pods on 100 nodes with churn, status updates and deletes, several actors).
 * Each move waits for its own repaint, so none is coalesced away, and the
 * moves start once the background invariant scan is done (steady state).
 * Also `ui_open_s` (the server's indexes — timeline, pod placement — and
 * the page's bundle, built when the UI opens a folded history) and
 * `ui_scrub_p50_ms`. Target: scrub ≤ 100 ms.
 *   node --import tsx --expose-gc -e "import('./bench/ui.ts').then(m=>m.benchUi()).then(console.log)"
 */
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { builtinInvariants } from '../src/invariants/index.js';
import type { FaultRecord } from '../src/model/index.js';
import { createStore } from '../src/store/index.js';
import { createUiServer } from '../src/ui/index.js';
import { generateHistory } from './store.js';

export interface UiBenchResult {
  ui_open_s: number;
  ui_scrub_p50_ms: number;
  ui_scrub_p95_ms: number;
  /** 1 when the background invariant scan had finished before the scrubs began, 0 when the scrubs ran beside it. */
  ui_invariant_scan_done: number;
}

/** How long the bench lets the background invariant scan run before it scrubs anyway (a 1M-write scan can take longer). */
const INVARIANT_SCAN_WAIT_MS = 120_000;

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

export async function benchUi(opts: { writes?: number; moves?: number } = {}): Promise<UiBenchResult> {
  const writes = opts.writes ?? 1_000_000;
  const moves = opts.moves ?? 150;
  const store = createStore();
  for (const r of generateHistory(writes)) store.fold(r);
  const faults: FaultRecord[] = [
    { type: 'fault', atRev: Math.floor(writes * 0.3), time: Math.floor(writes * 0.3) * 10, actor: 'user:bench', fault: { kind: 'node-down', node: 'node-7' } },
    { type: 'fault', atRev: Math.floor(writes * 0.6), time: Math.floor(writes * 0.6) * 10, actor: 'user:bench', fault: { kind: 'node-up', node: 'node-7' } },
  ];
  const t0 = performance.now();
  const server = await createUiServer({ store, faults, epoch: Date.UTC(2025, 0, 1), history: 'bench-1m', invariants: builtinInvariants });
  const openS = (performance.now() - t0) / 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const executablePath = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // A busy pod selected: every scrub repaints its YAML at the new revision.
    const pod = store.write(writes)?.key ?? '';
    await page.goto(`${base}/?rev=${Math.floor(writes / 2)}&object=${encodeURIComponent(pod)}`);
    await page.waitForSelector('body[data-ready="1"]');
    const scanDone = await page
      .waitForSelector('body[data-invariants]', { timeout: INVARIANT_SCAN_WAIT_MS })
      .then(() => 1)
      .catch(() => 0);
    const box = (await page.locator('#tl').boundingBox()) as { x: number; y: number; width: number; height: number };
    const y = box.y + box.height / 2;
    let seed = 7;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    await page.mouse.move(box.x + box.width / 2, y);
    await page.mouse.down();
    await page.waitForFunction(() => window.__chronokube.scrubMs.length > 0);
    for (let i = 0; i < moves; i++) {
      const before = await page.evaluate(() => window.__chronokube.scrubMs.length);
      await page.mouse.move(box.x + 2 + next() * (box.width - 4), y);
      await page.waitForFunction((n) => window.__chronokube.scrubMs.length > n, before);
    }
    await page.mouse.up();
    const times = await page.evaluate(() => window.__chronokube.scrubMs.slice(1));
    return { ui_open_s: openS, ui_scrub_p50_ms: quantile(times, 0.5), ui_scrub_p95_ms: quantile(times, 0.95), ui_invariant_scan_done: scanDone };
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
