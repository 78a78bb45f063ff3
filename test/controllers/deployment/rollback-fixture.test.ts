/**
 * fixtures/deployment-rollback.yaml: a broken release rolled back with the
 * scenario's `rollout: undo` step (what `kubectl rollout undo` writes),
 * checked from the history and replayed.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/model/index.js';
import { createMemoryLog } from '../../../src/log/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION } from '../../../src/model/index.js';
import { parseScenario, runScenario } from '../../../src/runtime/index.js';
import { replayFixture, runFixture } from '../../runtime/scenario/run-fixture.js';

const isReady = (p: KubeObject): boolean =>
  ((p['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const revision = (o: KubeObject): string | undefined => o.metadata.annotations?.['deployment.kubernetes.io/revision'];
const templateImage = (o: KubeObject): string | undefined =>
  (o['spec'] as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image;
const DEPLOYMENT = 'apps/deployments/default/web';

describe('fixtures/deployment-rollback.yaml', () => {
  it('the undo brings revision 2 back as revision 4 on its old ReplicaSet, keeps 3 available meanwhile, and replays', async () => {
    const run = await runFixture('fixtures/deployment-rollback.yaml');
    expect(run.result.stable).toBe(true);

    // The undo is one JSON Patch by the scenario at 5 minutes, restoring revision 2's template.
    const undo = run.store.writes({ actor: 'user:scenario' }).find((w) => w.key === DEPLOYMENT && w.verb === 'patch');
    expect(undo?.time).toBe(300_000);
    const before = run.store.at((undo?.rev ?? 1) - 1).get(DEPLOYMENT)!;
    const after = run.store.at(undo?.rev ?? 0).get(DEPLOYMENT)!;
    expect([templateImage(before), templateImage(after)]).toEqual(['nginx:1.29-rc', 'nginx:1.28']);
    expect(after.metadata.generation).toBe((before.metadata.generation ?? 0) + 1);

    // While revision 3 is stuck, at most one of the four pods is unavailable.
    const cursor = run.store.cursor(0);
    let minReady = Number.POSITIVE_INFINITY;
    while (cursor.forward()) {
      const w = cursor.record;
      if (w === undefined || w.time < 180_000 || !w.key.startsWith('core/pods/')) continue;
      const pods = cursor.state.list({ group: '', resource: 'pods', namespace: 'default' }).filter((p) => p.metadata.deletionTimestamp === undefined);
      minReady = Math.min(minReady, pods.filter(isReady).length);
    }
    expect(minReady).toBe(3);

    const head = run.store.head();
    const rss = head.list({ group: 'apps', resource: 'replicasets', namespace: 'default' });
    expect(rss).toHaveLength(3); // no new ReplicaSet for the rollback
    const byRevision = new Map(rss.map((rs) => [revision(rs), rs]));
    expect([...byRevision.keys()].sort()).toEqual(['1', '3', '4']);
    const current = byRevision.get('4')!;
    expect(current.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('2');
    expect(templateImage(current)).toBe('nginx:1.28');
    expect(current['status']).toMatchObject({ replicas: 4, readyReplicas: 4, availableReplicas: 4 });
    expect((byRevision.get('3')!['spec'] as { replicas: number }).replicas).toBe(0);
    const d = head.get(DEPLOYMENT)!;
    expect(revision(d)).toBe('4');
    expect(d['status']).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
    const pods = head.list({ group: '', resource: 'pods', namespace: 'default' });
    expect(pods.map((p) => (p['spec'] as { containers: { image: string }[] }).containers[0]?.image)).toEqual(Array(4).fill('nginx:1.28'));
    expect((await replayFixture(run)).divergence).toBeUndefined();
  }, 120_000);

  it('an undo with no earlier revision is a warning of the run and writes nothing', async () => {
    const scenario = parseScenario({
      apiVersion: 'chronokube.io/v1alpha1',
      kind: 'Scenario',
      metadata: { name: 'lone' },
      spec: {
        manifests: [
          {
            object: {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              metadata: { name: 'web', namespace: 'default' },
              spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
            },
          },
        ],
        timeline: [{ at: '1m', rollout: { action: 'undo', deployment: 'web' } }],
      },
    });
    const log = createMemoryLog({ format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: scenario.epoch, clock: 'virtual', seed: 1 });
    const result = await runScenario(scenario, { log, until: { forMs: 120_000 } });
    expect(result.warnings).toEqual(['at 60000 ms, rollout undo deployment default/web: no rollout history found for deployment "web"']);
    const records = [];
    for await (const r of log.read()) records.push(r);
    expect(records.some((r) => r.type === 'write' && r.actor === 'user:scenario' && r.verb === 'patch')).toBe(false);
  });
});
