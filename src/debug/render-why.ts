/** `why` as text: one line per step, indented as a tree, newest first. */
import { faultSubject } from '../model/index.js';
import type { WhyStep } from './why.js';

export interface RenderOptions {
  /** Unix ms of time 0, to print times as RFC 3339. */
  readonly epoch: number;
}

function time(epoch: number, t: number): string {
  return new Date(epoch + t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function renderWhy(root: WhyStep, opts: RenderOptions): string {
  const lines: string[] = [];
  const line = (step: WhyStep, prefix: string, tail: string, first: boolean): void => {
    const w = step.write;
    const verb = w.subresource === undefined ? w.verb : `${w.verb}/${w.subresource}`;
    const note = step.seen === true ? '  (shown above)' : '';
    lines.push(`${first ? '' : prefix}rev ${w.rev}  ${time(opts.epoch, w.time)}  ${w.actor}  ${verb}  ${w.key}${note}`);
    const kids: string[] = [];
    if (step.fault !== undefined) {
      const f = step.fault;
      const what = faultSubject(f.fault);
      kids.push(`fault: ${f.fault.kind} ${what} at ${time(opts.epoch, f.time)} (${f.actor})`);
    }
    if (step.truncated === true) kids.push('… (earlier causes not kept in this history)');
    if (step.causes.length === 0 && step.fault === undefined && step.seen !== true) {
      kids.push(w.actor.startsWith('user:') ? 'a user action' : 'no recorded cause (a timer or an outside client)');
    }
    // The fault first: when a timer fired because of it, it is the nearer explanation.
    const all = [...kids.map((k) => ({ k })), ...step.causes.map((c) => ({ c }))];
    all.forEach((item, i) => {
      const last = i === all.length - 1;
      const branch = `${tail}${last ? '└─ ' : '├─ '}`;
      const next = `${tail}${last ? '   ' : '│  '}`;
      if ('c' in item) line(item.c, branch, next, false);
      else lines.push(`${branch}${item.k}`);
    });
  };
  line(root, '', '', true);
  return lines.join('\n');
}
