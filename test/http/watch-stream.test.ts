import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { configMap } from '../api/harness.js';
import { call, httpHarness } from './harness.js';
import type { HttpHarness } from './harness.js';

let h: HttpHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const CMS = '/api/v1/namespaces/default/configmaps';

interface Line {
  type: string;
  object: { kind?: string; reason?: string; metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> } };
}

/** Reads a watch until it ends (or `stopAfter` lines); returns the lines. */
async function watchLines(base: string, path: string, stopAfter = Infinity, onOpen?: () => Promise<void>): Promise<{ code: number; lines: Line[] }> {
  const ac = new AbortController();
  const res = await fetch(`${base}${path}`, { signal: ac.signal });
  if (res.status !== 200 || res.body === null) return { code: res.status, lines: [{ type: 'STATUS', object: JSON.parse(await res.text()) as Line['object'] }] };
  const opened = onOpen?.();
  const lines: Line[] = [];
  let buf = '';
  const decoder = new TextDecoder();
  try {
    for await (const chunk of res.body) {
      buf += decoder.decode(chunk as Uint8Array, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        lines.push(JSON.parse(buf.slice(0, nl)) as Line);
        buf = buf.slice(nl + 1);
      }
      if (lines.length >= stopAfter) {
        ac.abort();
        break;
      }
    }
  } catch (e) {
    if (!ac.signal.aborted) throw e;
  }
  await opened;
  return { code: 200, lines };
}

const names = (lines: Line[]): string[] => lines.map((l) => `${l.type} ${l.object.metadata?.name ?? l.object.reason ?? ''}`);

describe('HTTP watch', () => {
  it('streams every later write in revision order as JSON lines, and ends at timeoutSeconds', async () => {
    h = await httpHarness();
    await call(h.base, CMS, { method: 'POST', json: configMap('a') });
    const from = h.store.rev;
    const hh = h;
    const { lines } = await watchLines(hh.base, `${CMS}?watch=true&resourceVersion=${from}&timeoutSeconds=1`, Infinity, async () => {
      await call(hh.base, CMS, { method: 'POST', json: configMap('b') });
      await call(hh.base, `${CMS}/a`, { method: 'PATCH', body: '{"data":{"x":"1"}}', headers: { 'content-type': 'application/merge-patch+json' } });
      await call(hh.base, `${CMS}/b`, { method: 'DELETE' });
    });
    expect(names(lines)).toEqual(['ADDED b', 'MODIFIED a', 'DELETED b']);
    const revs = lines.map((l) => Number(l.object.metadata?.resourceVersion));
    expect(revs).toEqual([from + 1, from + 2, from + 3]);
  });

  it('starts with the current objects without a resourceVersion; an object path watches that name only', async () => {
    h = await httpHarness();
    await call(h.base, CMS, { method: 'POST', json: configMap('a') });
    await call(h.base, CMS, { method: 'POST', json: configMap('b') });
    const all = await watchLines(h.base, `${CMS}?watch=1&timeoutSeconds=1`);
    expect(names(all.lines)).toEqual(['ADDED a', 'ADDED b']);
    const one = await watchLines(h.base, `${CMS}/b?watch=true&timeoutSeconds=1`);
    expect(names(one.lines)).toEqual(['ADDED b']);
  });

  it('sends the initial-events-end BOOKMARK for sendInitialEvents, and periodic bookmarks when allowed', async () => {
    h = await httpHarness({ bookmarkIntervalMs: 100 });
    await call(h.base, CMS, { method: 'POST', json: configMap('a') });
    const { lines } = await watchLines(h.base, `${CMS}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=1`, 3);
    expect(lines[0]?.type).toBe('ADDED');
    expect(lines[1]).toMatchObject({ type: 'BOOKMARK', object: { metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } } } });
    expect(lines[2]?.type).toBe('BOOKMARK');
  });

  it('refuses a bad watch request with a Status before streaming', async () => {
    h = await httpHarness();
    const bad = await watchLines(h.base, `${CMS}?watch=true&sendInitialEvents=true`);
    expect([bad.code, bad.lines[0]?.object.reason]).toEqual([400, 'BadRequest']);
    const badRv = await watchLines(h.base, `${CMS}?watch=true&resourceVersion=abc`);
    expect(badRv.code).toBe(400);
  });

  it('drops a watcher that never reads once its queue passes the bound, without stalling another watcher', async () => {
    h = await httpHarness({ maxQueuedBytes: 512 * 1024 });
    const port = new URL(h.base).port;
    const open = (read: boolean): Promise<{ socket: Socket; received: () => number; closed: Promise<void> }> =>
      new Promise((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(`GET ${CMS}?watch=true&resourceVersion=${h?.store.rev ?? 0} HTTP/1.1\r\nHost: x\r\n\r\n`);
          let bytes = 0;
          if (read) socket.on('data', (d: Buffer) => (bytes += d.length));
          else socket.pause();
          const closed = new Promise<void>((r) => socket.on('close', () => r()));
          resolve({ socket, received: () => bytes, closed });
        });
      });
    const slow = await open(false);
    const fast = await open(true);
    await new Promise((r) => setTimeout(r, 100));
    const big = 'x'.repeat(400 * 1024);
    const connections = (): Promise<number> => new Promise<number>((r) => h?.server.getConnections((_e, n) => r(n)));
    expect(await connections()).toBe(2);
    // Written in process, so the only connections are the two watchers.
    for (let i = 0; i < 40; i++) {
      await h.api.create({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default' }, configMap(`c${i}`, { big }), { actor: 'user:t' });
      await new Promise((r) => setTimeout(r, 10)); // a reading client keeps up at this pace
    }
    // 40 × 400 KiB is far past socket buffers plus the 512 KiB bound: the slow watcher is gone.
    for (let i = 0; i < 50 && (await connections()) > 1; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await connections()).toBe(1);
    for (let i = 0; i < 50 && fast.received() < 40 * 400 * 1024; i++) await new Promise((r) => setTimeout(r, 50));
    expect(fast.received()).toBeGreaterThan(40 * 400 * 1024);
    expect(fast.socket.destroyed).toBe(false);
    fast.socket.destroy();
    slow.socket.destroy();
  });
});
