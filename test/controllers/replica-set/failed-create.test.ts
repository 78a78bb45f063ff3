import { describe, expect, it } from 'vitest';
import { replicaSetController } from '../../../src/controllers/replica-set/replica-set.js';
import { forbidden } from '../../../src/model/index.js';
import { testEngine } from '../../runtime/engine.js';
import { RS, replicaSet, user } from './fixtures.js';

describe('ReplicaSet in a live run: refused pod creates', () => {
  it('reports FailedCreate and the ReplicaFailure condition from the runtime-reported refusal, then recovers', async () => {
    const e = await testEngine();
    let refuse = true;
    const execute = e.api.execute.bind(e.api);
    e.api.execute = (command, ctx) => {
      if (refuse && command.type === 'create' && command.object.kind === 'Pod') {
        return Promise.reject(forbidden({ group: '', resource: 'pods' }, '', 'exceeded quota: compute, requested: pods=1, used: pods=0, limited: pods=0'));
      }
      return execute(command, ctx);
    };
    e.manager.add(replicaSetController);
    await e.api.create(RS, replicaSet('web', 2), user);
    await e.scheduler.run(2_000);
    const events = e.api.list({ group: '', version: 'v1', resource: 'events', namespace: 'default' }).items;
    expect(events.find((ev) => ev['reason'] === 'FailedCreate')?.['message']).toContain('Error creating: pods "" is forbidden: exceeded quota');
    const conditions = (e.api.get({ ...RS, name: 'web' })['status'] as { conditions?: { type: string; status: string; reason?: string }[] }).conditions;
    expect(conditions?.find((c) => c.type === 'ReplicaFailure')).toMatchObject({ status: 'True', reason: 'FailedCreate' });
    refuse = false;
    await e.scheduler.run(60_000);
    expect(e.api.list({ group: '', version: 'v1', resource: 'pods', namespace: 'default' }).items).toHaveLength(2);
    const after = (e.api.get({ ...RS, name: 'web' })['status'] as { conditions?: { type: string }[] }).conditions ?? [];
    expect(after.find((c) => c.type === 'ReplicaFailure')).toBeUndefined();
  });
});
