/**
 * The web debugger in a real browser: Debian's headless chromium, driven by
 * playwright-core, opens `chronokube ui` on the history of
 * fixtures/replicaset-node-failure.yaml, scrubs the timeline to the node
 * failure, selects a replacement pod and reads its why chain (which names
 * the node-down fault), picks its spec.nodeName and reads the scheduler's
 * binding at the head of that field's chain, steps with the keyboard,
 * searches, and reopens shared links. Screenshots of the main views are kept under
 * test/ui/artifacts/ and checked to be drawn (many colours, not a blank
 * page). Fails — never skips — when chromium is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uiCommand } from '../../src/cli/commands/ui.js';
import { findInvariant, scanInvariant } from '../../src/invariants/index.js';
import { openHistory } from '../../src/ui/index.js';
import { cli } from '../cli/capture.js';

const ARTIFACTS = join(import.meta.dirname, 'artifacts');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

let browser: Browser | undefined;
let page: Page;
let url = '';
let history = '';
let base = '';
let stop: AbortController;
let running: Promise<number> | undefined;

/** Debian's chromium; a clear failure (not a skip) without it. */
export function chromiumPath(): string {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium is required for the UI tests: apt-get install -y chromium (see .ci/run)');
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/** Distinct colours in a PNG, counted by the browser itself (it decodes PNG; no image library needed). */
async function distinctColours(p: Page, png: Buffer): Promise<number> {
  return p.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d') as CanvasRenderingContext2D;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4) seen.add(((d[i] as number) << 16) | ((d[i + 1] as number) << 8) | (d[i + 2] as number));
    return seen.size;
  }, png.toString('base64'));
}

async function shot(name: string): Promise<void> {
  const png = await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const colours = await distinctColours(page, png);
  expect(colours, `${name}.png looks blank`).toBeGreaterThan(50);
}

async function api<T>(path: string): Promise<T> {
  return (await (await fetch(`${base}${path}`)).json()) as T;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  history = join(mkdtempSync(join(tmpdir(), 'chronokube-ui-')), 'node-failure.ckh');
  const ran = await cli('run', 'fixtures/replicaset-node-failure.yaml', '--out', history);
  expect(ran.code, ran.err).toBe(0);
  stop = new AbortController();
  const listening = new Promise<{ url: string }>((resolve) => {
    running = uiCommand({ out: () => undefined, err: () => undefined }, { history, port: 0, onListening: resolve }, stop.signal);
  });
  url = (await listening).url;
  base = new URL(url).origin;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  stop?.abort();
  if (running !== undefined) expect(await running).toBe(0);
});

describe('the web debugger in headless chromium', () => {
  it('scrubs to the node failure, selects a replacement pod and shows why it exists: the node-down fault', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="1"]');
    await page.waitForSelector('body[data-invariants]');
    await shot('overview');

    // Scrub: press on the timeline at the fault's time and drag a little past it.
    const meta = await api<{ firstTime: number; lastTime: number; faults: { time: number; atRev: number; kind: string }[] }>('/api/meta');
    const fault = meta.faults.find((f) => f.kind === 'node-down');
    expect(fault).toBeDefined();
    const box = (await page.locator('#tl').boundingBox())!;
    const xOf = (t: number): number => box.x + ((t - meta.firstTime) / (meta.lastTime - meta.firstTime)) * box.width;
    const y = box.y + box.height / 2;
    await page.mouse.move(xOf(0), y);
    await page.mouse.down();
    await page.mouse.move(xOf(fault!.time - 20_000), y, { steps: 4 });
    await page.mouse.move(xOf(fault!.time + 1_000), y, { steps: 2 });
    await page.mouse.up();
    // The cursor rests on the last write at or before the time under the pointer: just after the fault, before the node is marked unhealthy.
    const settle = await api<{ rev: number }>(`/api/frame?time=${fault!.time + 5_000}`);
    await page.waitForFunction(([lo, hi]) => window.__chronokube.renderedRev >= lo! && window.__chronokube.renderedRev <= hi!, [fault!.atRev, settle.rev]);
    expect(Number(await page.inputValue('#rev'))).toBeGreaterThanOrEqual(fault!.atRev);
    expect(await page.evaluate(() => window.__chronokube.scrubMs.length)).toBeGreaterThan(0);
    expect(await page.locator('#evbody').innerText()).toContain('fault node-down node-2 (user:scenario)');
    await shot('node-failure');

    // The replacement pods: created by the ReplicaSet after the fault. Go to the end and pick the last one on the nodes view.
    const created = await api<{ events: { rev: number; key: string }[] }>(`/api/search?q=${encodeURIComponent('kind:pod verb:create actor:replicaset')}&from=${fault!.atRev}&dir=next`);
    const replacement = created.events[created.events.length - 1]!;
    expect(replacement.rev).toBeGreaterThan(fault!.atRev);
    await page.keyboard.press('End');
    await page.waitForFunction(() => window.__chronokube.renderedRev === window.__chronokube.rev && document.querySelector('#nodebody .pod') !== null);
    await page.locator(`#nodebody .pod[data-key="${replacement.key}"]`).click();
    await page.waitForFunction((key) => (document.body.dataset['why'] ?? '').startsWith(`${key}@`), replacement.key);
    const why = await page.locator('#whybody').innerText();
    expect(why).toContain('fault: node-down node-2');
    expect(why).toContain('controller:replicaset');
    expect(why).toContain('controller:taint-eviction-controller');
    expect(await page.locator('#objbody').innerText()).toContain(replacement.key.split('/')[3]!);
    expect(await page.locator('#treebody .node.sel').count()).toBe(1);
    await shot('why-replacement-pod');

    // The diff view of the selected object, with its changed lines highlighted in the YAML.
    await page.locator('#tabdiff').click();
    await page.waitForFunction(() => document.querySelector('#objbody .op') !== null || (document.querySelector('#objbody')?.textContent ?? '').includes('No change'));
    await shot('diff');
    await page.locator('#tabyaml').click();
    await page.waitForSelector('#objbody pre.yaml');
    expect(errors).toEqual([]);
  });

  it('steps with the keyboard, searches, and reopens the same moment from a shared link', async () => {
    const before = Number(await page.inputValue('#rev'));
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((r) => window.__chronokube.renderedRev === r, before - 1);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((r) => window.__chronokube.renderedRev === r, before);
    const shared = page.url();
    expect(shared).toContain(`rev=${before}`);
    expect(shared).toContain('history=node-failure.ckh');
    expect(shared).toContain('object=core%2Fpods%2Fdefault%2F');

    // Search forward from the start for the evictions: the cursor lands on the first one.
    await page.keyboard.press('Home');
    await page.waitForFunction(() => window.__chronokube.renderedRev === 0);
    await page.locator('#search').fill('kind:pod verb:delete actor:taint-eviction');
    await page.locator('#search').press('Enter');
    await page.waitForSelector('#results .row');
    const first = Number(await page.locator('#results .row').first().getAttribute('data-rev'));
    await page.waitForFunction((r) => window.__chronokube.renderedRev === r, first);
    expect(await page.locator('#evbody .row.cur').innerText()).toContain('taint-eviction-controller');
    await shot('search');

    // A shared link opens the same revision with the same object selected.
    const other = await browser!.newPage({ viewport: { width: 1200, height: 800 } });
    await other.goto(shared);
    await other.waitForFunction((r) => window.__chronokube.renderedRev === r, before);
    await other.waitForFunction(() => (document.body.dataset['why'] ?? '') !== '');
    expect(await other.locator('#whybody').innerText()).toContain('fault: node-down node-2');
    await other.close();
    expect(readFileSync(join(ARTIFACTS, 'why-replacement-pod.png')).length).toBeGreaterThan(10_000);
  });

  it("picks spec.nodeName in a replacement pod's YAML and shows the scheduler's binding at the head of its why, by mouse, keyboard and shared link", async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="1"]');
    const meta = await api<{ head: number; faults: { atRev: number; kind: string }[] }>('/api/meta');
    const fault = meta.faults.find((f) => f.kind === 'node-down')!;
    const created = await api<{ events: { rev: number; key: string }[] }>(`/api/search?q=${encodeURIComponent('kind:pod verb:create actor:replicaset')}&from=${fault.atRev}&dir=next`);
    const replacement = created.events[created.events.length - 1]!;
    await page.keyboard.press('End');
    await page.waitForFunction((head) => window.__chronokube.renderedRev === head && document.querySelector('#nodebody .pod') !== null, meta.head);
    await page.locator(`#nodebody .pod[data-key="${replacement.key}"]`).click();
    await page.waitForFunction((key) => (document.body.dataset['why'] ?? '').startsWith(`${key}@`) && document.querySelector('#objbody pre.yaml') !== null, replacement.key);
    // The whole object's why starts at its latest write: the kubelet's status, not the binding.
    expect(await page.locator('#whybody .step').first().innerText()).not.toContain('create/binding');

    // Pick spec.nodeName with the mouse.
    const line = page.locator('#objbody pre.yaml div[data-path="/spec/nodeName"]');
    const node = (await line.innerText()).split(':')[1]!.trim();
    await line.click();
    await page.waitForSelector('body[data-whyfield="spec.nodeName"]');
    const answer = await api<{ setRev: number; value: string; root: { actor: string; verb: string } }>(`/api/why-field?key=${encodeURIComponent(replacement.key)}&rev=${meta.head}&field=spec.nodeName`);
    expect(answer.root).toMatchObject({ actor: 'controller:scheduler', verb: 'create/binding' });
    expect(answer.value).toBe(node);
    const head = page.locator('#whybody .fieldhead');
    expect(await head.innerText()).toContain(`Why spec.nodeName = "${node}"`);
    expect(await head.innerText()).toContain(`set at revision ${answer.setRev} by controller:scheduler create/binding`);
    const top = await page.locator('#whybody .step').first().innerText();
    expect(top).toContain(`rev ${answer.setRev} controller:scheduler create/binding`);
    // Below the binding: the ReplicaSet's create of the pod, back to the node-down fault.
    const chain = await page.locator('#whybody').innerText();
    expect(chain).toContain('controller:replicaset');
    expect(chain).toContain('fault: node-down node-2');
    expect(await line.getAttribute('aria-selected')).toBe('true');
    expect(page.url()).toContain('field=spec.nodeName');
    expect(page.url()).toContain(`object=${encodeURIComponent(replacement.key)}`);
    await shot('why-field');

    // A shared link reopens the field's why; a field the pod does not have is refused in the why panel.
    const shared = page.url();
    const other = await browser!.newPage({ viewport: { width: 1200, height: 800 } });
    await other.goto(shared);
    await other.waitForSelector('body[data-whyfield="spec.nodeName"]');
    expect(await other.locator('#whybody .fieldhead').getAttribute('data-setrev')).toBe(String(answer.setRev));
    expect(await other.locator('#objbody pre.yaml div.pick').getAttribute('data-path')).toBe('/spec/nodeName');
    await other.goto(shared.replace('field=spec.nodeName', 'field=spec.noSuchField'));
    await other.waitForSelector('body[data-whyfield="spec.noSuchField (error)"]');
    expect(await other.locator('#whybody .error').innerText()).toContain(`${replacement.key} has no field spec.noSuchField at revision`);
    await other.close();

    // Back to the whole object's why by the header's link.
    await page.locator('#whybody .fieldhead .whole').click();
    await page.waitForSelector('body[data-whyfield=""]');
    expect(await page.locator('#whybody .fieldhead').count()).toBe(0);
    expect(page.url()).not.toContain('field=');
    expect(await page.locator('#objbody pre.yaml div.pick').count()).toBe(0);

    // The keyboard: Tab into the YAML, the line cursor stays on spec.nodeName; ↓ Enter picks the next field, ↑ Enter spec.nodeName again, Esc the whole object.
    await page.locator('#objbody pre.yaml').focus();
    const paths = await page.locator('#objbody pre.yaml div').evaluateAll((ds) => ds.map((d) => (d as HTMLElement).dataset['path'] ?? ''));
    const next = paths[paths.indexOf('/spec/nodeName') + 1]!;
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction((p) => document.querySelector('#objbody pre.yaml div.pick')?.getAttribute('data-path') === p && (document.body.dataset['whyfield'] ?? '') !== '', next);
    expect(await page.locator('#objbody pre.yaml').getAttribute('aria-activedescendant')).toBe(`yl${paths.indexOf(next)}`);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-whyfield="spec.nodeName"]');
    // Stepping the cursor keeps the field picked (and the YAML's focus); the why still names the binding.
    const rev = Number(await page.inputValue('#rev'));
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((r) => window.__chronokube.renderedRev === r, rev - 1);
    await page.waitForFunction((r) => document.body.dataset['why']?.endsWith(`@${r}`) && document.body.dataset['whyfield'] === 'spec.nodeName', rev - 1);
    expect(await page.evaluate(() => document.activeElement?.matches('pre.yaml') ?? false)).toBe(true);
    expect(await page.locator('#whybody .fieldhead').getAttribute('data-setrev')).toBe(String(answer.setRev));
    await page.keyboard.press('Escape');
    await page.waitForSelector('body[data-whyfield=""]');
    expect(errors).toEqual([]);
  });

  it('marks on the timeline exactly the ranges check finds for each invariant', async () => {
    const marks = await api<{ done: boolean; invariants: { name: string; ranges: { from: number; to: number; open: boolean }[] }[] }>('/api/invariants');
    expect(marks.done).toBe(true);
    const opened = await openHistory(history);
    try {
      for (const m of marks.invariants) {
        const scan = scanInvariant(opened.store, findInvariant(m.name), { epoch: opened.epoch });
        expect(m.ranges, m.name).toEqual(scan.ranges.map((r) => ({ from: r.from, to: r.to, open: r.open })).map((r) => expect.objectContaining(r)));
      }
      expect(marks.invariants.find((m) => m.name === 'replicasets-satisfied')?.ranges.length).toBeGreaterThan(0);
    } finally {
      await opened.close();
    }
  });
});
