import { describe, expect, it } from 'vitest';
import { renderWhy, why } from '../../src/debug/index.js';
import type { FaultRecord, HistoryRecord } from '../../src/model/index.js';
import { harness } from '../api/harness.js';

const cms = (name?: string) => ({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', ...(name === undefined ? {} : { name }) });
const nodes = (name?: string) => ({ group: '', version: 'v1', resource: 'nodes', ...(name === undefined ? {} : { name }) });

describe('why', () => {
  it('follows causes back to the user action, each write once', async () => {
    const { api, store } = await harness();
    const a = await api.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, { actor: 'user:alice' });
    const ra = Number(a.metadata.resourceVersion);
    const b = await api.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } }, { actor: 'controller:one', cause: [ra] });
    const rb = Number(b.metadata.resourceVersion);
    await api.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, { actor: 'controller:two', cause: [rb, ra] });
    const tree = why(store, [], 'core/configmaps/default/c');
    expect(tree?.write.actor).toBe('controller:two');
    expect(tree?.causes.map((c) => c.write.actor)).toEqual(['controller:one', 'user:alice']);
    expect(tree?.causes[0]?.causes[0]?.write.rev).toBe(ra);
    expect(tree?.causes[1]?.seen).toBe(true);
    const text = renderWhy(tree!, { epoch: 0 });
    expect(text.split('\n')[0]).toMatch(/^rev \d+ .* controller:two {2}create {2}core\/configmaps\/default\/c$/);
    expect(text).toContain('a user action');
    expect(text).toContain('(shown above)');
  });

  it('links a cause-less controller write on a node to the latest fault on that node', async () => {
    const { api, store, log, clock } = await harness();
    await api.create(nodes(), { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-2' } }, { actor: 'node:node-2' });
    clock.advanceTo(60_000);
    await log.append([{ type: 'fault', time: 60_000, actor: 'user:scenario', fault: { kind: 'node-down', node: 'node-2' } }]);
    clock.advanceTo(100_000);
    await api.patch(nodes('node-2'), 'merge', { spec: { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] } }, { actor: 'controller:node-lifecycle' });
    const faults: FaultRecord[] = [];
    for await (const r of log.read() as AsyncIterable<HistoryRecord>) if (r.type === 'fault') faults.push(r);
    const tree = why(store, faults, 'core/nodes/_/node-2');
    expect(tree?.fault?.fault).toEqual({ kind: 'node-down', node: 'node-2' });
    expect(renderWhy(tree!, { epoch: 0 })).toContain('fault: node-down node-2');
  });

  it('explains a removed object by its removal, and nothing for a key never written', async () => {
    const { api, store } = await harness();
    await api.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gone' } }, { actor: 'user:alice' });
    await api.delete(cms('gone'), { actor: 'user:bob' });
    expect(why(store, [], 'core/configmaps/default/gone')?.write).toMatchObject({ actor: 'user:bob', verb: 'delete' });
    expect(why(store, [], 'core/configmaps/default/never')).toBeUndefined();
  });
});
