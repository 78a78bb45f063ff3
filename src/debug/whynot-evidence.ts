/**
 * The evidence `whynot` reads, from the recorded state and records: the
 * Events about an object, its conditions, and the commands the API refused
 * (attempt records) that concern it. Shared by the per-kind answers.
 */
import type { AttemptRecord, KubeObject } from '../model/index.js';
import type { StateView } from '../store/index.js';
import { describeCommand } from './describe-command.js';

/** One thing found: a line, where it shows in the history, and where it came from. */
export interface WhyNotFinding {
  readonly summary: string;
  readonly details?: readonly string[];
  /** The revision the evidence belongs to (a write, or the head revision when a refused command was recorded). */
  readonly rev?: number;
  readonly source: 'state' | 'condition' | 'event' | 'refused' | 'history';
}

export interface StatusCondition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime?: string;
}

export interface EventSummary {
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly count: number;
  readonly lastTimestamp?: string;
  readonly source: string;
}

export function conditionsOf(o: KubeObject): readonly StatusCondition[] {
  const c = (o['status'] as { conditions?: StatusCondition[] } | undefined)?.conditions;
  return Array.isArray(c) ? c : [];
}

export function conditionLine(c: StatusCondition): string {
  const why = [c.reason, c.message].filter((s) => s !== undefined && s !== '').join(': ');
  return `${c.type}=${c.status}${why === '' ? '' : ` (${why})`}${c.lastTransitionTime === undefined ? '' : ` since ${c.lastTransitionTime}`}`;
}

/** Events whose involvedObject is `o` (by uid when both have one), oldest last-seen first. */
export function eventsAbout(view: StateView, o: KubeObject): EventSummary[] {
  const m = o.metadata;
  const ns = m.namespace === undefined || m.namespace === '' ? 'default' : m.namespace;
  const out: EventSummary[] = [];
  for (const e of view.list({ group: '', resource: 'events', namespace: ns })) {
    const io = e['involvedObject'] as { kind?: string; name?: string; uid?: string } | undefined;
    if (io?.kind !== o.kind || io.name !== m.name) continue;
    if (io.uid !== undefined && m.uid !== undefined && io.uid !== m.uid) continue;
    const src = e['source'] as { component?: string } | undefined;
    const last = (e['lastTimestamp'] ?? e['eventTime'] ?? e['firstTimestamp']) as string | undefined;
    out.push({
      type: String(e['type'] ?? 'Normal'),
      reason: String(e['reason'] ?? ''),
      message: String(e['message'] ?? ''),
      count: typeof e['count'] === 'number' ? e['count'] : 1,
      ...(last === undefined ? {} : { lastTimestamp: last }),
      source: src?.component ?? '',
    });
  }
  return out.sort((a, b) => (a.lastTimestamp ?? '').localeCompare(b.lastTimestamp ?? ''));
}

export function eventLine(e: EventSummary): string {
  return `${e.type} ${e.reason}${e.count > 1 ? ` (x${e.count})` : ''}${e.source === '' ? '' : ` from ${e.source}`}: ${e.message}${e.lastTimestamp === undefined ? '' : ` (last ${e.lastTimestamp})`}`;
}

/** Warning events about `o` as findings. */
export function warningFindings(view: StateView, o: KubeObject, reasons?: readonly string[]): WhyNotFinding[] {
  return eventsAbout(view, o)
    .filter((e) => e.type === 'Warning' && (reasons === undefined || reasons.includes(e.reason)))
    .map((e) => ({ summary: `event ${eventLine(e)}`, source: 'event' as const }));
}

/** Refused commands creating objects owned by `ownerUid`, or aimed at `o` itself, recorded at or before `atRev`. */
export function refusalsFor(attempts: readonly AttemptRecord[], o: KubeObject, atRev: number, fromRev = 0): AttemptRecord[] {
  const uid = o.metadata.uid;
  return attempts.filter((a) => {
    if (a.atRev > atRev || a.atRev < fromRev) return false;
    const c = a.command;
    if (c.type === 'create' && uid !== undefined && (c.object.metadata.ownerReferences ?? []).some((r) => r.uid === uid)) return true;
    const target = c.type === 'patch' || c.type === 'delete' ? c.ref : { kind: c.object.kind, name: c.object.metadata.name, namespace: c.object.metadata.namespace };
    return target.kind === o.kind && target.name === o.metadata.name && (target.namespace ?? '') === (o.metadata.namespace ?? '');
  });
}

/** Refusals as one finding: how many, the last one's Status, and the distinct messages. */
export function refusalFinding(refused: readonly AttemptRecord[]): WhyNotFinding | undefined {
  const last = refused[refused.length - 1];
  if (last === undefined) return undefined;
  const messages = [...new Set(refused.map((a) => `${a.status.reason} (${a.status.code}): ${a.status.message}`))];
  return {
    summary: `the API refused ${refused.length} command${refused.length === 1 ? '' : 's'} of ${last.actor}; the last: ${describeCommand(last.command)} → ${last.status.reason}: ${last.status.message}`,
    ...(messages.length > 1 ? { details: messages } : {}),
    rev: last.atRev,
    source: 'refused',
  };
}
