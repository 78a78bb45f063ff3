import { afterEach, describe, expect, it } from 'vitest';
import { EPOCH, pod, pods } from '../api/harness.js';
import type { HttpHarness } from './harness.js';
import { call, httpHarness } from './harness.js';

const kubelet = { actor: 'node:node-1' };
const at = (ms: number): string => new Date(EPOCH + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const LOG = '/api/v1/namespaces/default/pods/p/log';

let h: HttpHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function setStatus(hh: HttpHarness, t: number, cs: Record<string, unknown>): Promise<void> {
  hh.clock.advanceTo(t);
  await hh.api.patch(
    { ...pods('default', 'p'), subresource: 'status' },
    'merge',
    { status: { phase: 'Running', containerStatuses: [{ name: 'app', image: 'nginx:1.27', restartCount: 0, ...cs }] } },
    kubelet,
  );
}
const running = (ready: boolean) => ({ ready, state: { running: { startedAt: at(1000) } } });

async function started(): Promise<HttpHarness> {
  const hh = await httpHarness();
  await hh.api.create(pods(), pod('p', {}, { nodeName: 'node-1' }), { actor: 'user:alice' });
  await setStatus(hh, 1000, running(false));
  await setStatus(hh, 2000, running(true));
  return hh;
}

describe('GET pods/NAME/log', () => {
  it('answers text/plain lines, with timestamps and tailLines', async () => {
    h = await started();
    const res = await fetch(`${h.base}${LOG}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(await res.text()).toBe('chronokube: container app started (image nginx:1.27, restart 0)\nchronokube: container app is ready\n');
    const stamped = await (await fetch(`${h.base}${LOG}?timestamps=true&tailLines=1`)).text();
    expect(stamped).toBe(`${new Date(EPOCH + 2000).toISOString().replace('.000Z', '.000000000Z')} chronokube: container app is ready\n`);
    expect(await (await fetch(`${h.base}${LOG}?limitBytes=11`)).text()).toBe('chronokube:');
  });

  it('answers errors as Status objects: 400 for a missing previous instance or an unknown container, 404 for an unknown pod', async () => {
    h = await started();
    const prev = await call(h.base, `${LOG}?previous=true`);
    expect(prev.code).toBe(400);
    expect(prev.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', message: 'previous terminated container "app" in pod "p" not found' });
    expect((await call(h.base, `${LOG}?container=other`)).body.message).toBe('container other is not valid for pod p');
    expect((await call(h.base, `${LOG}?tailLines=x`)).code).toBe(400);
    expect((await call(h.base, '/api/v1/namespaces/default/pods/none/log')).code).toBe(404);
    expect((await call(h.base, '/apis/apps/v1/namespaces/default/deployments/d/log')).code).toBe(404);
  });

  it('follow streams new lines as the pod changes and ends when the container terminates', async () => {
    h = await started();
    const hh = h;
    const res = await fetch(`${hh.base}${LOG}?follow=true&tailLines=0`);
    expect(res.status).toBe(200);
    const reader = res.body?.getReader();
    if (reader === undefined) throw new Error('no body');
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pred: (s: string) => boolean): Promise<boolean> => {
      while (!pred(text)) {
        const { done, value } = await reader.read();
        if (done) return false;
        text += decoder.decode(value, { stream: true });
      }
      return true;
    };
    await setStatus(hh, 3000, running(false));
    expect(await readUntil((s) => s.includes('is not ready'))).toBe(true);
    await setStatus(hh, 4000, { ready: false, state: { terminated: { exitCode: 2, reason: 'Error', startedAt: at(1000), finishedAt: at(4000) } } });
    expect(await readUntil((s) => s.includes('exited'))).toBe(true);
    // The stream ends by itself once the instance has terminated.
    const { done } = await reader.read();
    expect(done).toBe(true);
    expect(text).toBe('chronokube: container app is not ready\nchronokube: container app exited with code 2 (Error)\n');
  });

  it('follow ends when the pod is deleted, and a client that leaves is let go', async () => {
    h = await started();
    const ac = new AbortController();
    const left = await fetch(`${h.base}${LOG}?follow=true`, { signal: ac.signal });
    ac.abort();
    await left.text().catch(() => undefined);
    const res = await fetch(`${h.base}${LOG}?follow=true`);
    const body = res.text();
    await h.api.delete(pods('default', 'p'), { actor: 'user:alice' }, { gracePeriodSeconds: 0 });
    expect((await body).split('\n').filter((l) => l !== '')).toHaveLength(2);
  });
});
