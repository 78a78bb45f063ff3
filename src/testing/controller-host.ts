/**
 * Runs the controllers under test on a run's controller manager, wrapped by
 * the case's perturbations, and carries out what the wrappers cannot do from
 * inside a reconcile: relisting after held-back or lost events (the
 * controller's watches restart and list everything again), restarting a
 * crashed controller with fresh in-memory state, and starting and stopping a
 * second replica (split brain). Every such act is recorded in the history.
 */
import type { ControllerDefinition } from '../controllers/index.js';
import type { Log } from '../log/index.js';
import type { KindInfo, Perturbation, ResourceScope } from '../model/index.js';
import { assertNever } from '../model/index.js';
import type { ControllerManager, SimScheduler } from '../runtime/index.js';
import type { Store } from '../store/index.js';
import type { PerturbationHost, PlanState } from './perturbed-controller.js';
import { perturbController } from './perturbed-controller.js';
import type { PerturbationPlan } from './test-case.js';

export const TESTING_ACTOR = 'client:chronokube-testing';

export interface ControllerHostOptions {
  readonly manager: ControllerManager;
  readonly store: Store;
  readonly log: Log;
  readonly scheduler: SimScheduler;
  readonly controllers: readonly ControllerDefinition[] | (() => readonly ControllerDefinition[]);
  readonly plans: readonly PerturbationPlan[];
  /** Resolves a definition's kind (for its resource). */
  readonly kinds: (ref: { readonly group: string; readonly kind: string }) => KindInfo;
}

export class ControllerHost implements PerturbationHost {
  readonly store: Store;
  private readonly states: PlanState[];
  /** The definitions now running, by name (replaced on a crash). */
  private readonly running = new Map<string, ControllerDefinition>();

  constructor(private readonly opts: ControllerHostOptions) {
    this.store = opts.store;
    this.states = opts.plans.map((plan) => ({ plan, used: false }));
  }

  primary(def: ControllerDefinition): ResourceScope {
    const info = this.opts.kinds(def.for);
    return { group: info.group, resource: info.plural };
  }

  now(): number {
    return this.opts.scheduler.now();
  }

  record(p: Perturbation): void {
    void this.opts.scheduler.track(this.opts.log.append([{ type: 'perturbation', time: this.now(), perturbation: p }]));
  }

  note(text: string): void {
    void this.opts.scheduler.track(this.opts.log.append([{ type: 'annotation', time: this.now(), actor: TESTING_ACTOR, annotation: { kind: 'note', text } }]));
  }

  /** Starts every controller under test and schedules the perturbations' relists and replicas. */
  start(): void {
    const defs = this.fresh();
    const names = defs.map((d) => d.name);
    for (const p of this.opts.plans) {
      if (!names.includes(p.controller)) throw new Error(`perturbation ${p.kind} names controller "${p.controller}"; the controllers under test are ${names.join(', ')}`);
    }
    for (const def of defs) this.add(def);
    for (const p of this.opts.plans) this.schedule(p);
  }

  crash(name: string): void {
    // After the kept writes of the current reconcile have gone through (the scheduler settles them first).
    this.opts.scheduler.schedule(() => {
      this.opts.manager.remove(name);
      const def = this.fresh().find((d) => d.name === name);
      if (def !== undefined) this.add(def);
    });
  }

  private fresh(): readonly ControllerDefinition[] {
    const c = this.opts.controllers;
    return typeof c === 'function' ? c() : c;
  }

  private add(def: ControllerDefinition): void {
    this.running.set(def.name, def);
    this.opts.manager.add(perturbController(def, this.states, this));
  }

  /** Restarts the controller's watches: it lists everything again, keeping its in-memory state (a relist, not a crash). */
  private relist(name: string): void {
    const def = this.running.get(name);
    if (def === undefined) return;
    this.record({ kind: 'restart-controller', controller: name });
    this.opts.manager.remove(name);
    this.opts.manager.add(perturbController(def, this.states, this));
  }

  private schedule(p: PerturbationPlan): void {
    const { scheduler, manager } = this.opts;
    const at = (t: number, fn: () => void): void => void scheduler.schedule(fn, Math.max(0, t - scheduler.now()));
    switch (p.kind) {
      case 'stale-cache':
      case 'reorder-events':
      case 'crash-between-writes':
        return; // the wrapper acts on its own
      case 'delay-events':
        at(p.at, () => this.record({ kind: 'delay-events', controller: p.controller, delayMs: p.durationMs }));
        at(p.at + p.durationMs, () => this.relist(p.controller));
        return;
      case 'drop-events':
        at(p.at + p.durationMs + p.relistAfterMs, () => this.relist(p.controller));
        return;
      case 'split-brain': {
        const replica = `${p.controller}~replica`;
        at(p.at, () => {
          const def = this.fresh().find((d) => d.name === p.controller);
          if (def === undefined) return;
          this.record({ kind: 'split-brain', controller: p.controller, durationMs: p.durationMs });
          const actor = def.actor ?? `controller:${def.name}`;
          manager.add(perturbController({ ...def, name: replica, actor }, [], this, { lagMs: p.lagMs }));
        });
        at(p.at + p.durationMs, () => manager.remove(replica));
        return;
      }
      default:
        assertNever(p);
    }
  }
}
