/**
 * `chronokube rollout history|undo|pause|resume|status deployment/NAME`: what
 * `kubectl rollout` does, against a history file. `undo` is client-side as in
 * kubectl (apps/v1 has no rollback verb): it copies the chosen revision's pod
 * template into the Deployment with one JSON Patch, recorded like any user
 * write; the Deployment controller does the rest when the cluster runs.
 */
import { stringify } from 'yaml';
import type { KubeObject } from '../../model/index.js';
import { deploymentRolloutStatus, planRollback, RollbackError, rolloutHistory } from '../../controllers/index.js';
import { prepareAt, resolveAt } from '../at-arg.js';
import type { CliIo } from '../io.js';
import { resolveKindArg } from '../kind-arg.js';
import { kindLabel } from '../labels.js';
import type { Session } from '../session.js';
import { CliError, withSession } from '../session.js';

export type RolloutAction = 'history' | 'undo' | 'pause' | 'resume' | 'status';
export const ROLLOUT_ACTIONS: readonly RolloutAction[] = ['history', 'undo', 'pause', 'resume', 'status'];

export interface RolloutOptions {
  readonly history?: string;
  readonly namespace?: string;
  readonly as?: string;
  /** history: show one revision's pod template. */
  readonly revision?: number;
  /** undo: the revision to go back to (0 or absent: the previous one). */
  readonly toRevision?: number;
  /** status: the revision to look at (default the newest). */
  readonly at?: string;
}

interface Target {
  readonly label: string;
  readonly name: string;
  readonly address: { group: string; version: string; resource: string; namespace: string; name: string };
}

function deploymentTarget(session: Session, kindOrRef: string, name: string | undefined, namespace: string): Target {
  const { kind, name: n } = resolveKindArg(session, kindOrRef, name);
  if (n === undefined) throw new CliError('rollout needs a deployment: deployment/NAME or deployment NAME');
  if (kind.info.group !== 'apps' || kind.info.kind !== 'Deployment') {
    throw new CliError(`rollout supports deployments only so far, not "${kindLabel(kind.info)}"`);
  }
  return { label: `${kindLabel(kind.info)}/${n}`, name: n, address: { group: 'apps', version: 'v1', resource: 'deployments', namespace, name: n } };
}

export async function rolloutCommand(io: CliIo, action: string, kindOrRef: string, name: string | undefined, opts: RolloutOptions): Promise<number> {
  if (!ROLLOUT_ACTIONS.includes(action as RolloutAction)) throw new CliError(`unknown rollout action "${action}": use one of ${ROLLOUT_ACTIONS.join(', ')}`);
  const writes = action === 'undo' || action === 'pause' || action === 'resume';
  const actor = opts.as === undefined ? 'user:admin' : opts.as.includes(':') ? opts.as : `user:${opts.as}`;
  return withSession(opts.history, writes ? 'write' : 'read', io.err, async (session) => {
    const t = deploymentTarget(session, kindOrRef, name, opts.namespace ?? 'default');
    switch (action as RolloutAction) {
      case 'history':
        return showHistory(io, session, t, session.api.get(t.address), opts.revision);
      case 'status': {
        await prepareAt(session, opts.at);
        const rev = resolveAt(session.store, session.log.header.epoch, opts.at);
        const d = rev === session.store.rev ? session.api.get(t.address) : session.store.at(rev).get(session.api.resolve(t.address).key);
        if (d === undefined) throw new CliError(`deployments.apps "${t.name}" not found at revision ${rev}`);
        const status = deploymentRolloutStatus(d);
        if ('failed' in status) throw new CliError(status.message);
        io.out(status.message);
        return 0;
      }
      case 'undo': {
        const d = session.api.get(t.address);
        let plan;
        try {
          plan = planRollback(session.store.head(), d, opts.toRevision ?? 0);
        } catch (e) {
          if (e instanceof RollbackError) throw new CliError(e.message);
          throw e;
        }
        if (plan.kind === 'skip') {
          io.out(`${t.label} skipped rollback (current template already matches revision ${plan.revision})`);
          return 0;
        }
        await session.api.patch(t.address, 'json', plan.patch, { actor });
        io.out(`${t.label} rolled back`);
        return 0;
      }
      case 'pause':
      case 'resume': {
        const d = session.api.get(t.address);
        const paused = (d['spec'] as { paused?: boolean } | undefined)?.paused === true;
        const want = action === 'pause';
        if (paused === want) throw new CliError(`deployments.apps "${t.name}" is ${want ? 'already paused' : 'not paused'}`);
        await session.api.patch(t.address, 'strategic', { spec: { paused: want } }, { actor });
        io.out(`${t.label} ${want ? 'paused' : 'resumed'}`);
        return 0;
      }
    }
  });
}

function showHistory(io: CliIo, session: Session, t: Target, d: KubeObject, revision: number | undefined): number {
  const revisions = rolloutHistory(session.store.head(), d);
  if (revision !== undefined && revision > 0) {
    const r = revisions.find((x) => x.revision === revision);
    if (r === undefined) throw new CliError(`unable to find the specified revision ${revision}`);
    io.out(`${t.label} with revision #${revision}\nPod Template:\n${indent(stringify(r.template))}`);
    return 0;
  }
  const rows = [['REVISION', 'CHANGE-CAUSE'], ...revisions.map((r) => [String(r.revision), r.changeCause ?? '<none>'])];
  const width = Math.max(...rows.map((r) => r[0]?.length ?? 0)) + 2;
  io.out(`${t.label}\n${rows.map((r) => `${(r[0] ?? '').padEnd(width)}${r[1] ?? ''}`).join('\n')}\n`);
  return 0;
}

const indent = (s: string): string =>
  s
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
