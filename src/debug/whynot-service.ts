/**
 * `whynot` for a Service: "why does it have no (ready) endpoints?" — the
 * most common networking incident. Answered from the recorded state as a
 * user would check it by hand, in order:
 * - the Service kind that has no endpoints by design (ExternalName, no
 *   selector: endpoints are managed by hand);
 * - the selector matches no pod (and which pods come closest: they share
 *   a selector key but differ in value — the usual typo);
 * - matching pods that are not ready, terminating or have no IP yet (with
 *   their own `whynot` answers one level down);
 * - named target ports no container of a matching pod declares;
 * - what the EndpointSlices (or, without them, the Endpoints) say: ready
 *   pods the slices do not list yet mean the endpoint controllers lag.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { AttemptRecord, KubeObject } from '../model/index.js';
import { matches, objectKey, parseKey, selectorFromSet } from '../model/index.js';
import type { StateView, Store } from '../store/index.js';
import type { WhyNotFinding } from './whynot-evidence.js';
import { warningFindings } from './whynot-evidence.js';
import { whyNotPod } from './whynot-pod.js';
import type { WhyNotAnswer } from './whynot-types.js';

/** Pods answered at most, one level down. */
const MAX_PODS = 5;

const isReady = (p: Pod): boolean => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** Ready addresses the EndpointSlices of `svc` list (undefined when it has none), else its Endpoints'. */
function publishedReady(view: StateView, svc: Service): { readonly source: string; readonly ready: number; readonly notReady: number } | undefined {
  const ns = svc.metadata?.namespace ?? 'default';
  const name = svc.metadata?.name ?? '';
  const slices = view.list({ group: 'discovery.k8s.io', resource: 'endpointslices', namespace: ns }).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);
  if (slices.length > 0) {
    let ready = 0;
    let notReady = 0;
    for (const s of slices) {
      for (const e of (s['endpoints'] as { conditions?: { ready?: boolean } }[] | undefined) ?? []) {
        if (e.conditions?.ready === false) notReady++;
        else ready++;
      }
    }
    return { source: `${slices.length} EndpointSlice${slices.length === 1 ? '' : 's'}`, ready, notReady };
  }
  const ep = view.get(objectKey({ group: '', resource: 'endpoints', namespace: ns, name }));
  if (ep === undefined) return undefined;
  let ready = 0;
  let notReady = 0;
  for (const s of (ep['subsets'] as { addresses?: unknown[]; notReadyAddresses?: unknown[] }[] | undefined) ?? []) {
    ready += s.addresses?.length ?? 0;
    notReady += s.notReadyAddresses?.length ?? 0;
  }
  return { source: 'the Endpoints', ready, notReady };
}

/** Pods that share a key with the selector but do not match it: what a typo in a label looks like. */
function nearMisses(pods: readonly Pod[], selector: Readonly<Record<string, string>>): string[] {
  const keys = Object.keys(selector);
  return pods
    .filter((p) => keys.some((k) => p.metadata?.labels?.[k] !== undefined))
    .slice(0, MAX_PODS)
    .map((p) => {
      const labels = p.metadata?.labels ?? {};
      const diff = keys.filter((k) => labels[k] !== selector[k]).map((k) => `${k}=${labels[k] ?? '(none)'} (wants ${selector[k] ?? ''})`);
      return `pod ${p.metadata?.name ?? ''} has ${diff.join(', ')}`;
    });
}

/** Named target ports that no container of `pod` declares. */
function missingPorts(svc: Service, pod: Pod): string[] {
  const declared = new Set((pod.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => p.name).filter((n): n is string => n !== undefined)));
  return (svc.spec?.ports ?? [])
    .filter((p) => typeof p.targetPort === 'string' && !declared.has(p.targetPort))
    .map((p) => `port ${p.name ?? p.port}: targetPort "${String(p.targetPort)}" names no container port of pod ${pod.metadata?.name ?? ''}`);
}

function podState(p: Pod): string {
  if (p.metadata?.deletionTimestamp !== undefined) return 'terminating';
  if (p.status?.podIP === undefined || p.status.podIP === '') return p.spec?.nodeName === undefined ? 'not scheduled' : 'has no IP yet';
  return isReady(p) ? 'ready' : 'not ready';
}

export function whyNotService(store: Store, attempts: readonly AttemptRecord[], key: string, atRev: number): WhyNotAnswer {
  const k = parseKey(key);
  const question = `why does service ${k.namespace}/${k.name} have no ready endpoints?`;
  const view = store.at(atRev);
  const svc = view.get(key) as (KubeObject & Service) | undefined;
  if (svc === undefined) return { key, atRev, question, ok: false, findings: [{ summary: `${k.name} does not exist at revision ${atRev}`, source: 'state' }] };
  const answer = (ok: boolean, findings: WhyNotFinding[], related: WhyNotAnswer[] = []): WhyNotAnswer => ({
    key,
    atRev,
    question,
    ok,
    findings: [...findings, ...warningFindings(view, svc)],
    ...(related.length === 0 ? {} : { related }),
  });
  if (svc.spec?.type === 'ExternalName') {
    return answer(false, [{ summary: `it is an ExternalName Service (a DNS alias of ${svc.spec.externalName ?? '?'}): it never has endpoints`, source: 'state' }]);
  }
  const published = publishedReady(view, svc);
  const publishedLine = published === undefined ? 'no EndpointSlice or Endpoints is published for it' : `${published.source} list ${published.ready} ready and ${published.notReady} not-ready endpoints`;
  const selector = svc.spec?.selector ?? {};
  if (Object.keys(selector).length === 0) {
    return answer((published?.ready ?? 0) > 0, [
      { summary: 'it has no selector: its endpoints are managed by hand, not by the endpoint controllers', source: 'state' },
      { summary: publishedLine, source: 'state' },
    ]);
  }
  const selectorText = Object.entries(selector).map(([k2, v]) => `${k2}=${v}`).join(',');
  const inNamespace = view.list({ group: '', resource: 'pods', namespace: k.namespace }) as unknown as Pod[];
  const sel = selectorFromSet(selector);
  const matching = inNamespace.filter((p) => matches(sel, p.metadata?.labels ?? {}));
  const findings: WhyNotFinding[] = [];
  if (matching.length === 0) {
    const near = nearMisses(inNamespace, selector);
    findings.push({ summary: `its selector ${selectorText} matches no pod in namespace ${k.namespace}`, ...(near.length === 0 ? {} : { details: near }), source: 'state' });
    findings.push({ summary: publishedLine, source: 'state' });
    return answer(false, findings);
  }
  const byState = new Map<string, string[]>();
  for (const p of matching) {
    const s = podState(p);
    byState.set(s, [...(byState.get(s) ?? []), p.metadata?.name ?? '']);
  }
  const ready = byState.get('ready') ?? [];
  const states = [...byState.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, names]) => `${names.length} ${s}`);
  findings.push({ summary: `its selector ${selectorText} matches ${matching.length} pod${matching.length === 1 ? '' : 's'}: ${states.join(', ')}`, source: 'state' });
  const portProblems = matching.flatMap((p) => missingPorts(svc, p));
  if (portProblems.length > 0) findings.push({ summary: 'named target ports are missing from pods', details: portProblems.slice(0, MAX_PODS), source: 'state' });
  findings.push({ summary: publishedLine, source: 'state' });
  if (ready.length > 0 && published !== undefined && published.ready < ready.length) {
    findings.push({ summary: `${ready.length} matching pods are ready but only ${published.ready} are published: the endpoint controllers have not caught up`, source: 'state' });
  }
  const related = matching
    .filter((p) => podState(p) !== 'ready')
    .slice(0, MAX_PODS)
    .map((p) => whyNotPod(store, attempts, objectKey({ group: '', resource: 'pods', namespace: k.namespace, name: p.metadata?.name ?? '' }), atRev));
  return answer((published?.ready ?? 0) > 0, findings, related);
}
