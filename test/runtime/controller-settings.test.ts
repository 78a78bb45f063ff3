import { describe, expect, it } from 'vitest';
import { HPA_CONTROLLER, NODE_LIFECYCLE_CONTROLLER, NODE_LIFECYCLE_DEFAULTS } from '../../src/controllers/index.js';
import type { HistoryHeader } from '../../src/model/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION } from '../../src/model/index.js';
import { controlPlaneControllers } from '../../src/runtime/cluster.js';
import {
  CONTROLLER_FLAGS,
  controllerOptions,
  describeSetting,
  formatControllerSettings,
  parseControllerSettings,
  parseSettingArg,
  recordedSettings,
  settingsMeta,
  withSettingsMeta,
} from '../../src/runtime/controller-settings.js';
import { parseFlagValue } from '../../src/runtime/flag-values.js';

const header: HistoryHeader = { format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: 0, clock: 'virtual', seed: 1, meta: { scenario: 's' } };

/** A value for each flag that differs from its default, and the option it must land in. */
const EACH: readonly [string, string, keyof ReturnType<typeof controllerOptions>, string, number][] = [
  ['node-monitor-period', '2s', 'nodeLifecycle', 'nodeMonitorPeriodMs', 2000],
  ['node-monitor-grace-period', '20s', 'nodeLifecycle', 'nodeMonitorGracePeriodMs', 20_000],
  ['node-startup-grace-period', '2m', 'nodeLifecycle', 'nodeStartupGracePeriodMs', 120_000],
  ['node-eviction-rate', '0.5', 'nodeLifecycle', 'evictionLimiterQPS', 0.5],
  ['secondary-node-eviction-rate', '0', 'nodeLifecycle', 'secondaryEvictionLimiterQPS', 0],
  ['large-cluster-size-threshold', '10', 'nodeLifecycle', 'largeClusterSizeThreshold', 10],
  ['unhealthy-zone-threshold', '0.7', 'nodeLifecycle', 'unhealthyZoneThreshold', 0.7],
  ['horizontal-pod-autoscaler-sync-period', '30s', 'hpa', 'syncPeriodMs', 30_000],
  ['horizontal-pod-autoscaler-downscale-stabilization', '1m', 'hpa', 'downscaleStabilizationMs', 60_000],
  ['horizontal-pod-autoscaler-tolerance', '0.2', 'hpa', 'tolerance', 0.2],
  ['horizontal-pod-autoscaler-cpu-initialization-period', '1m', 'hpa', 'cpuInitializationPeriodMs', 60_000],
  ['horizontal-pod-autoscaler-initial-readiness-delay', '10s', 'hpa', 'delayOfInitialReadinessStatusMs', 10_000],
  ['pvclaimbinder-sync-period', '1m', 'claimBinder', 'resyncMs', 60_000],
];

describe('controller settings (kube-controller-manager flags)', () => {
  it('every flag in the table is tested here, and its default is 1.32’s', () => {
    expect(CONTROLLER_FLAGS.map((f) => f.flag).sort()).toEqual(EACH.map((e) => e[0]).sort());
    const ms = (flag: string): number => {
      const f = CONTROLLER_FLAGS.find((x) => x.flag === flag);
      return parseFlagValue(flag, f?.type ?? 'duration', f?.default ?? '');
    };
    expect(ms('node-monitor-period')).toBe(NODE_LIFECYCLE_DEFAULTS.nodeMonitorPeriodMs);
    expect(ms('node-monitor-grace-period')).toBe(50_000);
    expect(ms('node-startup-grace-period')).toBe(60_000);
    expect(ms('node-eviction-rate')).toBe(NODE_LIFECYCLE_DEFAULTS.evictionLimiterQPS);
    expect(ms('secondary-node-eviction-rate')).toBe(0.01);
    expect(ms('large-cluster-size-threshold')).toBe(50);
    expect(ms('unhealthy-zone-threshold')).toBe(0.55);
    expect(ms('horizontal-pod-autoscaler-sync-period')).toBe(15_000);
    expect(ms('horizontal-pod-autoscaler-downscale-stabilization')).toBe(300_000);
    expect(ms('horizontal-pod-autoscaler-tolerance')).toBe(0.1);
    expect(ms('horizontal-pod-autoscaler-cpu-initialization-period')).toBe(300_000);
    expect(ms('horizontal-pod-autoscaler-initial-readiness-delay')).toBe(30_000);
    expect(ms('pvclaimbinder-sync-period')).toBe(15_000);
  });

  it.each(EACH)('--%s=%s sets %s.%s', (flag, value, controller, option, expected) => {
    const s = parseControllerSettings({ [flag]: value });
    expect(s).toEqual({ [flag]: expected });
    const o = controllerOptions(s) as unknown as Record<string, Record<string, number>>;
    expect(o[controller]).toEqual({ [option]: expected });
    for (const other of ['nodeLifecycle', 'hpa', 'claimBinder'].filter((c) => c !== controller)) expect(o[other]).toEqual({});
  });

  it('the defaults are no settings at all: none given, or each given at its default value (also in other spellings)', () => {
    expect(parseControllerSettings({})).toEqual({});
    expect(controllerOptions({})).toEqual({ nodeLifecycle: {}, hpa: {}, claimBinder: {} });
    const atDefaults = Object.fromEntries(CONTROLLER_FLAGS.map((f) => [f.flag, f.default]));
    expect(parseControllerSettings(atDefaults)).toEqual({});
    expect(parseControllerSettings({ 'node-monitor-grace-period': '50000ms', 'node-startup-grace-period': '60s', 'large-cluster-size-threshold': 50, 'node-eviction-rate': 0.1 })).toEqual({});
    // A later value at the default removes an earlier one.
    expect(parseControllerSettings({ 'node-monitor-grace-period': '50s' }, { 'node-monitor-grace-period': 20_000 })).toEqual({});
  });

  it('takes YAML numbers, a leading --, and keeps the base', () => {
    const s = parseControllerSettings({ '--large-cluster-size-threshold': 5, 'node-eviction-rate': 0.02 }, { 'node-monitor-grace-period': 20_000 });
    expect(s).toEqual({ 'large-cluster-size-threshold': 5, 'node-eviction-rate': 0.02, 'node-monitor-grace-period': 20_000 });
    expect(Object.keys(s)).toEqual(['large-cluster-size-threshold', 'node-eviction-rate', 'node-monitor-grace-period']);
  });

  it('refuses unknown flags, flags chronokube does not model, and bad values, naming the flag', () => {
    expect(() => parseControllerSettings({ 'node-monitor-grace': '20s' })).toThrow(/^unknown flag: --node-monitor-grace \(chronokube models --node-monitor-period, /);
    expect(() => parseControllerSettings({ 'terminated-pod-gc-threshold': 100 })).toThrow("--terminated-pod-gc-threshold: a kube-controller-manager flag chronokube does not model (chronokube's pod GC does not collect terminated pods by count)");
    expect(() => parseControllerSettings({ 'concurrent-deployment-syncs': 10 })).toThrow('--concurrent-deployment-syncs: a kube-controller-manager flag chronokube does not model');
    expect(() => parseControllerSettings({ 'pod-eviction-timeout': '1m' })).toThrow('removed from kube-controller-manager in 1.27');
    expect(() => parseControllerSettings({ 'node-monitor-grace-period': 20 })).toThrow('invalid argument "20" for "--node-monitor-grace-period" flag: time: missing unit in duration "20"');
    expect(() => parseControllerSettings({ 'node-monitor-grace-period': '20 s' })).toThrow('for "--node-monitor-grace-period" flag: time: unknown unit " s"');
    expect(() => parseControllerSettings({ 'large-cluster-size-threshold': '5.5' })).toThrow('invalid argument "5.5" for "--large-cluster-size-threshold" flag: strconv.ParseInt: parsing "5.5": invalid syntax');
    expect(() => parseControllerSettings({ 'horizontal-pod-autoscaler-tolerance': 'low' })).toThrow('for "--horizontal-pod-autoscaler-tolerance" flag: strconv.ParseFloat');
    expect(() => parseControllerSettings({ 'node-monitor-grace-period': true })).toThrow('--node-monitor-grace-period: the value must be a string or a number, got true');
  });

  it("refuses, as chronokube's own limits, zero periods and negative or infinite values", () => {
    expect(() => parseControllerSettings({ 'node-monitor-period': '0s' })).toThrow('--node-monitor-period=0s: chronokube refuses it: must be positive');
    expect(() => parseControllerSettings({ 'horizontal-pod-autoscaler-sync-period': '0' })).toThrow('--horizontal-pod-autoscaler-sync-period=0: chronokube refuses it: must be positive');
    expect(() => parseControllerSettings({ 'pvclaimbinder-sync-period': '-1s' })).toThrow('chronokube refuses it');
    expect(() => parseControllerSettings({ 'node-monitor-grace-period': '-5s' })).toThrow('--node-monitor-grace-period=-5s: chronokube refuses it: must be a finite number ≥ 0');
    expect(() => parseControllerSettings({ 'node-eviction-rate': 'Inf' })).toThrow('--node-eviction-rate=Inf: chronokube refuses it');
    expect(() => parseControllerSettings({ 'large-cluster-size-threshold': -1 })).toThrow('chronokube refuses it');
  });

  it('describes one setting canonically', () => {
    expect(describeSetting('node-monitor-grace-period', '120s')).toBe('--node-monitor-grace-period=2m0s');
    expect(describeSetting('--node-eviction-rate', 0.5)).toBe('--node-eviction-rate=0.5');
    expect(() => describeSetting('nope', '1s')).toThrow('unknown flag: --nope');
  });

  it('parses --set FLAG=VALUE arguments', () => {
    expect(parseSettingArg('node-monitor-grace-period=20s')).toEqual({ flag: 'node-monitor-grace-period', value: '20s' });
    expect(parseSettingArg('--node-eviction-rate=0.5')).toEqual({ flag: 'node-eviction-rate', value: '0.5' });
    expect(() => parseSettingArg('node-monitor-grace-period')).toThrow('--set wants FLAG=VALUE');
    expect(() => parseSettingArg('=20s')).toThrow('--set wants FLAG=VALUE');
    expect(() => parseSettingArg('node-monitor-grace-period=soon')).toThrow('time: invalid duration "soon"');
  });

  it('records the non-default flags in the header meta, canonically, and reads them back', () => {
    const s = parseControllerSettings({ 'node-monitor-grace-period': '20000ms', 'horizontal-pod-autoscaler-downscale-stabilization': '90s', 'node-eviction-rate': '.5' });
    expect(formatControllerSettings(s)).toEqual({ 'horizontal-pod-autoscaler-downscale-stabilization': '1m30s', 'node-eviction-rate': '0.5', 'node-monitor-grace-period': '20s' });
    expect(settingsMeta(s)).toEqual({ controllerManager: '{"horizontal-pod-autoscaler-downscale-stabilization":"1m30s","node-eviction-rate":"0.5","node-monitor-grace-period":"20s"}' });
    expect(settingsMeta({})).toEqual({});
    const recorded = withSettingsMeta(header, s);
    expect(recorded.meta).toEqual({ scenario: 's', ...settingsMeta(s) });
    expect(recordedSettings(recorded)).toEqual(s);
    // At the defaults the header is what it was; settings recorded before are replaced.
    expect(withSettingsMeta(header, {})).toEqual(header);
    const noMeta: HistoryHeader = { format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: 0, clock: 'virtual' };
    expect(withSettingsMeta(noMeta, {})).toBe(noMeta);
    expect(withSettingsMeta(recorded, {}).meta).toEqual({ scenario: 's' });
    expect(recordedSettings(header)).toEqual({});
    expect(() => recordedSettings({ ...header, meta: { controllerManager: '[1]' } })).toThrow("the history header's meta.controllerManager is not a JSON object of flag → value: [1]");
    expect(() => recordedSettings({ ...header, meta: { controllerManager: '{"nope":"1s"}' } })).toThrow('unknown flag: --nope');
  });

  it('controlPlaneControllers builds the node lifecycle and HPA controllers from the settings', () => {
    const world = { usage: () => undefined, loads: () => [] };
    const names = (defs: { name: string }[]): string[] => defs.map((d) => d.name);
    expect(names(controlPlaneControllers(world, parseControllerSettings({ 'node-monitor-grace-period': '20s' })))).toEqual(names(controlPlaneControllers(world)));
    expect(names(controlPlaneControllers(world))).toContain(NODE_LIFECYCLE_CONTROLLER);
    expect(names(controlPlaneControllers(world))).toContain(HPA_CONTROLLER);
  });
});
