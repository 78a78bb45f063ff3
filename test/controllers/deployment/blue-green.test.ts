/**
 * fixtures/blue-green.yaml: two Deployments and a Service whose selector
 * switches from blue to green in one write. Checked at every revision of the
 * history, and replayed.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/model/index.js';
import { fromLabelSelector, matches } from '../../../src/model/index.js';
import { replayFixture, runFixture } from '../../runtime/scenario/run-fixture.js';

const isReady = (p: KubeObject): boolean =>
  ((p['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const SERVICE = 'core/services/default/shop';

describe('fixtures/blue-green.yaml', () => {
  it('the Service selects only blue, then — in one write — only ready green pods, and blue scales to zero; replays', async () => {
    const run = await runFixture('fixtures/blue-green.yaml');
    expect(run.result.stable).toBe(true);
    const cursor = run.store.cursor(0);
    let switchRev = 0;
    let selectedAtSwitch: KubeObject[] = [];
    let greenReadyBeforeSwitch = false;
    while (cursor.forward()) {
      const st = cursor.state;
      const svc = st.get(SERVICE);
      if (svc === undefined) continue;
      const selector = fromLabelSelector({ matchLabels: (svc['spec'] as { selector: Record<string, string> }).selector });
      const selected = st.list({ group: '', resource: 'pods', namespace: 'default' }).filter((p) => p.metadata.deletionTimestamp === undefined && matches(selector, p.metadata.labels));
      const tracks = new Set(selected.map((p) => p.metadata.labels?.['track']));
      expect(tracks.size).toBeLessThanOrEqual(1);
      const green = (svc['spec'] as { selector: Record<string, string> }).selector['track'] === 'green';
      if (green && switchRev === 0) {
        switchRev = cursor.rev;
        selectedAtSwitch = selected;
      }
      if (!green) {
        const greens = st.list({ group: '', resource: 'pods', namespace: 'default' }).filter((p) => p.metadata.labels?.['track'] === 'green');
        greenReadyBeforeSwitch = greens.length === 3 && greens.every(isReady);
      }
    }
    expect(switchRev).toBeGreaterThan(0);
    expect(run.store.write(switchRev)?.time).toBe(120_000);
    expect(greenReadyBeforeSwitch).toBe(true);
    expect(selectedAtSwitch).toHaveLength(3);
    expect(selectedAtSwitch.every((p) => p.metadata.labels?.['track'] === 'green' && isReady(p))).toBe(true);

    const head = run.store.head();
    const pods = head.list({ group: '', resource: 'pods', namespace: 'default' });
    expect(pods.map((p) => p.metadata.labels?.['track'])).toEqual(['green', 'green', 'green']);
    const blue = head.get('apps/deployments/default/shop-blue')!;
    expect(blue['spec']).toMatchObject({ replicas: 0 });
    // Kubernetes omits zero counts from status (omitempty).
    expect((blue['status'] as { replicas?: number; observedGeneration?: number }).replicas).toBeUndefined();
    expect((blue['status'] as { observedGeneration?: number }).observedGeneration).toBe(2);
    expect(head.list({ group: 'apps', resource: 'replicasets', namespace: 'default' })).toHaveLength(2);
    expect((await replayFixture(run)).divergence).toBeUndefined();
  }, 120_000);
});
