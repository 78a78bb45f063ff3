/**
 * Runs a scenario in virtual time, as fast as the machine goes: the
 * control plane and one simulated kubelet per node start, the manifests are
 * applied at time 0, the timeline's steps happen at their times, and the run
 * ends when the cluster is stable (no writes but heartbeats for 5 virtual
 * minutes after the last step) or after a fixed duration. Same scenario and
 * seed, same history, byte for byte. The scenario's `controllerManager`
 * settings configure the controllers; the log's header must record them
 * (`settingsMeta`), so every reader of the history knows what ran.
 */
import type { Api } from '../../api/index.js';
import { createApi, DEFAULT_MASTER_ACTORS, rbacAuthorizer } from '../../api/index.js';
import type { ControllerDefinition } from '../../controllers/index.js';
import { planRollback, RollbackError } from '../../controllers/index.js';
import type { Log } from '../../log/index.js';
import type { Fault, KubeObject, RequestContext, WriteRecord } from '../../model/index.js';
import type { TrafficReport } from '../network/traffic-report.js';
import { trafficReport } from '../network/traffic-report.js';
import { asStatus, badRequest, objectKey, seededIds, seededRandom } from '../../model/index.js';
import { openStore } from '../../store/index.js';
import { Cluster } from '../cluster.js';
import type { ControllerSettings } from '../controller-settings.js';
import { SETTINGS_META_KEY, settingsMeta } from '../controller-settings.js';
import { installClusterAddons } from '../cluster-addons.js';
import { SimScheduler } from '../sim-scheduler.js';
import { virtualClock } from '../virtual-clock.js';
import { createWorld } from '../world/index.js';
import type { Scenario, Step } from './scenario.js';
import { startDrainStep } from './drain-step.js';

/** Stability: no writes but heartbeats for this long (the definition). */
export const STABLE_AFTER_MS = 5 * 60_000;
/** `until: stable` gives up this long after the last timeline step. */
export const GIVE_UP_AFTER_MS = 60 * 60_000;
const SLICE_MS = 10_000;
export const SCENARIO_ACTOR = 'user:scenario';

export interface RunScenarioOptions {
  /** Where the history goes; its header should be virtual, with the scenario's epoch and seed. */
  readonly log: Log;
  readonly seed?: number;
  readonly until: { readonly stable: true } | { readonly forMs: number };
  /** Users' controllers, started with the built-in ones. */
  readonly controllers?: readonly ControllerDefinition[];
}

export interface RunResult {
  /** Virtual time when the run ended. */
  readonly endedAt: number;
  /** For `until: stable`: whether it got there. */
  readonly stable: boolean;
  readonly writes: number;
  /** Timeline steps the API refused (the run goes on without them). */
  readonly warnings: readonly string[];
  /** The scenario's `traffic` streams, evaluated over the recorded history (absent without a traffic section). */
  readonly traffic?: readonly TrafficReport[];
}

/** Lease renewals and a kubelet's node status posts: the writes stability ignores. */
export function isHeartbeat(w: WriteRecord): boolean {
  if (w.key.startsWith('coordination.k8s.io/leases/kube-node-lease/')) return true;
  return w.key.startsWith('core/nodes/') && w.actor.startsWith('node:') && w.subresource === 'status';
}

export async function runScenario(scenario: Scenario, opts: RunScenarioOptions): Promise<RunResult> {
  const seed = opts.seed ?? scenario.seed;
  const { log } = opts;
  const settings = scenario.controllerManager ?? {};
  checkRecordedSettings(log, settings);
  const store = await openStore(log);
  const clock = virtualClock(0);
  // Users' in-process controllers run with full rights: their RBAC is theirs to test over HTTP with their own ServiceAccount.
  const masters = [...DEFAULT_MASTER_ACTORS, ...(opts.controllers ?? []).map((c) => c.actor ?? `controller:${c.name}`)];
  const api = createApi({ log, store, clock, ids: seededIds(seededRandom(seed)), strictServiceAccounts: true, authorizer: rbacAuthorizer(store, { masters }), admissionConfig: scenario.network ?? {} });
  const scheduler = new SimScheduler(clock);
  const world = createWorld({ behaviours: scenario.behaviours });
  const cluster = new Cluster({ api, store, log, scheduler, world, seed, settings });
  const warnings: string[] = [];
  let lastSignificant = 0;
  let writes = 0;
  const faults: { time: number; fault: Fault }[] = [];
  const sub = log.appended$.subscribe((batch) => {
    for (const r of batch) {
      if (r.type === 'fault') faults.push({ time: r.time, fault: r.fault });
      if (r.type !== 'write') continue;
      writes++;
      if (!isHeartbeat(r)) lastSignificant = r.time;
    }
  });
  try {
    await api.bootstrap();
    await installClusterAddons(api);
    cluster.start(opts.controllers ?? []);
    for (const node of scenario.nodes) cluster.addNode(node);
    await scheduler.run(0);
    for (const obj of scenario.manifests) await applyManifest(api, obj, warnings, true);
    for (const step of scenario.timeline) {
      scheduler.schedule(() => void scheduler.track(runStep(api, cluster, scheduler, step, warnings)), step.at - scheduler.now());
    }
    const lastStep = scenario.timeline.reduce((m, s) => Math.max(m, s.at), 0);
    let stable = false;
    if ('forMs' in opts.until) {
      await scheduler.run(opts.until.forMs);
    } else {
      for (;;) {
        await scheduler.run(scheduler.now() + SLICE_MS);
        const now = scheduler.now();
        if (now >= lastStep && now - Math.max(lastSignificant, lastStep) >= STABLE_AFTER_MS) {
          stable = true;
          break;
        }
        if (now >= lastStep + GIVE_UP_AFTER_MS) break;
      }
    }
    const traffic = (scenario.traffic ?? []).map((spec) => trafficReport(store, spec, { seed, faults }));
    return { endedAt: scheduler.now(), stable, writes, warnings, ...(traffic.length === 0 ? {} : { traffic }) };
  } finally {
    sub.unsubscribe();
    cluster.stop();
  }
}

/** A run whose header does not say which controller settings ran would mislead every reader (fork, re-simulation): refused. */
function checkRecordedSettings(log: Log, settings: ControllerSettings): void {
  const want = settingsMeta(settings)[SETTINGS_META_KEY];
  const have = log.header.meta?.[SETTINGS_META_KEY];
  if (have === want) return;
  throw new Error(
    want === undefined
      ? `the history header records controller settings (meta.${SETTINGS_META_KEY} = ${have ?? ''}) that the scenario does not set`
      : `the scenario sets controller settings ${want} that the history header does not record: give the log's header meta.${SETTINGS_META_KEY} (settingsMeta(scenario.controllerManager))`,
  );
}

async function applyManifest(api: Api, obj: KubeObject, warnings: string[], atStart: boolean): Promise<void> {
  try {
    await api.applyObject(obj, { actor: SCENARIO_ACTOR, fieldManager: 'chronokube-scenario' });
  } catch (e) {
    const s = asStatus(e);
    if (s === undefined) throw e;
    const what = `${obj.kind}/${obj.metadata.name ?? obj.metadata.generateName ?? ''}`;
    if (atStart) throw new Error(`the scenario's manifest ${what} was refused: ${s.message}`);
    warnings.push(`apply ${what}: ${s.message}`);
  }
}

async function runStep(api: Api, cluster: Cluster, scheduler: SimScheduler, step: Step, warnings: string[]): Promise<void> {
  const ctx = { actor: SCENARIO_ACTOR };
  const refused = (what: string, e: unknown): void => {
    const s = asStatus(e);
    if (s === undefined) throw e;
    warnings.push(`at ${step.at} ms, ${what}: ${s.message}`);
  };
  switch (step.type) {
    case 'apply':
      for (const obj of step.objects) await applyManifest(api, obj, warnings, false);
      return;
    case 'fault':
      await cluster.fault(step.fault);
      return;
    case 'add-node':
      cluster.addNode(step.node);
      return;
    case 'rollout':
      await rollout(api, step, ctx, refused);
      return;
    case 'drain':
      // Runs on in virtual time; awaiting it here would hold the scheduler.
      void startDrainStep(api, scheduler, step, ctx, warnings);
      return;
    case 'delete':
    case 'scale': {
      const kind = api.deps.kinds.resolveName(api.store.head(), step.kind);
      if (kind === undefined) {
        warnings.push(`at ${step.at} ms, ${step.type} ${step.kind}/${step.name}: unknown kind ${step.kind}`);
        return;
      }
      const target = {
        group: kind.info.group,
        version: kind.info.version,
        resource: kind.info.plural,
        name: step.name,
        ...(kind.info.namespaced ? { namespace: step.namespace ?? 'default' } : {}),
      };
      try {
        if (step.type === 'delete') {
          await api.delete(target, ctx, step.propagationPolicy === undefined ? {} : { propagationPolicy: step.propagationPolicy });
        } else {
          // As `kubectl scale`: through the scale subresource where the kind has one.
          const viaScale = kind.info.subresources.some((sub) => sub.name === 'scale');
          await api.patch(viaScale ? { ...target, subresource: 'scale' } : target, 'merge', { spec: { replicas: step.replicas } }, ctx);
        }
      } catch (e) {
        refused(`${step.type} ${objectKey({ group: kind.info.group, resource: kind.info.plural, namespace: target.namespace ?? '', name: step.name })}`, e);
      }
      return;
    }
  }
}

/** A `rollout` step: what `kubectl rollout undo|pause|resume deployment/NAME` writes (a refusal becomes a warning). */
async function rollout(api: Api, step: Extract<Step, { type: 'rollout' }>, ctx: RequestContext, refused: (what: string, e: unknown) => void): Promise<void> {
  const target = { group: 'apps', version: 'v1', resource: 'deployments', namespace: step.namespace ?? 'default', name: step.name };
  const what = `rollout ${step.action} deployment ${target.namespace}/${step.name}`;
  try {
    if (step.action === 'undo') {
      const plan = planRollback(api.store.head(), api.get(target), step.toRevision ?? 0);
      if (plan.kind === 'rollback') await api.patch(target, 'json', plan.patch, ctx);
    } else {
      await api.patch(target, 'strategic', { spec: { paused: step.action === 'pause' } }, ctx);
    }
  } catch (e) {
    if (e instanceof RollbackError) refused(what, badRequest(e.message));
    else refused(what, e);
  }
}
