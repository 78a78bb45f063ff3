/**
 * The EndpointSlice reconciler's packing (Kubernetes 1.32,
 * staging/src/k8s.io/endpointslice/reconciler.go), per address type and
 * port set:
 * 1. existing slices keep the endpoints still wanted (changed ones are
 *    replaced in place), lose the others, and are deleted when emptied;
 * 2. slices already being updated are filled up to maxEndpointsPerSlice;
 * 3. what remains goes, while fewer than the maximum, into the untouched
 *    slice that comes closest to full, else into new slices
 *    (`generateName: <service>-`);
 * slices of port sets or address types no longer wanted are deleted; a
 * Service with no endpoints at all keeps one placeholder slice (IPv4, no
 * ports, no endpoints); and a create paired with a delete of the same
 * address type becomes an update of that slice, to save churn. Slices whose
 * labels are not the Service's (plus the reserved ones) are updated.
 */
import type { Endpoint, EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import { refOf } from '../../model/index.js';
import type { AddressType, PortGroup } from './slice-endpoint.js';
import { endpointKey, portsKey } from './slice-endpoint.js';

export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SliceTemplate {
  readonly namespace: string;
  readonly generateName: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ownerReferences: readonly Record<string, unknown>[];
  /** The trigger-time annotation for created or updated slices (undefined: removed). */
  readonly triggerTime: string | undefined;
  readonly triggerAnnotation: string;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

interface Working {
  slice: EndpointSlice;
  endpoints: Endpoint[];
  changed: boolean;
}

function freshSlice(t: SliceTemplate, type: AddressType, ports: PortGroup['ports'] | undefined): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { generateName: t.generateName, namespace: t.namespace, labels: { ...t.labels }, ownerReferences: t.ownerReferences.map((o) => ({ ...o })) as never },
    addressType: type,
    endpoints: [],
    ports: ports === undefined ? [] : ports.map((p) => ({ ...p })),
  };
}

function finish(s: EndpointSlice, endpoints: Endpoint[], t: SliceTemplate): EndpointSlice {
  const annotations: Record<string, string> = { ...(s.metadata?.annotations ?? {}) };
  if (t.triggerTime === undefined) delete annotations[t.triggerAnnotation];
  else annotations[t.triggerAnnotation] = t.triggerTime;
  const { annotations: _a, ...meta } = s.metadata ?? {};
  return { ...s, metadata: { ...meta, labels: { ...t.labels }, ...(Object.keys(annotations).length === 0 ? {} : { annotations }) }, endpoints };
}

/** Commands that turn `existing` (the Service's managed slices, sorted by name) into the desired slices. */
export function reconcileSlices(
  desired: ReadonlyMap<AddressType, ReadonlyMap<string, PortGroup>>,
  existing: readonly EndpointSlice[],
  t: SliceTemplate,
  maxPerSlice = MAX_ENDPOINTS_PER_SLICE,
): Command[] {
  const creates: EndpointSlice[] = [];
  const updates: EndpointSlice[] = [];
  const deletes: EndpointSlice[] = [];
  const handled = new Set<EndpointSlice>();
  let anyEndpoints = false;

  for (const [type, groups] of desired) {
    for (const [pk, group] of groups) {
      if (group.endpoints.length > 0) anyEndpoints = true;
      const mine = existing.filter((s) => s.addressType === type && portsKey(s.ports) === pk);
      for (const s of mine) handled.add(s);
      const wanted = new Map(group.endpoints.map((e) => [endpointKey(e), e]));
      const work: Working[] = [];
      // 1. keep, replace or drop each existing endpoint
      for (const s of mine) {
        const endpoints: Endpoint[] = [];
        let changed = false;
        for (const e of s.endpoints ?? []) {
          const k = endpointKey(e);
          const want = wanted.get(k);
          if (want === undefined) {
            changed = true;
            continue;
          }
          wanted.delete(k);
          if (!sameJson(want, e)) changed = true;
          endpoints.push(want);
        }
        work.push({ slice: s, endpoints, changed });
      }
      const remaining = [...wanted.values()];
      // 2. fill slices already being updated
      for (const w of work) {
        if (!w.changed || w.endpoints.length === 0) continue;
        while (remaining.length > 0 && w.endpoints.length < maxPerSlice) w.endpoints.push(remaining.shift() as Endpoint);
      }
      // 3. the rest: the untouched slice closest to full when it fits, else new slices
      while (remaining.length > 0) {
        let fill: Working | undefined;
        if (remaining.length < maxPerSlice) {
          let closest = maxPerSlice;
          for (const w of work) {
            if (w.changed) continue;
            const diff = maxPerSlice - (remaining.length + w.endpoints.length);
            if (diff >= 0 && diff < closest) {
              closest = diff;
              fill = w;
            }
          }
        }
        if (fill === undefined) {
          fill = { slice: freshSlice(t, type, group.ports), endpoints: [], changed: true };
          work.push(fill);
        }
        fill.changed = true;
        while (remaining.length > 0 && fill.endpoints.length < maxPerSlice) fill.endpoints.push(remaining.shift() as Endpoint);
      }
      for (const w of work) {
        const labelsDiffer = !sameJson(sortedLabels(w.slice.metadata?.labels), sortedLabels(t.labels));
        if (w.slice.metadata?.name === undefined) creates.push(finish(w.slice, w.endpoints, t));
        else if (w.endpoints.length === 0) deletes.push(w.slice);
        else if (w.changed || labelsDiffer) updates.push(finish(w.slice, w.endpoints, t));
      }
    }
  }
  for (const s of existing) if (!handled.has(s)) deletes.push(s);

  // A Service without endpoints keeps one placeholder slice.
  if (!anyEndpoints && creates.length === 0 && updates.length === 0 && deletes.length === existing.length) {
    const placeholder = finish(freshSlice(t, 'IPv4', undefined), [], t);
    const i = deletes.findIndex((s) => s.addressType === 'IPv4' && (s.endpoints ?? []).length === 0 && (s.ports ?? []).length === 0);
    if (i >= 0) {
      const kept = deletes.splice(i, 1)[0] as EndpointSlice;
      if (!sameJson(sortedLabels(kept.metadata?.labels), sortedLabels(t.labels))) updates.push(finish(kept, [], t));
    } else creates.push(placeholder);
  }

  // A create paired with a delete of the same address type becomes an update of the deleted slice.
  const finalCreates: EndpointSlice[] = [];
  for (const c of creates) {
    const i = deletes.findIndex((d) => d.addressType === c.addressType);
    if (i < 0) {
      finalCreates.push(c);
      continue;
    }
    const d = deletes.splice(i, 1)[0] as EndpointSlice;
    const { generateName: _g, ...meta } = c.metadata ?? {};
    updates.push({ ...c, metadata: { ...d.metadata, ...meta, name: d.metadata?.name ?? '' } });
  }
  return [
    ...finalCreates.map((s): Command => ({ type: 'create', object: s as unknown as KubeObject })),
    ...updates.map((s): Command => ({ type: 'update', object: s as unknown as KubeObject })),
    ...deletes.map((s): Command => ({ type: 'delete', ref: refOf(s as unknown as KubeObject) })),
  ];
}

function sortedLabels(l: Readonly<Record<string, string>> | undefined): [string, string][] {
  return Object.entries(l ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
