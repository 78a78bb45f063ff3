/**
 * Reads a scenario file (YAML) into a `Scenario`, with errors that name the
 * file and the field (`spec.timeline[2].fault.kind: ...`). Manifests named by
 * `path` are loaded relative to the scenario file. Unknown fields are
 * refused, so a typo never silently changes a run.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Fault, KubeObject } from '../../model/index.js';
import { loadManifestPath } from '../../model/index.js';
import type { ControllerSettings } from '../controller-settings.js';
import { parseControllerSettings } from '../controller-settings.js';
import { parseDuration } from './duration.js';
import { parseDrainStep } from './drain-step.js';
import { parseTraffic } from './parse-traffic.js';
import type { ContainerBehaviour, ResourceUsage } from '../../model/index.js';
import { formatQuantity, milliValue, parseQuantity } from '../../model/index.js';
import type { BehaviourRule, Scenario, ScenarioNetwork, ScenarioNode, Step } from './scenario.js';
import { SCENARIO_API_VERSION } from './scenario.js';

export class ScenarioError extends Error {
  constructor(file: string, path: string, message: string) {
    super(`scenario ${file}: ${path === '' ? '' : `${path}: `}${message}`);
    this.name = 'ScenarioError';
  }
}

type Obj = Record<string, unknown>;
const DEFAULT_EPOCH = Date.UTC(2026, 0, 1);
/** What a timeline step can do (exactly one per step). */
const STEP_ACTIONS = ['apply', 'delete', 'scale', 'rollout', 'fault', 'load', 'addNode', 'drain', 'wait'];

export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioError(file, '', `cannot read it: ${e instanceof Error ? e.message : String(e)}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new ScenarioError(file, '', `not valid YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseScenario(doc, file);
}

export function parseScenario(doc: unknown, file = '<scenario>'): Scenario {
  const base = dirname(resolve(file));
  const fail = (path: string, message: string): never => {
    throw new ScenarioError(file, path, message);
  };
  const obj = (v: unknown, path: string): Obj => (isObj(v) ? v : fail(path, 'must be a mapping'));
  const only = (o: Obj, path: string, allowed: readonly string[]): void => {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) fail(path === '' ? k : `${path}.${k}`, `unknown field (allowed: ${allowed.join(', ')})`);
  };
  const str = (v: unknown, path: string): string => (typeof v === 'string' && v !== '' ? v : fail(path, 'must be a non-empty string'));
  const int = (v: unknown, path: string, min = 0): number =>
    typeof v === 'number' && Number.isInteger(v) && v >= min ? v : fail(path, `must be an integer ≥ ${min}`);
  const dur = (v: unknown, path: string): number => {
    try {
      return parseDuration(v as string | number, path);
    } catch (e) {
      return fail(path, e instanceof Error ? e.message.replace(`${path}: `, '') : String(e));
    }
  };
  const labels = (v: unknown, path: string): Record<string, string> => {
    if (v === undefined) return {};
    const o = obj(v, path);
    for (const [k, x] of Object.entries(o)) if (typeof x !== 'string') fail(`${path}.${k}`, 'must be a string');
    return o as Record<string, string>;
  };

  const root = obj(doc, '');
  only(root, '', ['apiVersion', 'kind', 'metadata', 'spec']);
  if (root['kind'] !== 'Scenario') fail('kind', `must be Scenario, got ${JSON.stringify(root['kind'])}`);
  if (root['apiVersion'] !== SCENARIO_API_VERSION) {
    fail('apiVersion', `must be ${SCENARIO_API_VERSION} (the only scenario version this chronokube reads), got ${JSON.stringify(root['apiVersion'])}`);
  }
  const name = str(obj(root['metadata'] ?? {}, 'metadata')['name'] ?? 'scenario', 'metadata.name');
  const spec = obj(root['spec'] ?? {}, 'spec');
  only(spec, 'spec', ['seed', 'epoch', 'network', 'controllerManager', 'nodes', 'manifests', 'behaviours', 'timeline', 'traffic']);

  const seed = spec['seed'] === undefined ? 1 : int(spec['seed'], 'spec.seed');
  let epoch = DEFAULT_EPOCH;
  if (spec['epoch'] !== undefined) {
    epoch = Date.parse(str(spec['epoch'], 'spec.epoch'));
    if (Number.isNaN(epoch)) fail('spec.epoch', 'must be an RFC 3339 time like 2026-01-01T00:00:00Z');
  }

  const nodeOf = (v: unknown, path: string, index: number, fallbackName?: string): ScenarioNode => {
    const n = obj(v, path);
    only(n, path, ['name', 'cpu', 'memory', 'pods', 'labels', 'taints', 'podCIDRs']);
    const taints = n['taints'] === undefined ? [] : Array.isArray(n['taints']) ? n['taints'] : fail(`${path}.taints`, 'must be a list');
    return {
      name: n['name'] === undefined && fallbackName !== undefined ? fallbackName : str(n['name'], `${path}.name`),
      cpu: n['cpu'] === undefined ? '4' : String(n['cpu']),
      memory: n['memory'] === undefined ? '8Gi' : String(n['memory']),
      pods: n['pods'] === undefined ? 110 : int(n['pods'], `${path}.pods`, 1),
      labels: labels(n['labels'], `${path}.labels`),
      taints: taints.map((t, i) => {
        const o = obj(t, `${path}.taints[${i}]`);
        return {
          key: str(o['key'], `${path}.taints[${i}].key`),
          ...(o['value'] === undefined ? {} : { value: String(o['value']) }),
          effect: str(o['effect'], `${path}.taints[${i}].effect`),
        };
      }),
      podCIDRs:
        n['podCIDRs'] === undefined
          ? [`10.244.${index}.0/24`]
          : Array.isArray(n['podCIDRs'])
            ? n['podCIDRs'].map((c, i) => str(c, `${path}.podCIDRs[${i}]`))
            : fail(`${path}.podCIDRs`, 'must be a list'),
    };
  };

  const nodes: ScenarioNode[] = [];
  if (spec['nodes'] !== undefined) {
    const ns = obj(spec['nodes'], 'spec.nodes');
    only(ns, 'spec.nodes', ['count', 'template', 'list']);
    if (ns['list'] !== undefined) {
      if (!Array.isArray(ns['list'])) fail('spec.nodes.list', 'must be a list');
      (ns['list'] as unknown[]).forEach((v, i) => nodes.push(nodeOf(v, `spec.nodes.list[${i}]`, i)));
    }
    if (ns['count'] !== undefined) {
      const count = int(ns['count'], 'spec.nodes.count', 1);
      const template = ns['template'] ?? {};
      for (let i = 0; i < count; i++) nodes.push(nodeOf(template, 'spec.nodes.template', nodes.length, `node-${i + 1}`));
    }
  }
  const names = new Set<string>();
  for (const n of nodes) {
    if (names.has(n.name)) fail('spec.nodes', `node name "${n.name}" is used twice`);
    names.add(n.name);
  }

  const objectsOf = (v: unknown, path: string): KubeObject[] => {
    const o = obj(v, path);
    only(o, path, ['path', 'object']);
    if (o['path'] !== undefined) {
      try {
        return loadManifestPath(resolve(base, str(o['path'], `${path}.path`))).map((m) => m.object);
      } catch (e) {
        return fail(`${path}.path`, e instanceof Error ? e.message : String(e));
      }
    }
    const inline = obj(o['object'], `${path}.object`);
    if (typeof inline['apiVersion'] !== 'string' || typeof inline['kind'] !== 'string') fail(`${path}.object`, 'needs apiVersion and kind');
    return [{ metadata: {}, ...inline } as KubeObject];
  };

  const manifests: KubeObject[] = [];
  const ms = spec['manifests'] ?? [];
  if (!Array.isArray(ms)) fail('spec.manifests', 'must be a list');
  (ms as unknown[]).forEach((m, i) => manifests.push(...objectsOf(m, `spec.manifests[${i}]`)));

  const behaviours: BehaviourRule[] = [];
  const bs = spec['behaviours'] ?? [];
  if (!Array.isArray(bs)) fail('spec.behaviours', 'must be a list');
  (bs as unknown[]).forEach((v, i) => {
    const path = `spec.behaviours[${i}]`;
    const b = obj(v, path);
    only(b, path, ['matchLabels', 'container', 'startDelay', 'readyAfter', 'neverReady', 'crashAfter', 'exitCode', 'completeAfter', 'cpu', 'memory']);
    const usage: ResourceUsage = {
      ...(b['cpu'] === undefined ? {} : { cpuMillis: Number(milliValue(parseQuantity(quantity(b['cpu'], `${path}.cpu`, fail)))) }),
      ...(b['memory'] === undefined ? {} : { memoryBytes: Number((milliValue(parseQuantity(quantity(b['memory'], `${path}.memory`, fail))) + 999n) / 1000n) }),
    };
    const behaviour: ContainerBehaviour = {
      ...(b['startDelay'] === undefined ? {} : { startDelayMs: dur(b['startDelay'], `${path}.startDelay`) }),
      ...(b['readyAfter'] === undefined ? {} : { readyAfterMs: dur(b['readyAfter'], `${path}.readyAfter`) }),
      ...(b['neverReady'] === undefined ? {} : { neverReady: b['neverReady'] === true }),
      ...(b['crashAfter'] === undefined ? {} : { crashAfterMs: dur(b['crashAfter'], `${path}.crashAfter`) }),
      ...(b['exitCode'] === undefined ? {} : { exitCode: int(b['exitCode'], `${path}.exitCode`) }),
      ...(b['completeAfter'] === undefined ? {} : { completeAfterMs: dur(b['completeAfter'], `${path}.completeAfter`) }),
    };
    const hasUsage = Object.keys(usage).length > 0;
    // A rule with only cpu/memory gives usage alone, so it never hides the pods' behaviour annotations.
    const hasBehaviour = Object.keys(behaviour).length > 0 || !hasUsage;
    behaviours.push({
      matchLabels: labels(b['matchLabels'], `${path}.matchLabels`),
      ...(b['container'] === undefined ? {} : { container: str(b['container'], `${path}.container`) }),
      ...(hasBehaviour ? { behaviour } : {}),
      ...(hasUsage ? { usage } : {}),
    });
  });

  const timeline: Step[] = [];
  const ts = spec['timeline'] ?? [];
  if (!Array.isArray(ts)) fail('spec.timeline', 'must be a list');
  let cursor = 0;
  (ts as unknown[]).forEach((v, i) => {
    const path = `spec.timeline[${i}]`;
    const s = obj(v, path);
    only(s, path, ['at', 'after', ...STEP_ACTIONS]);
    if (s['at'] !== undefined && s['after'] !== undefined) fail(path, 'give either at or after, not both');
    const at = s['at'] !== undefined ? dur(s['at'], `${path}.at`) : cursor + (s['after'] === undefined ? 0 : dur(s['after'], `${path}.after`));
    const actions = STEP_ACTIONS.filter((k) => s[k] !== undefined);
    if (actions.length !== 1) fail(path, `needs exactly one of ${STEP_ACTIONS.join(', ')} (got ${actions.join(', ') || 'none'})`);
    cursor = at;
    if (s['apply'] !== undefined) timeline.push({ type: 'apply', at, objects: objectsOf(s['apply'], `${path}.apply`) });
    else if (s['delete'] !== undefined) {
      const d = obj(s['delete'], `${path}.delete`);
      only(d, `${path}.delete`, ['kind', 'name', 'namespace', 'propagationPolicy']);
      const policy = d['propagationPolicy'];
      if (policy !== undefined && policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
        fail(`${path}.delete.propagationPolicy`, 'must be Background, Foreground or Orphan');
      }
      timeline.push({
        type: 'delete',
        at,
        kind: str(d['kind'], `${path}.delete.kind`),
        name: str(d['name'], `${path}.delete.name`),
        ...(d['namespace'] === undefined ? {} : { namespace: str(d['namespace'], `${path}.delete.namespace`) }),
        ...(policy === undefined ? {} : { propagationPolicy: policy as 'Background' | 'Foreground' | 'Orphan' }),
      });
    } else if (s['scale'] !== undefined) {
      const d = obj(s['scale'], `${path}.scale`);
      only(d, `${path}.scale`, ['kind', 'name', 'namespace', 'replicas']);
      timeline.push({
        type: 'scale',
        at,
        kind: str(d['kind'], `${path}.scale.kind`),
        name: str(d['name'], `${path}.scale.name`),
        ...(d['namespace'] === undefined ? {} : { namespace: str(d['namespace'], `${path}.scale.namespace`) }),
        replicas: int(d['replicas'], `${path}.scale.replicas`),
      });
    } else if (s['rollout'] !== undefined) {
      const d = obj(s['rollout'], `${path}.rollout`);
      only(d, `${path}.rollout`, ['action', 'deployment', 'namespace', 'toRevision']);
      const action = d['action'];
      if (action !== 'undo' && action !== 'pause' && action !== 'resume') return fail(`${path}.rollout.action`, 'must be undo, pause or resume');
      if (d['toRevision'] !== undefined && action !== 'undo') fail(`${path}.rollout.toRevision`, 'is for undo only');
      timeline.push({
        type: 'rollout',
        at,
        action,
        name: str(d['deployment'], `${path}.rollout.deployment`),
        ...(d['namespace'] === undefined ? {} : { namespace: str(d['namespace'], `${path}.rollout.namespace`) }),
        ...(d['toRevision'] === undefined ? {} : { toRevision: int(d['toRevision'], `${path}.rollout.toRevision`) }),
      });
    } else if (s['fault'] !== undefined) {
      timeline.push({ type: 'fault', at, fault: faultOf(obj(s['fault'], `${path}.fault`), `${path}.fault`, str, int, fail, names) });
    } else if (s['load'] !== undefined) {
      timeline.push({ type: 'fault', at, fault: loadOf(obj(s['load'], `${path}.load`), `${path}.load`, str, fail) });
    } else if (s['addNode'] !== undefined) {
      const node = nodeOf(s['addNode'], `${path}.addNode`, nodes.length + timeline.filter((t) => t.type === 'add-node').length);
      if (names.has(node.name)) fail(`${path}.addNode.name`, `node "${node.name}" already exists`);
      names.add(node.name);
      timeline.push({ type: 'add-node', at, node });
    } else if (s['drain'] !== undefined) {
      timeline.push(parseDrainStep(s['drain'], at, `${path}.drain`, names, { str, int, dur, fail }));
    } else {
      cursor = at + dur(s['wait'], `${path}.wait`);
    }
  });
  timeline.sort((a, b) => a.at - b.at);
  const traffic = parseTraffic(spec['traffic'], { fail, dur });
  let network: ScenarioNetwork | undefined;
  if (spec['network'] !== undefined) {
    const n = obj(spec['network'], 'spec.network');
    only(n, 'spec.network', ['serviceCIDRs', 'nodePortRange']);
    const cidrs = n['serviceCIDRs'];
    if (cidrs !== undefined && (!Array.isArray(cidrs) || cidrs.length === 0 || cidrs.length > 2)) fail('spec.network.serviceCIDRs', 'must list one CIDR, or an IPv4 and an IPv6 CIDR');
    network = {
      ...(cidrs === undefined ? {} : { serviceCIDRs: (cidrs as unknown[]).map((c, i) => str(c, `spec.network.serviceCIDRs[${i}]`)) }),
      ...(n['nodePortRange'] === undefined ? {} : { nodePortRange: str(n['nodePortRange'], 'spec.network.nodePortRange') }),
    };
  }
  const controllerManager = settingsOf(spec['controllerManager'], obj, fail);
  return {
    name,
    seed,
    epoch,
    nodes,
    manifests,
    behaviours,
    timeline,
    ...(traffic.length === 0 ? {} : { traffic }),
    ...(network === undefined ? {} : { network }),
    ...(Object.keys(controllerManager).length === 0 ? {} : { controllerManager }),
  };
}

/** `spec.controllerManager`: kube-controller-manager flag → value; an error names the flag's path. */
function settingsOf(v: unknown, obj: (v: unknown, path: string) => Obj, fail: (path: string, message: string) => never): ControllerSettings {
  if (v === undefined || v === null) return {};
  let settings: ControllerSettings = {};
  for (const [flag, value] of Object.entries(obj(v, 'spec.controllerManager'))) {
    try {
      settings = parseControllerSettings({ [flag]: value }, settings);
    } catch (e) {
      fail(`spec.controllerManager.${flag}`, e instanceof Error ? e.message : String(e));
    }
  }
  return settings;
}

function faultOf(
  f: Obj,
  path: string,
  str: (v: unknown, p: string) => string,
  int: (v: unknown, p: string, min?: number) => number,
  fail: (p: string, m: string) => never,
  nodes: ReadonlySet<string>,
): Fault {
  const kind = str(f['kind'], `${path}.kind`);
  const node = (): string => {
    const n = str(f['node'], `${path}.node`);
    if (!nodes.has(n)) fail(`${path}.node`, `no node "${n}" in this scenario`);
    return n;
  };
  switch (kind) {
    case 'node-down':
    case 'node-up':
    case 'partition':
    case 'heal':
    case 'kubelet-restart':
      return { kind, node: node() };
    case 'container-crash':
      return {
        kind,
        pod: str(f['pod'], `${path}.pod`),
        container: str(f['container'], `${path}.container`),
        ...(f['exitCode'] === undefined ? {} : { exitCode: int(f['exitCode'], `${path}.exitCode`) }),
      };
    case 'load': {
      const { kind: _kind, ...rest } = f;
      return loadOf(rest, path, str, fail);
    }
    default:
      return fail(`${path}.kind`, `unknown fault "${kind}" (node-down, node-up, partition, heal, kubelet-restart, container-crash, load)`);
  }
}

/** `load: { namespace?, matchLabels, cpu?, memory?, container? }`: quantities kept as written (canonicalised), checked here. */
function loadOf(l: Obj, path: string, str: (v: unknown, p: string) => string, fail: (p: string, m: string) => never): Fault {
  for (const k of Object.keys(l)) {
    if (!['namespace', 'matchLabels', 'cpu', 'memory', 'container'].includes(k)) fail(`${path}.${k}`, 'unknown field (allowed: namespace, matchLabels, cpu, memory, container)');
  }
  if (!isObj(l['matchLabels']) || Object.keys(l['matchLabels']).length === 0) fail(`${path}.matchLabels`, 'must be a non-empty mapping of labels');
  const matchLabels: Record<string, string> = {};
  for (const [k, v] of Object.entries(l['matchLabels'] as Obj)) matchLabels[k] = typeof v === 'string' ? v : fail(`${path}.matchLabels.${k}`, 'must be a string');
  if (l['cpu'] === undefined && l['memory'] === undefined) fail(path, 'needs cpu or memory');
  const q = (field: 'cpu' | 'memory'): { cpu?: string; memory?: string } => {
    const v = l[field];
    if (v === undefined) return {};
    const text = quantity(v, `${path}.${field}`, fail);
    return { [field]: text };
  };
  return {
    kind: 'load',
    namespace: l['namespace'] === undefined ? 'default' : str(l['namespace'], `${path}.namespace`),
    matchLabels,
    ...q('cpu'),
    ...q('memory'),
    ...(l['container'] === undefined ? {} : { container: str(l['container'], `${path}.container`) }),
  };
}

/** A non-negative quantity (`250m`, `2`, `100Mi`), as its canonical text. */
function quantity(v: unknown, path: string, fail?: (p: string, m: string) => never): string {
  const bad = (m: string): never => {
    if (fail !== undefined) return fail(path, m);
    throw new Error(`${path}: ${m}`);
  };
  if (typeof v !== 'string' && typeof v !== 'number') return bad('must be a quantity like 250m, 2 or 100Mi');
  let q;
  try {
    q = parseQuantity(v);
  } catch {
    return bad(`must be a quantity like 250m, 2 or 100Mi, got ${JSON.stringify(v)}`);
  }
  if (q.nanos < 0n) bad('must not be negative');
  return formatQuantity(q);
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
