/**
 * A bounded loopback load test: 50 concurrent writers and 200 watch streams
 * over HTTP against one server. Every watcher must receive every event of
 * its scope in revision order with no gap or duplicate, and every
 * acknowledged write must be in the history (re-read from the log itself).
 */
import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import type { HttpHarness } from './harness.js';
import { httpHarness } from './harness.js';

const WRITERS = 50;
const ROUNDS = 2; // each round: create, patch, and every other round a delete
const WATCHERS = 200;
const NS = 'load';

let h: HttpHarness;
beforeAll(async () => {
  h = await httpHarness();
  await h.api.create({ group: '', version: 'v1', resource: 'namespaces' }, { metadata: { name: NS } }, { actor: 'user:alice' });
});
afterAll(async () => h.close());

interface Seen {
  readonly type: string;
  readonly rev: number;
  readonly name: string;
}

/** A watch over plain node:http (one socket each), collecting events; `reachedOrEnded(rev)` resolves once `rev` is seen or the stream ends. */
function watcher(base: string, fromRev: number): { events: Seen[]; close(): void; reachedOrEnded(rev: number): Promise<void> } {
  const events: Seen[] = [];
  let res: IncomingMessage | undefined;
  let target = Number.POSITIVE_INFINITY;
  let reached: () => void = () => undefined;
  const hit = new Promise<void>((r) => (reached = r));
  const url = new URL(`${base}/api/v1/namespaces/${NS}/configmaps?watch=true&resourceVersion=${fromRev}`);
  const req = request(url, { agent: false });
  const done = new Promise<void>((resolve, reject) => {
    req.on('response', (r) => {
      res = r;
      if (r.statusCode !== 200) reject(new Error(`watch answered ${r.statusCode ?? 0}`));
      let buf = '';
      r.setEncoding('utf8');
      r.on('data', (chunk: string) => {
        buf += chunk;
        let nl = buf.indexOf('\n');
        while (nl >= 0) {
          const e = JSON.parse(buf.slice(0, nl)) as { type: string; object: { metadata: { name: string; resourceVersion: string } } };
          buf = buf.slice(nl + 1);
          const rev = Number(e.object.metadata.resourceVersion);
          events.push({ type: e.type, rev, name: e.object.metadata.name });
          if (rev >= target) reached();
          nl = buf.indexOf('\n');
        }
      });
      r.on('end', () => resolve());
      r.on('close', () => resolve());
      r.on('error', () => resolve());
    });
    req.on('error', reject);
  });
  req.end();
  return {
    events,
    close: () => {
      res?.destroy();
      req.destroy();
    },
    reachedOrEnded: (rev: number) => {
      target = rev;
      if (events.some((e) => e.rev >= rev)) reached();
      return Promise.race([hit, done]);
    },
  };
}

async function send(base: string, method: string, path: string, body: unknown, contentType = 'application/json'): Promise<{ code: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': contentType }, body: JSON.stringify(body) });
  return { code: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('load over loopback HTTP', () => {
  it(`${WRITERS} concurrent writers and ${WATCHERS} watchers: every watcher sees every event in order, no acknowledged write is lost`, async () => {
    const fromRev = h.store.rev;
    const watchers = Array.from({ length: WATCHERS }, () => watcher(h.base, fromRev));
    // Let every watch connect before writing (a watch from `fromRev` would catch up anyway; this also loads the live path).
    await new Promise((r) => setTimeout(r, 200));

    const acked: { rev: number; key: string; verb: string }[] = [];
    const failures: string[] = [];
    const path = `/api/v1/namespaces/${NS}/configmaps`;
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let round = 0; round < ROUNDS; round++) {
          const name = `w${w}-r${round}`;
          const c = await send(h.base, 'POST', path, { metadata: { name }, data: { writer: String(w), round: String(round) } });
          if (c.code !== 201) failures.push(`create ${name}: ${c.code}`);
          else acked.push({ rev: Number((c.body['metadata'] as { resourceVersion: string }).resourceVersion), key: `core/configmaps/${NS}/${name}`, verb: 'create' });
          const p = await send(h.base, 'PATCH', `${path}/${name}`, { data: { patched: 'yes' } }, 'application/merge-patch+json');
          if (p.code !== 200) failures.push(`patch ${name}: ${p.code}`);
          else acked.push({ rev: Number((p.body['metadata'] as { resourceVersion: string }).resourceVersion), key: `core/configmaps/${NS}/${name}`, verb: 'patch' });
          if (round % 2 === 1) {
            const d = await fetch(`${h.base}${path}/${name}`, { method: 'DELETE' });
            await d.text();
            if (d.status !== 200) failures.push(`delete ${name}: ${d.status}`);
            else acked.push({ rev: 0, key: `core/configmaps/${NS}/${name}`, verb: 'delete' });
          }
        }
      }),
    );
    expect(failures).toEqual([]);
    const lastRev = h.store.rev;

    // The history, re-read from the log itself, holds every acknowledged write.
    const reread = await openStore(h.log);
    expect(reread.rev).toBe(lastRev);
    for (const a of acked) {
      if (a.verb === 'delete') {
        expect(reread.head().get(a.key)).toBeUndefined();
        expect(reread.writes({ key: a.key }).some((r) => r.change.op === 'remove')).toBe(true);
      } else expect(reread.write(a.rev)?.key).toBe(a.key);
    }
    const scope = `core/configmaps/${NS}/`;
    const expected = reread.writes({ fromRev: fromRev + 1 }).filter((r) => r.key.startsWith(scope));
    expect(expected).toHaveLength(WRITERS * ROUNDS * 2 + WRITERS * (ROUNDS / 2));
    const expectedRevs = expected.map((r) => r.rev);
    const types = expected.map((r) => (r.change.op === 'remove' ? 'DELETED' : r.verb === 'create' ? 'ADDED' : 'MODIFIED'));
    const lastScopeRev = expectedRevs[expectedRevs.length - 1] as number;

    const deadline = new Promise<'late'>((r) => setTimeout(() => r('late'), 20_000));
    const outcome = await Promise.race([Promise.all(watchers.map((w) => w.reachedOrEnded(lastScopeRev))), deadline]);
    for (const w of watchers) w.close();
    expect(outcome).not.toBe('late');
    for (const w of watchers) {
      expect(w.events.map((e) => e.rev)).toEqual(expectedRevs);
      expect(w.events.map((e) => e.type)).toEqual(types);
    }
  }, 60_000);
});
