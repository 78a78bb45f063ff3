/**
 * Controller settings: kube-controller-manager 1.32's flags, by their own
 * names, defaults and value syntax (`node-monitor-grace-period: 20s`,
 * `node-eviction-rate: 0.05`), for the controllers chronokube models. One
 * table (`CONTROLLER_FLAGS`) says which flags exist, their default as
 * `kube-controller-manager --help` prints it, and which controller option
 * each sets.
 *
 * Guarantees:
 * - an unknown flag, a flag chronokube does not model, or a value that does
 *   not parse is an error naming the flag (pflag's wording for bad values);
 *   Kubernetes 1.32 validates none of these flags beyond parsing, so the
 *   other refusals (a zero period, a negative rate) are chronokube's own
 *   and say so;
 * - `ControllerSettings` holds only flags whose value differs from the
 *   default, so the defaults are `{}` and a run at the defaults records
 *   nothing (its history header is unchanged);
 * - a history records what ran in its header's `meta.controllerManager`
 *   (a JSON object of flag → canonical value, sorted), and
 *   `recordedSettings` reads it back.
 *
 * @example
 * const settings = parseControllerSettings({ 'node-monitor-grace-period': '20s' });
 * new Cluster({ ...deps, settings });           // Unknown 20 s after the last heartbeat
 * settingsMeta(settings);                       // { controllerManager: '{"node-monitor-grace-period":"20s"}' }
 */
import type { hpaController, NodeLifecycleOptions } from '../controllers/index.js';
import type { HistoryHeader } from '../model/index.js';
import type { FlagType } from './flag-values.js';
import { formatFlagValue, parseFlagValue } from './flag-values.js';

/** Flag (without `--`) → value (milliseconds for durations); only flags that differ from their default. */
export type ControllerSettings = Readonly<Record<string, number>>;

type HpaOptions = NonNullable<Parameters<typeof hpaController>[1]>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The options each settable controller is built with. */
export interface ControllerOptions {
  readonly nodeLifecycle: NodeLifecycleOptions;
  readonly hpa: HpaOptions;
  readonly claimBinder: { readonly resyncMs?: number };
}

interface Options {
  nodeLifecycle: Mutable<NodeLifecycleOptions>;
  hpa: Mutable<HpaOptions>;
  claimBinder: { resyncMs?: number };
}

export interface ControllerFlag {
  readonly flag: string;
  readonly type: FlagType;
  /** As `kube-controller-manager --help` prints it. */
  readonly default: string;
  /** kube-controller-manager's name for the controller it configures. */
  readonly controller: string;
  /** chronokube's own limit (Kubernetes checks nothing but the syntax): why the value is refused, or undefined. */
  readonly refuse?: (v: number) => string | undefined;
  readonly apply: (o: Options, v: number) => void;
}

const notNegative = (v: number): string | undefined => (Number.isFinite(v) && v >= 0 ? undefined : 'must be a finite number ≥ 0');
const positive = (v: number): string | undefined => (v > 0 ? undefined : 'must be positive (a zero period would re-run without letting time pass)');

const NODE_LIFECYCLE = 'node-lifecycle-controller';
const HPA = 'horizontalpodautoscaling';
const PV_BINDER = 'persistentvolume-binder-controller';

export const CONTROLLER_FLAGS: readonly ControllerFlag[] = [
  // KubeCloudShared.NodeMonitorPeriod, read by the node lifecycle controller.
  { flag: 'node-monitor-period', type: 'duration', default: '5s', controller: NODE_LIFECYCLE, refuse: positive, apply: (o, v) => (o.nodeLifecycle.nodeMonitorPeriodMs = v) },
  { flag: 'node-monitor-grace-period', type: 'duration', default: '50s', controller: NODE_LIFECYCLE, refuse: notNegative, apply: (o, v) => (o.nodeLifecycle.nodeMonitorGracePeriodMs = v) },
  { flag: 'node-startup-grace-period', type: 'duration', default: '1m0s', controller: NODE_LIFECYCLE, refuse: notNegative, apply: (o, v) => (o.nodeLifecycle.nodeStartupGracePeriodMs = v) },
  { flag: 'node-eviction-rate', type: 'float32', default: '0.1', controller: NODE_LIFECYCLE, refuse: notNegative, apply: (o, v) => (o.nodeLifecycle.evictionLimiterQPS = v) },
  { flag: 'secondary-node-eviction-rate', type: 'float32', default: '0.01', controller: NODE_LIFECYCLE, refuse: notNegative, apply: (o, v) => (o.nodeLifecycle.secondaryEvictionLimiterQPS = v) },
  { flag: 'large-cluster-size-threshold', type: 'int32', default: '50', controller: NODE_LIFECYCLE, refuse: notNegative, apply: (o, v) => (o.nodeLifecycle.largeClusterSizeThreshold = v) },
  { flag: 'unhealthy-zone-threshold', type: 'float32', default: '0.55', controller: NODE_LIFECYCLE, refuse: notNegative, apply: (o, v) => (o.nodeLifecycle.unhealthyZoneThreshold = v) },
  { flag: 'horizontal-pod-autoscaler-sync-period', type: 'duration', default: '15s', controller: HPA, refuse: positive, apply: (o, v) => (o.hpa.syncPeriodMs = v) },
  { flag: 'horizontal-pod-autoscaler-downscale-stabilization', type: 'duration', default: '5m0s', controller: HPA, refuse: notNegative, apply: (o, v) => (o.hpa.downscaleStabilizationMs = v) },
  { flag: 'horizontal-pod-autoscaler-tolerance', type: 'float64', default: '0.1', controller: HPA, refuse: notNegative, apply: (o, v) => (o.hpa.tolerance = v) },
  { flag: 'horizontal-pod-autoscaler-cpu-initialization-period', type: 'duration', default: '5m0s', controller: HPA, refuse: notNegative, apply: (o, v) => (o.hpa.cpuInitializationPeriodMs = v) },
  { flag: 'horizontal-pod-autoscaler-initial-readiness-delay', type: 'duration', default: '30s', controller: HPA, refuse: notNegative, apply: (o, v) => (o.hpa.delayOfInitialReadinessStatusMs = v) },
  { flag: 'pvclaimbinder-sync-period', type: 'duration', default: '15s', controller: PV_BINDER, refuse: positive, apply: (o, v) => (o.claimBinder.resyncMs = v) },
];

const BY_FLAG = new Map(CONTROLLER_FLAGS.map((f) => [f.flag, f]));

/** kube-controller-manager flags chronokube knows but does not model, and why. */
const NOT_MODELLED: Readonly<Record<string, string>> = {
  'terminated-pod-gc-threshold': "chronokube's pod GC does not collect terminated pods by count",
  'resource-quota-sync-period': "chronokube's resource quota controller resyncs every 5m0s, fixed",
  'max-endpoints-per-slice': "chronokube's EndpointSlice controller packs 100 endpoints per slice, fixed",
  'namespace-sync-period': "chronokube's namespace controller has no periodic resync",
  'horizontal-pod-autoscaler-upscale-delay': 'deprecated in Kubernetes and a no-op there',
  'horizontal-pod-autoscaler-downscale-delay': 'deprecated in Kubernetes and a no-op there',
  'pod-eviction-timeout': 'removed from kube-controller-manager in 1.27; taint-based eviction uses the pods’ tolerations (300 s by default)',
};

export class ControllerSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControllerSettingsError';
  }
}

/** A flag name as users write it (`--node-monitor-period` or `node-monitor-period`), checked against the table. */
function flagOf(name: string): ControllerFlag {
  const flag = name.replace(/^--?/, '');
  const known = BY_FLAG.get(flag);
  if (known !== undefined) return known;
  const why = NOT_MODELLED[flag] ?? (flag.startsWith('concurrent-') ? "chronokube's controllers reconcile one key at a time" : undefined);
  if (why !== undefined) throw new ControllerSettingsError(`--${flag}: a kube-controller-manager flag chronokube does not model (${why})`);
  throw new ControllerSettingsError(`unknown flag: --${flag} (chronokube models ${CONTROLLER_FLAGS.map((f) => `--${f.flag}`).join(', ')})`);
}

/** The flag's value parsed and checked; numbers (from YAML) are read as their decimal text. */
export function parseSetting(name: string, value: unknown): { readonly flag: string; readonly value: number } {
  const spec = flagOf(name);
  if (typeof value !== 'string' && typeof value !== 'number') throw new ControllerSettingsError(`--${spec.flag}: the value must be a string or a number, got ${JSON.stringify(value)}`);
  const text = String(value).trim();
  let v: number;
  try {
    v = parseFlagValue(spec.flag, spec.type, text);
  } catch (e) {
    throw new ControllerSettingsError(e instanceof Error ? e.message : String(e));
  }
  const why = spec.refuse?.(v);
  if (why !== undefined) throw new ControllerSettingsError(`--${spec.flag}=${text}: chronokube refuses it: ${why}`);
  return { flag: spec.flag, value: v };
}

/** `--flag=VALUE` with the value in its canonical form (`--node-monitor-grace-period=2m0s`); throws as `parseSetting`. */
export function describeSetting(name: string, value: unknown): string {
  const { flag, value: v } = parseSetting(name, value);
  return `--${flag}=${formatFlagValue(flagOf(flag).type, v)}`;
}

/** `{flag: value}` (a scenario's `controllerManager`, `--set` arguments) over `base`; defaults drop out. */
export function parseControllerSettings(input: Readonly<Record<string, unknown>>, base: ControllerSettings = {}): ControllerSettings {
  const out: Record<string, number> = { ...base };
  for (const [name, value] of Object.entries(input)) {
    const { flag, value: v } = parseSetting(name, value);
    if (v === defaultOf(flag)) delete out[flag];
    else out[flag] = v;
  }
  return sortedKeys(out);
}

/** `node-monitor-grace-period=20s` (the CLI's `--set`). */
export function parseSettingArg(arg: string): { readonly flag: string; readonly value: string } {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new ControllerSettingsError(`--set wants FLAG=VALUE (a kube-controller-manager flag, e.g. node-monitor-grace-period=20s), got ${JSON.stringify(arg)}`);
  const flag = arg.slice(0, eq).replace(/^--?/, '');
  parseSetting(flag, arg.slice(eq + 1));
  return { flag, value: arg.slice(eq + 1) };
}

function defaultOf(flag: string): number {
  const spec = BY_FLAG.get(flag);
  if (spec === undefined) throw new ControllerSettingsError(`unknown flag: --${flag}`);
  return parseFlagValue(flag, spec.type, spec.default);
}

function sortedKeys(o: Readonly<Record<string, number>>): ControllerSettings {
  return Object.freeze(Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k] as number])));
}

/** The settings as flag → canonical value text (`20s`, `5m0s`, `0.05`), sorted. */
export function formatControllerSettings(s: ControllerSettings): Readonly<Record<string, string>> {
  return Object.fromEntries(Object.keys(s).sort().map((flag) => [flag, formatFlagValue(flagOf(flag).type, s[flag] as number)]));
}

/** The options each settable controller is built with (empty objects at the defaults). */
export function controllerOptions(s: ControllerSettings = {}): ControllerOptions {
  const o: Options = { nodeLifecycle: {}, hpa: {}, claimBinder: {} };
  for (const [flag, v] of Object.entries(s)) flagOf(flag).apply(o, v);
  return o;
}

/** The history header's meta key that records the settings of the run. */
export const SETTINGS_META_KEY = 'controllerManager';

/** `{ controllerManager: '{"flag":"value",…}' }`, or `{}` at the defaults (so such headers stay as they were). */
export function settingsMeta(s: ControllerSettings): Readonly<Record<string, string>> {
  return Object.keys(s).length === 0 ? {} : { [SETTINGS_META_KEY]: JSON.stringify(formatControllerSettings(s)) };
}

/** A header recording `s` in place of whatever settings it recorded. */
export function withSettingsMeta(header: HistoryHeader, s: ControllerSettings): HistoryHeader {
  if (header.meta === undefined && Object.keys(s).length === 0) return header;
  const { [SETTINGS_META_KEY]: _old, ...meta } = header.meta ?? {};
  return { ...header, meta: { ...meta, ...settingsMeta(s) } };
}

/** The settings a history was recorded with (its header's `meta.controllerManager`; none: the defaults). */
export function recordedSettings(header: HistoryHeader): ControllerSettings {
  const text = header.meta?.[SETTINGS_META_KEY];
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ControllerSettingsError(`the history header's meta.${SETTINGS_META_KEY} is not a JSON object of flag → value: ${text}`);
  }
  return parseControllerSettings(parsed as Record<string, unknown>);
}
