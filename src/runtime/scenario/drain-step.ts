/**
 * The scenario's `drain` step: `kubectl drain NODE` at a virtual time.
 *
 * ```yaml
 * timeline:
 *   - at: 2m
 *     drain: node-1                 # kubectl drain node-1 (kubectl's defaults)
 *   - at: 3m
 *     drain: { node: node-2, timeout: 5m, ignoreDaemonSets: true, deleteEmptyDirData: false, force: false, gracePeriod: 30 }
 * ```
 *
 * The drain runs in virtual time beside the controllers (see drain-node.ts);
 * what kubectl would print on stderr — each refusal by a
 * PodDisruptionBudget ("error when evicting pods/... (will retry after
 * 5s): Cannot evict pod as it would violate the pod's disruption
 * budget."), warnings, and the final error of a drain that failed — goes
 * to the run's warnings, as every refused step does. The history keeps
 * the granted evictions (budget status, DisruptionTarget condition,
 * deletion) as writes of the scenario's actor; a refused eviction, like
 * any user's refused request, leaves no record.
 */
import type { Api } from '../../api/index.js';
import type { RequestContext } from '../../model/index.js';
import type { DrainResult, DrainScheduler } from './drain-node.js';
import { drainNode } from './drain-node.js';

export interface DrainStep {
  readonly type: 'drain';
  readonly at: number;
  readonly node: string;
  /** `--timeout` in ms; absent: no limit. */
  readonly timeoutMs?: number;
  readonly ignoreDaemonSets: boolean;
  readonly deleteEmptyDirData: boolean;
  readonly force: boolean;
  /** `--grace-period` (seconds); absent: each pod's own. */
  readonly gracePeriodSeconds?: number;
}

/** The helpers the scenario parser already has (field paths in its messages). */
export interface StepParsers {
  str(v: unknown, path: string): string;
  int(v: unknown, path: string, min?: number): number;
  dur(v: unknown, path: string): number;
  fail(path: string, message: string): never;
}

const FIELDS = ['node', 'timeout', 'ignoreDaemonSets', 'deleteEmptyDirData', 'force', 'gracePeriod'];

function bool(v: unknown, path: string, p: StepParsers): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') return p.fail(path, 'must be true or false');
  return v;
}

/** Parses the value of a step's `drain:` (a node name, or the mapping above); `nodes` are the scenario's node names. */
export function parseDrainStep(v: unknown, at: number, path: string, nodes: ReadonlySet<string>, p: StepParsers): DrainStep {
  const d: Record<string, unknown> = typeof v === 'string' ? { node: v } : typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  if (typeof v !== 'string' && (typeof v !== 'object' || v === null || Array.isArray(v))) p.fail(path, 'must be a node name or a mapping with node');
  for (const k of Object.keys(d)) if (!FIELDS.includes(k)) p.fail(`${path}.${k}`, `unknown field (allowed: ${FIELDS.join(', ')})`);
  const node = p.str(d['node'], `${path}.node`);
  if (!nodes.has(node)) p.fail(`${path}.node`, `no node "${node}" in this scenario`);
  return {
    type: 'drain',
    at,
    node,
    ...(d['timeout'] === undefined ? {} : { timeoutMs: p.dur(d['timeout'], `${path}.timeout`) }),
    ignoreDaemonSets: bool(d['ignoreDaemonSets'], `${path}.ignoreDaemonSets`, p),
    deleteEmptyDirData: bool(d['deleteEmptyDirData'], `${path}.deleteEmptyDirData`, p),
    force: bool(d['force'], `${path}.force`, p),
    ...(d['gracePeriod'] === undefined ? {} : { gracePeriodSeconds: p.int(d['gracePeriod'], `${path}.gracePeriod`, 0) }),
  };
}

/**
 * Starts the drain and returns at once (call it from the step's tracked
 * action; never await the drain there). Lines kubectl prints on stderr go
 * to `warnings`, prefixed like other refused steps.
 */
export function startDrainStep(api: Api, scheduler: DrainScheduler, step: DrainStep, ctx: RequestContext, warnings: string[]): Promise<DrainResult> {
  return drainNode(api, step.node, ctx, {
    scheduler,
    ...(step.timeoutMs === undefined ? {} : { timeoutMs: step.timeoutMs }),
    ignoreDaemonSets: step.ignoreDaemonSets,
    deleteEmptyDirData: step.deleteEmptyDirData,
    force: step.force,
    ...(step.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: step.gracePeriodSeconds }),
    warn: (line) => warnings.push(`at ${scheduler.now()} ms, drain ${step.node}: ${line}`),
  });
}
