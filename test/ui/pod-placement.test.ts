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
});
