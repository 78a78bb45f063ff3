/**
 * Which resources a recording lists and watches, found by discovery (the
 * same `/api/v1`, `/apis`, `/apis/GROUP/VERSION` documents kubectl reads):
 * every resource of each group's preferred version that can be listed and
 * watched, custom resources included — minus the ones that are noise for an
 * incident (`events` of either group: the record of what happened is the
 * history itself; `leases`: heartbeats every 10 s per node) and `secrets`
 * unless asked. `kinds` narrows the choice by plural (`pods`),
 * `plural.group` (`deployments.apps`), kind (`Deployment`) or short name (`deploy`),
 * and may name the noisy ones explicitly.
 *
 * @example
 * await discoverResources(kc, { kinds: ['pods', 'deployments.apps'] })
 * // [{ group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true }, { group: '', ... 'pods' ... }]
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { getJson } from './kube-request.js';

export interface RecordedResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
}

/** The API path of a resource's collection (in one namespace, or all). */
export function collectionPath(r: RecordedResource, namespace?: string): string {
  const base = r.group === '' ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  return r.namespaced && namespace !== undefined ? `${base}/namespaces/${namespace}/${r.resource}` : `${base}/${r.resource}`;
}

export const apiVersionOf = (r: RecordedResource): string => (r.group === '' ? r.version : `${r.group}/${r.version}`);
export const resourceName = (r: RecordedResource): string => (r.group === '' ? r.resource : `${r.resource}.${r.group}`);

const NOISE: ReadonlySet<string> = new Set(['events', 'events.events.k8s.io', 'leases.coordination.k8s.io']);

interface ApiResource {
  name?: string;
  kind?: string;
  namespaced?: boolean;
  verbs?: string[];
  shortNames?: string[];
}

async function resourcesOf(kc: KubeConfig, group: string, version: string): Promise<RecordedResource[]> {
  const path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  const list = (await getJson(kc, path)) as { resources?: ApiResource[] };
  return (list.resources ?? [])
    .filter((r) => typeof r.name === 'string' && !r.name.includes('/') && (r.verbs ?? []).includes('list') && (r.verbs ?? []).includes('watch'))
    .map((r) => ({ group, version, resource: r.name as string, kind: r.kind ?? '', namespaced: r.namespaced === true, shortNames: r.shortNames ?? [] }));
}

export async function discoverResources(kc: KubeConfig, opts: { kinds?: readonly string[]; includeSecrets?: boolean } = {}): Promise<RecordedResource[]> {
  const groups = (await getJson(kc, '/apis')) as { groups?: { name?: string; preferredVersion?: { version?: string } }[] };
  const all = await resourcesOf(kc, '', 'v1');
  for (const g of groups.groups ?? []) {
    if (typeof g.name !== 'string' || typeof g.preferredVersion?.version !== 'string') continue;
    all.push(...(await resourcesOf(kc, g.name, g.preferredVersion.version)));
  }
  const wanted = opts.kinds === undefined || opts.kinds.length === 0 ? undefined : opts.kinds.map((k) => k.toLowerCase());
  const chosen = all.filter((r) => {
    const name = resourceName(r);
    if (wanted === undefined) return !NOISE.has(name) && (r.resource !== 'secrets' || r.group !== '' || opts.includeSecrets === true);
    return wanted.some((w) => w === name || w === r.resource || w === r.kind.toLowerCase() || r.shortNames.includes(w));
  });
  if (opts.includeSecrets !== true && chosen.some((r) => r.group === '' && r.resource === 'secrets')) {
    throw new Error('Secrets are recorded only when asked for (--include-secrets, with an encryption key)');
  }
  if (wanted !== undefined) {
    const unknown = wanted.filter((w) => !chosen.some((r) => w === resourceName(r) || w === r.resource || w === r.kind.toLowerCase() || r.shortNames.includes(w)));
    if (unknown.length > 0) throw new Error(`the server has no listable, watchable resource named ${unknown.map((u) => `"${u}"`).join(', ')}`);
  }
  return chosen.sort((a, b) => (resourceName(a) < resourceName(b) ? -1 : resourceName(a) > resourceName(b) ? 1 : 0));
}
