/// <reference lib="dom" />
/**
 * Picking one field of the selected object's YAML to ask why it has its
 * value. The YAML is a listbox: a click on a line picks its field (again:
 * back to the whole object); from the keyboard, Tab reaches it, ↑/↓ move
 * the line cursor, Enter or Space picks, Esc returns to the whole object.
 * One listener of each kind on the whole block, so a large object stays
 * cheap to redraw on every scrub. The line cursor survives redraws (the
 * same path keeps it), and so does focus.
 */
import { h } from './dom.js';
import type { Nav } from './nav.js';
import type { ObjectView } from './types.js';

/** Path of the line the keyboard cursor is on (kept across redraws of the object). */
let activePath: string | undefined;

/** The YAML of `o` as a listbox of field lines; `changed` lines highlighted, the `picked` one marked. */
export function renderYaml(o: ObjectView, touched: (path: string) => boolean, picked: string | undefined, nav: Nav): HTMLElement {
  const pre = h('pre', { class: 'yaml', tabindex: '0', role: 'listbox', 'aria-label': 'fields: Enter explains the field under the cursor, Esc the whole object' });
  const frag = document.createDocumentFragment();
  let active = -1;
  o.lines.forEach((line, i) => {
    const div = document.createElement('div');
    div.id = `yl${i}`;
    div.setAttribute('role', 'option');
    div.dataset['path'] = line.path;
    let cls = touched(line.path) ? 'chg' : '';
    if (line.path === picked) {
      cls += ' pick';
      div.setAttribute('aria-selected', 'true');
    }
    if (line.path === activePath) active = i;
    if (cls !== '') div.className = cls.trim();
    div.textContent = line.text;
    frag.append(div);
  });
  pre.append(frag);
  if (active < 0 && picked !== undefined) active = o.lines.findIndex((l) => l.path === picked);
  if (active >= 0) setActive(pre, active, false);

  const lines = (): HTMLElement[] => Array.from(pre.children) as HTMLElement[];
  const pick = (div: HTMLElement): void => {
    const path = div.dataset['path'] ?? '';
    const already = div.classList.contains('pick');
    markPicked(pre, already ? undefined : path);
    nav.pick(already ? undefined : path);
  };
  pre.addEventListener('click', (e) => {
    const div = (e.target as HTMLElement).closest<HTMLElement>('div[role="option"]');
    if (div === null || !pre.contains(div)) return;
    setActive(pre, lines().indexOf(div), false);
    pick(div);
  });
  pre.addEventListener('keydown', (e) => {
    const all = lines();
    const at = all.findIndex((d) => d.classList.contains('act'));
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const next = at < 0 ? 0 : Math.max(0, Math.min(all.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)));
      if (all.length > 0) setActive(pre, next, true);
    } else if (e.key === 'Enter' || e.key === ' ') {
      const div = all[at < 0 ? 0 : at];
      if (div !== undefined) {
        if (at < 0) setActive(pre, 0, true);
        pick(div);
      }
    } else if (e.key === 'Escape') {
      markPicked(pre, undefined);
      nav.pick(undefined);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  });
  return pre;
}

function setActive(pre: HTMLElement, i: number, scroll: boolean): void {
  pre.querySelector('div.act')?.classList.remove('act');
  const div = pre.children[i] as HTMLElement | undefined;
  if (div === undefined) return;
  div.classList.add('act');
  activePath = div.dataset['path'];
  pre.setAttribute('aria-activedescendant', div.id);
  if (scroll) div.scrollIntoView({ block: 'nearest' });
}

/** Marks the picked line (none: the whole object) in the YAML block under `root`, without a redraw. */
export function markPicked(root: HTMLElement, path: string | undefined): void {
  const pre = root.matches('pre.yaml') ? root : root.querySelector('pre.yaml');
  if (pre === null) return;
  for (const d of Array.from(pre.querySelectorAll<HTMLElement>('div.pick'))) {
    d.classList.remove('pick');
    d.removeAttribute('aria-selected');
  }
  if (path === undefined) return;
  for (const d of Array.from(pre.children) as HTMLElement[]) {
    if (d.dataset['path'] !== path) continue;
    d.classList.add('pick');
    d.setAttribute('aria-selected', 'true');
  }
}
