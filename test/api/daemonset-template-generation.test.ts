import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/model/index.js';
import { alice, harness } from './harness.js';

const ANNOTATION = 'deprecated.daemonset.template.generation';
const daemonSets = (name?: string) => ({ group: 'apps', version: 'v1', resource: 'daemonsets', namespace: 'default', ...(name === undefined ? {} : { name }) });
const ds = (image: string, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', annotations },
  spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image }] } } },
});
const generationOf = (o: KubeObject): string | undefined => o.metadata.annotations?.[ANNOTATION];

describe('DaemonSet template generation (Kubernetes 1.32 daemonSetStrategy)', () => {
  it('starts at 1, counts template changes only, and cannot be set by a client on update', async () => {
    const { api } = await harness();
    const created = await api.create(daemonSets(), ds('agent:1'), alice);
    expect(generationOf(created)).toBe('1');
    const relabelled = await api.patch(daemonSets('agent'), 'merge', { metadata: { labels: { team: 'x' } }, spec: { minReadySeconds: 5 } }, alice);
    expect(generationOf(relabelled)).toBe('1');
    const rolled = await api.patch(daemonSets('agent'), 'merge', { spec: { template: { spec: { containers: [{ name: 'a', image: 'agent:2' }] } } } }, alice);
    expect(generationOf(rolled)).toBe('2');
    expect(rolled.metadata.generation).toBe(3);
    const forged = await api.patch(daemonSets('agent'), 'merge', { metadata: { annotations: { [ANNOTATION]: '40' } } }, alice);
    expect(generationOf(forged)).toBe('2');
  });

  it('keeps a higher generation a client sends on create', async () => {
    const { api } = await harness();
    expect(generationOf(await api.create(daemonSets(), ds('agent:1', { [ANNOTATION]: '7' }), alice))).toBe('7');
  });
});
