/** Shared end-to-end setup for the Job tests: engine, scheduler, one kubelet, the Job controllers. */
import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { jobController } from '../../../src/controllers/job/job-controller.js';
import { ttlAfterFinishedController } from '../../../src/controllers/job/ttl-after-finished.js';
import { nodeAgent } from '../../../src/controllers/node-agent/node-agent.js';
import { schedulerController } from '../../../src/controllers/scheduler/scheduler.js';
import type { ControllerDefinition } from '../../../src/controllers/controller.js';
import type { KubeObject } from '../../../src/model/index.js';
import type { BehaviourRule } from '../../../src/runtime/world/behaviour-rules.js';
import { createWorld } from '../../../src/runtime/world/create-world.js';
import { testEngine } from '../../runtime/engine.js';

export const user = { actor: 'user:alice' };
export const JOBS = { group: 'batch', version: 'v1', resource: 'jobs', namespace: 'default' } as const;
export const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' } as const;
export const EVENTS = { group: '', version: 'v1', resource: 'events', namespace: 'default' } as const;
export const EPOCH = Date.UTC(2026, 0, 1);

export function job(name: string, spec: Record<string, unknown> = {}, app = name): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      ...spec,
      template: { metadata: { labels: { app } }, spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox' }] } },
    },
  };
}

export async function jobEngine(behaviours: BehaviourRule[], extra: ControllerDefinition[] = [ttlAfterFinishedController]) {
  const e = await testEngine();
  const world = createWorld({ behaviours });
  e.manager.add(schedulerController());
  for (const d of nodeAgent('node-1', world, { podCIDRs: ['10.244.1.0/24'] })) e.manager.add(d);
  e.manager.add(jobController);
  for (const d of extra) e.manager.add(d);
  await e.scheduler.run(1000);
  const getJob = (name: string): Job | undefined => e.store.head().get(`batch/jobs/default/${name}`) as unknown as Job | undefined;
  const pods = (): Pod[] => e.api.list(PODS).items as unknown as Pod[];
  const events = (reason?: string): KubeObject[] => e.api.list(EVENTS).items.filter((ev) => reason === undefined || ev['reason'] === reason);
  return { ...e, world, getJob, pods, events };
}
