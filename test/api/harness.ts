/**
 * The in-process stack for API tests: memory log, store, virtual clock and a
 * fixed seed, with the system namespaces bootstrapped.
 */
import { createApi } from '../../src/api/index.js';
import type { Api, ApiOptions } from '../../src/api/index.js';
import { createMemoryLog } from '../../src/log/index.js';
import type { Log } from '../../src/log/index.js';
import type { KubeObject, RequestContext } from '../../src/model/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, seededIds, seededRandom } from '../../src/model/index.js';
import { virtualClock } from '../../src/runtime/index.js';
import type { VirtualClock } from '../../src/runtime/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';

export interface Harness {
  readonly api: Api;
  readonly log: Log;
  readonly store: Store;
  readonly clock: VirtualClock;
}

export const EPOCH = Date.UTC(2026, 0, 1);
export const alice: RequestContext = { actor: 'user:alice' };

export async function harness(seed = 1, opts: Pick<ApiOptions, 'admission' | 'authorizer'> = {}): Promise<Harness> {
  const log = createMemoryLog({ format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: EPOCH, clock: 'virtual', seed });
  const store = await openStore(log);
  const clock = virtualClock(0);
  const api = createApi({ log, store, clock, ids: seededIds(seededRandom(seed)), ...opts });
  await api.bootstrap();
  return { api, log, store, clock };
}

export const pods = (namespace = 'default', name?: string) => ({
  group: '',
  version: 'v1',
  resource: 'pods',
  namespace,
  ...(name === undefined ? {} : { name }),
});
export const configMaps = (namespace = 'default', name?: string) => ({
  group: '',
  version: 'v1',
  resource: 'configmaps',
  namespace,
  ...(name === undefined ? {} : { name }),
});
export const deployments = (namespace = 'default', name?: string) => ({
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  namespace,
  ...(name === undefined ? {} : { name }),
});
export const namespaces = (name?: string) => ({ group: '', version: 'v1', resource: 'namespaces', ...(name === undefined ? {} : { name }) });

export function pod(name: string, labels: Record<string, string> = {}, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...extra },
  };
}

export function configMap(name: string, data: Record<string, string> = { a: '1' }, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data };
}

export function deployment(name: string, replicas = 2, image = 'nginx:1.27'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
    },
  };
}

/** Runs `f`, expecting a Status error with `reason`; returns the Status. */
export async function refused(f: () => unknown, reason: string): Promise<{ reason: string; code: number; message: string; details?: unknown }> {
  try {
    await f();
  } catch (e) {
    const status = (e as { status?: { reason: string; code: number; message: string; details?: unknown } }).status;
    if (status === undefined) throw e;
    if (status.reason !== reason) throw new Error(`expected ${reason}, got ${status.reason}: ${status.message}`);
    return status;
  }
  throw new Error(`expected ${reason}, but the call succeeded`);
}
