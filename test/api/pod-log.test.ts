import { describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/index.js';
import { formatLogLine, podLog } from '../../src/api/index.js';
import type { KubeObject } from '../../src/model/index.js';
import { EPOCH, harness, pod, pods, refused } from './harness.js';
import type { Harness } from './harness.js';

const kubelet = { actor: 'node:node-1' };
const at = (ms: number): string => new Date(EPOCH + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Writes what the kubelet would: one status per step, each at its own time on the run's clock. */
async function status(h: Harness, name: string, t: number, containerStatuses: unknown[]): Promise<void> {
  h.clock.advanceTo(t);
  await h.api.patch({ ...pods('default', name), subresource: 'status' }, 'merge', { status: { phase: 'Running', containerStatuses } }, kubelet);
}

const running = (restartCount: number, ready: boolean, startedMs: number, last?: unknown): unknown => ({
  name: 'app',
  image: 'nginx:1.27',
  ready,
  restartCount,
  state: { running: { startedAt: at(startedMs) } },
  lastState: last === undefined ? {} : { terminated: last },
});
const exited = (exitCode: number, startedMs: number, finishedMs: number): unknown => ({
  exitCode,
  reason: exitCode === 0 ? 'Completed' : 'Error',
  startedAt: at(startedMs),
  finishedAt: at(finishedMs),
});
const backingOff = (restartCount: number, last: unknown): unknown => ({
  name: 'app',
  image: 'nginx:1.27',
  ready: false,
  restartCount,
  state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=app' } },
  lastState: { terminated: last },
});

async function scheduledPod(h: Harness, name: string, extra: Record<string, unknown> = {}): Promise<void> {
  await h.api.create(pods(), pod(name, {}, { nodeName: 'node-1', ...extra }), { actor: 'user:alice' });
}

const current = (api: Api, name: string): KubeObject => api.get(pods('default', name));
const texts = (lines: readonly { text: string }[]): string[] => lines.map((l) => l.text);

describe('podLog', () => {
  it('derives start, readiness and exit lines from the pod status history, stamped with the run clock', async () => {
    const h = await harness();
    await scheduledPod(h, 'p');
    await status(h, 'p', 1000, [running(0, false, 1000)]);
    await status(h, 'p', 3000, [running(0, true, 1000)]);
    const log = podLog(h.api.deps, current(h.api, 'p'));
    expect(log).toMatchObject({ container: 'app', instance: 0, ended: false });
    expect(texts(log.lines)).toEqual(['chronokube: container app started (image nginx:1.27, restart 0)', 'chronokube: container app is ready']);
    expect(log.lines.map((l) => l.time)).toEqual([EPOCH + 1000, EPOCH + 3000]);
    expect(formatLogLine(log.lines[1] as never, true)).toBe(`${new Date(EPOCH + 3000).toISOString().replace('.000Z', '.000000000Z')} chronokube: container app is ready\n`);
    expect(formatLogLine(log.lines[1] as never, false)).toBe('chronokube: container app is ready\n');
    // The same history gives the same log.
    expect(podLog(h.api.deps, current(h.api, 'p'))).toEqual(log);
  });

  it('separates instances across a crash and restart: previous is the terminated one, with its exit code', async () => {
    const h = await harness();
    await scheduledPod(h, 'p');
    await status(h, 'p', 1000, [running(0, true, 1000)]);
    await status(h, 'p', 5000, [backingOff(0, exited(137, 1000, 5000))]);
    // While backing off, the current log is the exited instance's, and so is previous.
    const during = podLog(h.api.deps, current(h.api, 'p'));
    expect(during.ended).toBe(true);
    expect(texts(during.lines).at(-1)).toBe('chronokube: container app exited with code 137 (Error)');
    expect(podLog(h.api.deps, current(h.api, 'p'), { previous: true }).instance).toBe(0);
    await status(h, 'p', 15_000, [running(1, true, 15_000, exited(137, 1000, 5000))]);
    const now = podLog(h.api.deps, current(h.api, 'p'));
    expect(now.instance).toBe(1);
    expect(texts(now.lines)).toEqual(['chronokube: container app started (image nginx:1.27, restart 1)', 'chronokube: container app is ready']);
    const prev = podLog(h.api.deps, current(h.api, 'p'), { previous: true });
    expect(prev).toMatchObject({ instance: 0, ended: true });
    expect(texts(prev.lines)).toEqual([
      'chronokube: container app started (image nginx:1.27, restart 0)',
      'chronokube: container app is ready',
      'chronokube: container app exited with code 137 (Error)',
    ]);
  });

  it('tailLines and sinceMs select the newest lines; a negative tailLines is 422', async () => {
    const h = await harness();
    await scheduledPod(h, 'p');
    await status(h, 'p', 1000, [running(0, true, 1000)]);
    await status(h, 'p', 2000, [running(0, false, 1000)]);
    await status(h, 'p', 3000, [running(0, true, 1000)]);
    const p = current(h.api, 'p');
    expect(texts(podLog(h.api.deps, p, { tailLines: 2 }).lines)).toEqual(['chronokube: container app is not ready', 'chronokube: container app is ready']);
    expect(podLog(h.api.deps, p, { tailLines: 0 }).lines).toEqual([]);
    expect(podLog(h.api.deps, p, { sinceMs: EPOCH + 2000 }).lines).toHaveLength(2);
    const s = await refused(() => podLog(h.api.deps, p, { tailLines: -1 }), 'Invalid');
    expect(s.code).toBe(422);
    expect(s.message).toContain('tailLines: Invalid value: -1: must be greater than or equal to 0');
  });

  it("answers Kubernetes' 400s: container required, unknown container, waiting to start, no previous instance", async () => {
    const h = await harness();
    const two = { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }], initContainers: [{ name: 'init', image: 'busybox' }] };
    await h.api.create(pods(), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'multi' }, spec: { nodeName: 'node-1', ...two } }, { actor: 'user:alice' });
    const multi = current(h.api, 'multi');
    expect((await refused(() => podLog(h.api.deps, multi), 'BadRequest')).message).toBe(
      'a container name must be specified for pod multi, choose one of: [web side] or one of the init containers: [init]',
    );
    expect((await refused(() => podLog(h.api.deps, multi, { container: 'nope' }), 'BadRequest')).message).toBe('container nope is not valid for pod multi');
    expect((await refused(() => podLog(h.api.deps, multi, { container: 'web' }), 'BadRequest')).message).toBe(
      'container "web" in pod "multi" is waiting to start: ContainerCreating',
    );
    await scheduledPod(h, 'once');
    await status(h, 'once', 1000, [running(0, true, 1000)]);
    const s = await refused(() => podLog(h.api.deps, current(h.api, 'once'), { previous: true }), 'BadRequest');
    expect(s).toMatchObject({ code: 400, message: 'previous terminated container "app" in pod "once" not found' });
  });

  it('is empty for a pod not yet on a node, and ignores an earlier pod of the same name', async () => {
    const h = await harness();
    await h.api.create(pods(), pod('p'), { actor: 'user:alice' });
    expect(podLog(h.api.deps, current(h.api, 'p'))).toMatchObject({ lines: [], ended: false });
    await h.api.delete(pods('default', 'p'), { actor: 'user:alice' }, { gracePeriodSeconds: 0 });
    await scheduledPod(h, 'p');
    await status(h, 'p', 1000, [running(0, true, 1000)]);
    await h.api.delete(pods('default', 'p'), { actor: 'user:alice' }, { gracePeriodSeconds: 0 });
    await scheduledPod(h, 'p');
    await status(h, 'p', 2000, [running(0, false, 2000)]);
    expect(texts(podLog(h.api.deps, current(h.api, 'p')).lines)).toEqual(['chronokube: container app started (image nginx:1.27, restart 0)']);
  });

  it("adds a line for each of the kubelet's Killing events of the container", async () => {
    const h = await harness();
    await scheduledPod(h, 'p');
    await status(h, 'p', 1000, [running(0, true, 1000)]);
    const p = current(h.api, 'p');
    h.clock.advanceTo(4000);
    await h.api.create(
      { group: '', version: 'v1', resource: 'events', namespace: 'default' },
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'p.killing' },
        involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'p', namespace: 'default', uid: p.metadata.uid },
        reason: 'Killing',
        message: 'Stopping container app',
        type: 'Normal',
        count: 1,
      },
      kubelet,
    );
    await status(h, 'p', 5000, [{ ...(running(0, false, 1000) as object), state: { terminated: exited(0, 1000, 5000) } }]);
    const log = podLog(h.api.deps, current(h.api, 'p'));
    expect(texts(log.lines).slice(-2)).toEqual(['chronokube: received SIGTERM (Stopping container app)', 'chronokube: container app exited with code 0 (Completed)']);
    expect(log.lines.at(-2)?.time).toBe(EPOCH + 4000);
    expect(log.ended).toBe(true);
  });
});
