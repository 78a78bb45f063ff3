/** The pod placement index behind the nodes panel: binding, phase and deletion followed without reading pods per query. */
import { describe, expect, it } from 'vitest';
import { nodesView } from '../../src/ui/nodes-view.js';
import { PodPlacement } from '../../src/ui/pod-placement.js';
import { alice, harness, pod, pods } from '../api/harness.js';

describe('PodPlacement', () => {
  it('places each pod on its node with its status at any revision, matching the pods themselves', async () => {
    const { api, store } = await harness();
    const rv = (o: { metadata: { resourceVersion?: string } }): number => Number(o.metadata.resourceVersion);
    await api.create({ group: '', version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } }, { actor: 'node:n1' });
    const created = rv(await api.create(pods(), pod('a'), alice));
    const bound = rv(await api.create({ ...pods('default', 'a'), subresource: 'binding' }, { target: { kind: 'Node', name: 'n1' } }, { actor: 'controller:scheduler' }));
    const labelled = rv(await api.patch(pods('default', 'a'), 'merge', { metadata: { labels: { x: 'y' } } }, alice));
    const running = rv(await api.patch({ ...pods('default', 'a'), subresource: 'status' }, 'merge', { status: { phase: 'Running' } }, { actor: 'node:n1' }));
    const deleting = rv((await api.delete(pods('default', 'a'), alice)).object);
    const placement = new PodPlacement(store);
    const where = (rev: number): string[] => placement.at(rev).map((p) => `${p.name}@${p.node}:${p.status}`);
    expect(where(created - 1)).toEqual([]);
    expect(where(created)).toEqual(['a@:Pending']);
    expect(where(bound)).toEqual(['a@n1:Pending']);
    expect(where(labelled)).toEqual(['a@n1:Pending']);
    expect(where(running)).toEqual(['a@n1:Running']);
    expect(where(deleting)).toEqual(['a@n1:Terminating']);
    const nodes = nodesView(store.at(running), placement);
    expect(nodes.map((n) => [n.name, n.status, n.pods.map((p) => p.key)])).toEqual([['n1', 'Unknown', ['core/pods/default/a']]]);
    expect(nodesView(store.at(created), placement).map((n) => [n.name, n.podCount])).toEqual([
      ['n1', 0],
      ['', 1],
    ]);
  });

  it('follows a growing store: built early and synced, it places pods as one built at the end does', async () => {
    const { api, store } = await harness();
    const placement = new PodPlacement(store);
    await api.create({ group: '', version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } }, { actor: 'node:n1' });
    const first = Number((await api.create(pods(), pod('b'), alice)).metadata.resourceVersion);
    placement.sync();
    expect(placement.at(first).map((p) => p.name)).toEqual(['b']);
    // A pod whose key sorts before the known one, bound and started after the first sync.
    await api.create(pods(), pod('a'), alice);
    await api.create({ ...pods('default', 'a'), subresource: 'binding' }, { target: { kind: 'Node', name: 'n1' } }, { actor: 'controller:scheduler' });
    await api.patch({ ...pods('default', 'a'), subresource: 'status' }, 'merge', { status: { phase: 'Running' } }, { actor: 'node:n1' });
    await api.delete(pods('default', 'b'), alice);
    expect(placement.at(store.rev).map((p) => p.name)).toEqual(['b']); // not synced yet: what it knew
    placement.sync();
    const fresh = new PodPlacement(store);
    for (let r = first - 1; r <= store.rev; r++) expect(placement.at(r)).toEqual(fresh.at(r));
    expect(placement.at(store.rev).map((p) => `${p.name}@${p.node}:${p.status}`)).toEqual(['a@n1:Running']); // b was never bound: deleted at once
  });
});
