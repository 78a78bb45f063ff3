import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { cli, tempHistory } from './capture.js';

/** One run of the rolling-update fixture (revision 1: nginx:1.27, revision 2: nginx:1.28), copied per test. */
let rolled = '';
beforeAll(async () => {
  rolled = tempHistory();
  const r = await cli('run', 'fixtures/deployment-rolling-update.yaml', '--out', rolled);
  expect(r.code).toBe(0);
}, 60_000);

function copy(): string {
  const h = tempHistory();
  copyFileSync(rolled, h);
  return h;
}

describe('chronokube rollout', () => {
  it('history lists the revisions, and one revision shows its pod template without the hash label', async () => {
    const h = copy();
    const list = await cli('rollout', 'history', 'deployment/web', '--history', h);
    expect(list.code).toBe(0);
    expect(list.out.split('\n')).toEqual(['deployment.apps/web', 'REVISION  CHANGE-CAUSE', '1         <none>', '2         <none>', '']);
    const one = await cli('rollout', 'history', 'deploy', 'web', '--revision', '1', '--history', h);
    expect(one.out).toContain('deployment.apps/web with revision #1');
    expect(one.out).toContain('image: nginx:1.27');
    expect(one.out).not.toContain('pod-template-hash');
    const missing = await cli('rollout', 'history', 'deployment/web', '--revision', '7', '--history', h);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('error: unable to find the specified revision 7');
  });

  it('status reports a finished rollout, and the progress of an earlier revision', async () => {
    const h = copy();
    const done = await cli('rollout', 'status', 'deployment/web', '--history', h);
    expect(done.out).toBe('deployment "web" successfully rolled out');
    const history = await cli('history', '--history', h, '-o', 'json', '--kind', 'deployments');
    const imageChange = history.out
      .split('\n')
      .map((l) => JSON.parse(l) as { rev: number; actor: string })
      .find((r) => r.actor === 'user:scenario' && r.rev > 100);
    expect(imageChange).toBeDefined();
    const midway = await cli('rollout', 'status', 'deployment/web', '--history', h, '--at', String((imageChange?.rev ?? 0) + 1));
    expect(midway.out).toMatch(/^Waiting for deployment/);
  });

  it('undo copies the previous revision\'s template into the Deployment with one recorded patch', async () => {
    const h = copy();
    const undo = await cli('rollout', 'undo', 'deployment/web', '--history', h, '--as', 'alice');
    expect(undo.code).toBe(0);
    expect(undo.out).toBe('deployment.apps/web rolled back');
    const d = JSON.parse((await cli('get', 'deployment/web', '-o', 'json', '--history', h)).out) as {
      spec: { template: { metadata: { labels: Record<string, string> }; spec: { containers: { image: string }[] } } };
    };
    expect(d.spec.template.spec.containers[0]?.image).toBe('nginx:1.27');
    expect(d.spec.template.metadata.labels).toEqual({ app: 'web' });
    const last = (await cli('history', '--history', h, '-o', 'json')).out.split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({ type: 'write', actor: 'user:alice', verb: 'patch', key: 'apps/deployments/default/web' });
    // Undoing to the revision it already has is skipped and writes nothing.
    const again = await cli('rollout', 'undo', 'deployment/web', '--to-revision', '1', '--history', h);
    expect(again.out).toBe('deployment.apps/web skipped rollback (current template already matches revision 1)');
    expect((await cli('history', '--history', h, '-o', 'json')).out.split('\n').at(-1)).toBe(last);
  });

  it('refuses an unknown revision, a paused deployment, and kinds it does not support', async () => {
    const h = copy();
    const unknown = await cli('rollout', 'undo', 'deployment/web', '--to-revision', '5', '--history', h);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('error: unable to find specified revision 5 in history');
    expect((await cli('rollout', 'pause', 'deployment/web', '--history', h)).out).toBe('deployment.apps/web paused');
    const twice = await cli('rollout', 'pause', 'deployment/web', '--history', h);
    expect(twice.err).toBe('error: deployments.apps "web" is already paused');
    const paused = await cli('rollout', 'undo', 'deployment/web', '--history', h);
    expect(paused.err).toBe("error: you cannot rollback a paused deployment; resume it first with 'chronokube rollout resume deployment/web' and try again");
    expect((await cli('rollout', 'resume', 'deployment/web', '--history', h)).out).toBe('deployment.apps/web resumed');
    const rs = await cli('rollout', 'history', 'replicasets', 'x', '--history', h);
    expect(rs.err).toBe('error: rollout supports deployments only so far, not "replicaset.apps"');
    const bad = await cli('rollout', 'rewind', 'deployment/web', '--history', h);
    expect(bad.err).toMatch(/^error: unknown rollout action "rewind"/);
    const gone = await cli('rollout', 'undo', 'deployment/nope', '--history', h);
    expect(gone.err).toBe('Error from server (NotFound): deployments.apps "nope" not found');
  });
});
