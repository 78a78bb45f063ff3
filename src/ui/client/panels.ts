/// <reference lib="dom" />
/** The panels drawn from endpoint answers: events, the selected object (YAML and diff), the why chain and the nodes. */
import { actorColour, fill, formatTime, h } from './dom.js';
import { renderYaml } from './field-pick.js';
import type { Nav } from './nav.js';
import type { EventRow, FaultMark, NodeEntry, ObjectView, WhyNode } from './types.js';

export function shortKey(key: string): string {
  const [group, resource, ns, name] = key.split('/');
  const kind = group === 'core' ? resource : `${resource}.${group}`;
  return ns === '_' ? `${kind}/${name}` : `${kind}/${ns}/${name}`;
}

export function eventRow(e: EventRow, epoch: number, current: boolean, nav: Nav): HTMLElement {
  const sw = h('span', { class: 'sw' });
  sw.style.background = actorColour(e.actor);
  const actor = h('span', {}, e.actor.padEnd(34));
  actor.style.color = actorColour(e.actor);
  const row = h('div', { class: current ? 'row cur' : 'row', 'data-rev': String(e.rev), title: formatTime(epoch, e.time) }, sw, `${String(e.rev).padStart(7)}  `, actor, ` ${e.verb.padEnd(14)} ${shortKey(e.key)}`);
  row.addEventListener('click', () => nav.select(e.key, e.rev));
  return row;
}

function faultRow(f: FaultMark, epoch: number): HTMLElement {
  const row = h('div', { class: 'row fault', title: formatTime(epoch, f.time) }, `${''.padStart(9)}⚠ fault ${f.kind} ${f.subject} (${f.actor})`);
  row.style.color = '#b35a00';
  return row;
}

/** The events around the cursor, with the faults recorded between them. */
export function renderEvents(el: HTMLElement, events: readonly EventRow[], faults: readonly FaultMark[], rev: number, epoch: number, nav: Nav): void {
  const rows: HTMLElement[] = [];
  let fi = 0;
  for (const e of events) {
    for (; fi < faults.length && (faults[fi] as FaultMark).atRev < e.rev; fi++) rows.push(faultRow(faults[fi] as FaultMark, epoch));
    rows.push(eventRow(e, epoch, e.rev === rev, nav));
  }
  fill(el, ...rows);
  const cur = el.querySelector<HTMLElement>('.row.cur');
  if (cur !== null) el.scrollTop = cur.offsetTop - el.clientHeight / 2 + cur.clientHeight;
}

/** Whether a YAML line at `path` shows something a diff operation at `changed` touched. */
function touched(path: string, changed: readonly string[]): boolean {
  return changed.some((c) => c === '' || path === c || path.startsWith(`${c}/`));
}

/** `picked`: the field whose why is shown (a JSON Pointer), marked in the YAML. */
export function renderObject(el: HTMLElement, o: ObjectView, tab: 'yaml' | 'diff', epoch: number, nav: Nav, picked?: string): void {
  if (o.versionRev === 0) {
    fill(el, h('p', { class: 'muted' }, `${shortKey(o.key)} does not exist yet at revision ${o.rev}.`), o.nextRev > 0 ? link(`created at revision ${o.nextRev}`, () => nav.go(o.nextRev)) : undefined);
    return;
  }
  const w = o.write;
  const headLine = h(
    'div',
    { class: 'muted' },
    h('b', {}, shortKey(o.key)),
    ` · version of rev ${o.versionRev} (${o.versions.indexOf(o.versionRev) >= 0 ? 'one of ' : ''}${o.versionCount} versions)`,
    w === undefined ? '' : ` · ${w.actor} ${w.verb} at ${formatTime(epoch, w.time)}`,
    w !== undefined && w.cause.length > 0 ? ` · cause ${w.cause.join(', ')}` : '',
  );
  const gone = o.exists ? undefined : h('p', { class: 'error' }, `Deleted at revision ${o.versionRev}: showing the last version.`);
  if (tab === 'diff') {
    const ops =
      o.diff.length === 0
        ? [h('p', { class: 'muted' }, 'No change from the previous version.')]
        : o.diff.map((op) => {
            const value = 'value' in op ? ` ${truncate(JSON.stringify(op.value), 400)}` : '';
            return h('div', { class: `op ${op.op}` }, `${op.op.padEnd(7)} ${op.path}${value}`);
          });
    fill(el, headLine, gone, h('p', { class: 'muted' }, o.prevRev === 0 ? 'Created by this write:' : `From revision ${o.prevRev} to ${o.versionRev}:`), ...ops);
    return;
  }
  // The YAML is redrawn on every scrub: keep the keyboard's place in it.
  const focused = document.activeElement instanceof HTMLElement && el.contains(document.activeElement) && document.activeElement.matches('pre.yaml');
  const pre = renderYaml(o, (path) => touched(path, o.changed), picked, nav);
  fill(el, headLine, gone, pre);
  if (focused) pre.focus({ preventScroll: true });
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

export function link(text: string, f: () => void): HTMLElement {
  const a = h('a', { href: '#' }, text);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    f();
  });
  return a;
}

/** `header`: drawn above the chain (the picked field's, when a field is explained). */
export function renderWhy(el: HTMLElement, root: WhyNode | null, epoch: number, nav: Nav, header?: HTMLElement): void {
  if (root === null) {
    fill(el, h('p', { class: 'muted' }, 'Select an object to see why it is as it is.'));
    return;
  }
  const step = (n: WhyNode): HTMLElement => {
    const cls = `step${n.actor.startsWith('user:') ? ' user' : ''}${n.seen === true ? ' seen' : ''}`;
    const box = h('div', { class: cls, 'data-rev': String(n.rev), title: formatTime(epoch, n.time) }, h('b', {}, `rev ${n.rev}`), ` ${n.actor} `, h('i', {}, n.verb), ` ${shortKey(n.key)}`, n.seen === true ? ' (shown above)' : '');
    box.style.borderLeft = `4px solid ${actorColour(n.actor)}`;
    box.addEventListener('click', () => nav.select(n.key, n.rev));
    const kids: HTMLElement[] = [];
    if (n.fault !== undefined) kids.push(h('div', { class: 'step fault' }, `fault: ${n.fault.kind} ${n.fault.subject} at ${formatTime(epoch, n.fault.time)} (${n.fault.actor})`));
    if (n.truncated === true) kids.push(h('div', { class: 'muted' }, '… earlier causes not shown'));
    if (n.causes.length === 0 && n.fault === undefined && n.seen !== true) kids.push(h('div', { class: 'muted' }, n.actor.startsWith('user:') ? 'a user action' : 'no recorded cause (a timer or an outside client)'));
    for (const c of n.causes) kids.push(step(c));
    return h('div', {}, box, kids.length > 0 ? h('div', { class: 'kids' }, ...kids) : undefined);
  };
  fill(el, header, step(root));
}

export function renderNodes(el: HTMLElement, nodes: readonly NodeEntry[], selected: string | undefined, nav: Nav): void {
  if (nodes.length === 0) {
    fill(el, h('p', { class: 'muted' }, 'No nodes at this revision.'));
    return;
  }
  fill(
    el,
    ...nodes.map((n) => {
      const title = h('h3', {}, n.name === '' ? 'not scheduled' : n.name, h('span', { class: `badge ${n.status}` }, n.status), n.taints.length > 0 ? h('span', { class: 'muted' }, ` ${n.taints.join(' ')}`) : undefined);
      if (n.key !== '') title.addEventListener('click', () => nav.select(n.key));
      const pods = n.pods.map((p) => {
        const chip = h('span', { class: `pod ${p.status}${p.key === selected ? ' sel' : ''}`, title: `${p.namespace}/${p.name} ${p.status}`, 'data-key': p.key }, p.name);
        if (p.key === selected) chip.style.outline = '2px solid #3b6fd6';
        chip.addEventListener('click', () => nav.select(p.key));
        return chip;
      });
      return h('div', { class: 'card' }, title, ...pods, n.podCount > n.pods.length ? h('span', { class: 'muted' }, ` +${n.podCount - n.pods.length} more`) : undefined);
    }),
  );
}
