/** A small cluster for the network tests: a node, Services and pods whose slices the real controller publishes. */
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import { endpointSliceController } from '../../../src/controllers/endpoint-slice/endpoint-slice-controller.js';
import type { KubeObject } from '../../../src/model/index.js';
import type { TestEngine } from '../engine.js';
import { createPod, dualStackEngine, forCreate, SVC, user } from '../../controllers/endpoints/helpers.js';

export { pod, service, user, SVC, PODS, setStatus } from '../../controllers/endpoints/helpers.js';

/** A dual-stack engine with node-1 (zone-a) and the EndpointSlice controller running. */
export async function cluster(seed = 21): Promise<TestEngine> {
  const e = await dualStackEngine(seed);
  e.manager.add(endpointSliceController);
  await e.api.create({ group: '', version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'zone-a' } } }, user);
  return e;
}

export async function add(e: TestEngine, objs: readonly (Pod | Service | KubeObject)[]): Promise<void> {
  for (const o of objs) {
    if (o.kind === 'Pod') await createPod(e, o as Pod);
    else if (o.kind === 'Service') await e.api.create(SVC, forCreate(o as Service), user);
    else {
      const k = o as KubeObject;
      const [group, version] = k.apiVersion.includes('/') ? (k.apiVersion.split('/') as [string, string]) : ['', k.apiVersion];
      const resource = `${k.kind.toLowerCase()}${k.kind.endsWith('s') ? 'es' : 's'}`;
      await e.api.create({ group, version, resource, ...(k.metadata.namespace === undefined ? {} : { namespace: k.metadata.namespace }) }, k, user);
    }
  }
  await e.scheduler.run(e.clock.now() + 1000);
}
