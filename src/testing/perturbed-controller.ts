/**
 * Wraps a controller definition so its view of the cluster is perturbed the
 * way real controllers' views are: a lagging cache (stale reads), watch
 * events held back or lost (gates on every event source, `owns` included),
 * and a crash between two of one reconcile's writes. The definition's own
 * code is untouched: what changes is what it is shown and which of its
 * commands get executed. What the wrapper decides is reported to the host,
 * which records it in the history.
 */
import type { ControllerDefinition, Predicate, ReconcileResult, Watch } from '../controllers/index.js';
import { forOwner } from '../controllers/index.js';
import { revAtTime } from '../invariants/index.js';
import type { Command, Perturbation, ResourceScope } from '../model/index.js';
import type { Store, StateView } from '../store/index.js';
import { laggingView } from './lagging-view.js';
import type { PerturbationPlan } from './test-case.js';

/** What a perturbed controller needs from the run that hosts it. */
export interface PerturbationHost {
  readonly store: Store;
  now(): number;
  /** Appends a `perturbation` record now. */
  record(p: Perturbation): void;
  /** Appends a note (annotation) now. */
  note(text: string): void;
  /** The resource of a definition's primary kind. */
  primary(def: ControllerDefinition): ResourceScope;
  /** Crashes the named controller after the current reconcile's kept writes and starts it afresh. */
  crash(name: string): void;
}

/** Shared across restarts of one controller: a crash plan acts once per run. */
export interface PlanState {
  readonly plan: PerturbationPlan;
  used: boolean;
}

/** A constant lag, for a split-brain replica's own cache. */
export interface ExtraLag {
  readonly lagMs: number;
}

export function perturbController(def: ControllerDefinition, plans: readonly PlanState[], host: PerturbationHost, extraLag?: ExtraLag): ControllerDefinition {
  const mine = plans.filter((s) => s.plan.controller === def.name);
  const gated = mine.some((s) => s.plan.kind === 'delay-events' || s.plan.kind === 'drop-events');
  let lastViewRev = 0;
  /** When this instance started (a restarted controller is a new instance, with empty caches). */
  const startedAt = host.now();
  /** The cache revisions each key was last reconciled at (lagging caches @ its primary object). */
  const lastMarkOf = new Map<string, string>();

  const gate: Predicate = (change) => {
    const now = host.now();
    for (const s of mine) {
      const p = s.plan;
      if ((p.kind !== 'delay-events' && p.kind !== 'drop-events') || now < p.at || now >= p.at + p.durationMs) continue;
      const rev = Number(change.object.metadata.resourceVersion ?? 0);
      if (p.kind === 'drop-events') host.record({ kind: 'drop-events', controller: def.name, revs: [rev] });
      return false;
    }
    return true;
  };

  /** The revision the primary kind's lagging informer shows now (events reordered across kinds), or undefined. */
  const primaryLag = (): { rev: number; catchUpMs: number } | undefined => {
    const now = host.now();
    let found: { rev: number; catchUpMs: number } | undefined;
    for (const s of mine) {
      const p = s.plan;
      if (p.kind !== 'reorder-events' || now < p.at || now >= p.at + p.durationMs) continue;
      // An informer never goes back: what this instance has shown stays shown. One started in
      // the window has listed its other kinds but not yet its primary kind: that cache is empty
      // (the oldest state; property-run histories are never compacted) until `lagMs` after start.
      const unsynced = startedAt >= p.at && now < startedAt + p.lagMs;
      const rev = unsynced ? host.store.compactedRev : Math.max(revAtTime(host.store, now - p.lagMs), lastViewRev, host.store.compactedRev);
      if (found === undefined || rev < found.rev) found = { rev, catchUpMs: p.lagMs + 1 };
    }
    return found;
  };

  /** The revision a lagging cache shows now, or undefined when no lag acts. */
  const staleRev = (): { rev: number; catchUpMs: number } | undefined => {
    const now = host.now();
    const { store } = host;
    let rev: number | undefined;
    let catchUpMs = Infinity;
    const lag = (lagMs: number | undefined, lagRevs: number | undefined, end: number): void => {
      let r = -1;
      if (lagMs !== undefined) r = Math.max(r, revAtTime(store, now - lagMs));
      if (lagRevs !== undefined) r = Math.max(r, store.rev - lagRevs);
      if (r < 0) return;
      rev = rev === undefined ? r : Math.min(rev, r);
      catchUpMs = Math.min(catchUpMs, lagMs !== undefined ? lagMs + 1 : Math.max(1, end - now));
    };
    for (const s of mine) {
      const p = s.plan;
      if (p.kind === 'stale-cache' && now >= p.at && now < p.at + p.durationMs) lag(p.lagMs, p.lagRevs, p.at + p.durationMs);
    }
    if (extraLag !== undefined) lag(extraLag.lagMs, undefined, Infinity);
    if (rev === undefined) return undefined;
    return { rev: Math.max(rev, lastViewRev, store.compactedRev), catchUpMs };
  };

  const crashPlan = (now: number, commands: readonly Command[]): { state: PlanState; keep: number } | undefined => {
    if (commands.length < 2) return undefined;
    for (const s of mine) {
      if (s.used || s.plan.kind !== 'crash-between-writes' || now < s.plan.at) continue;
      return { state: s, keep: Math.min(Math.max(1, s.plan.keep), commands.length - 1) };
    }
    return undefined;
  };

  const reconcile = (key: string, view: StateView, ctx: Parameters<ControllerDefinition['reconcile']>[2]): ReconcileResult => {
    const stale = staleRev();
    const reordered = stale === undefined ? primaryLag() : undefined;
    let seen = view;
    if (reordered !== undefined && reordered.rev < view.rev) {
      // The wake-up came through a child's informer, ahead of the parent's. At most one such
      // reconcile per key per instant of virtual time: each real round trip takes time, during
      // which the lagging informer catches up (else a fight with another writer never ends).
      const mark = `r${reordered.rev}@${ctx.now}`;
      if (lastMarkOf.get(key) === mark) return { commands: [], requeueAfterMs: reordered.catchUpMs };
      lastMarkOf.set(key, mark);
      seen = laggingView(host.store.at(reordered.rev), view, host.primary(def));
      host.record({ kind: 'reorder-events', controller: def.name, revs: [reordered.rev, view.rev] });
    } else if (stale !== undefined && stale.rev < view.rev) {
      // An informer calls its handlers only once its cache holds the event: a wake-up that neither
      // moved this key's primary object nor the lagging caches has not really arrived yet. It is
      // polled again once the caches have caught up (no same-instant loops).
      const mark = `${stale.rev}@${view.versionRev(key)}`;
      if (lastMarkOf.get(key) === mark) return { commands: [], requeueAfterMs: stale.catchUpMs };
      lastMarkOf.set(key, mark);
      seen = laggingView(view, host.store.at(stale.rev), host.primary(def));
      host.record({ kind: 'stale-cache', controller: def.name, lagRevs: view.rev - stale.rev });
    }
    lastViewRev = Math.max(lastViewRev, seen.rev);
    let result = def.reconcile(key, seen, ctx);
    if (seen !== view) {
      const catchUp = reordered?.catchUpMs ?? stale?.catchUpMs ?? 1;
      const again = result.requeueAfterMs === undefined ? catchUp : Math.min(result.requeueAfterMs, catchUp);
      result = { commands: result.commands, requeueAfterMs: again, observedRev: seen.rev };
    }
    const crash = crashPlan(ctx.now, result.commands);
    if (crash !== undefined) {
      crash.state.used = true;
      const lost = result.commands.slice(crash.keep);
      host.record({ kind: 'restart-controller', controller: def.name });
      host.note(`${def.name} crashed reconciling ${key} after ${crash.keep} of ${result.commands.length} commands; lost: ${lost.map(describeCommand).join(', ')}`);
      host.crash(def.name);
      result = { commands: result.commands.slice(0, crash.keep) };
    }
    return result;
  };

  if (!gated) return { ...def, reconcile };
  const gateAll = (ps: readonly Predicate[] | undefined): Predicate[] => [gate, ...(ps ?? [])];
  const watches: Watch[] = [
    ...(def.owns ?? []).map((kind) => ({ kind, handler: forOwner(def.for), predicates: [gate] })),
    ...(def.watches ?? []).map((w) => ({ ...w, predicates: gateAll(w.predicates) })),
  ];
  const { owns: _owns, ...rest } = def;
  return { ...rest, predicates: gateAll(def.predicates), watches, reconcile };
}

/** `create pods`, `update podsets/status`: what a lost command was, for the crash note. */
export function describeCommand(c: Command): string {
  const sub = c.type === 'delete' || c.subresource === undefined ? '' : `/${c.subresource}`;
  const target = c.type === 'patch' || c.type === 'delete' ? `${c.ref.kind}/${c.ref.name}` : `${c.object.kind}/${c.object.metadata.name ?? c.object.metadata.generateName ?? ''}`;
  return `${c.type} ${target}${sub}`;
}
