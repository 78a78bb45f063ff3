/// <reference lib="dom" />
/**
 * The why panel when a field is picked: a header naming the field, its
 * value and the revision (and actor) of the write that set it — with the
 * way back to the whole object's why — above that write's cause chain; or
 * the server's refusal (no such field at this revision) in the UI's error
 * style, with the same way back.
 */
import { fill, h } from './dom.js';
import { fieldLabel } from '../field-label.js';
import type { Nav } from './nav.js';
import { link, renderWhy } from './panels.js';
import type { FieldWhyView } from './types.js';

const MAX_VALUE_CHARS = 160;

function back(nav: Nav): HTMLElement {
  const a = link('← why of the whole object', () => nav.pick(undefined));
  a.className = 'whole';
  return a;
}

export function renderFieldWhy(el: HTMLElement, answer: FieldWhyView, epoch: number, nav: Nav): void {
  const text = JSON.stringify(answer.value) ?? 'null';
  const root = answer.root;
  const head = h(
    'div',
    { class: 'fieldhead', 'data-field': answer.label, 'data-setrev': String(answer.setRev) },
    h('div', {}, 'Why ', h('code', {}, answer.label), ' = ', h('code', { class: 'val', title: text }, text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text)),
    h('div', {}, 'set at ', link(`revision ${answer.setRev}`, () => nav.go(answer.setRev)), ` by ${root.actor} `, h('i', {}, root.verb), answer.deleted ? h('span', { class: 'muted' }, ` · in its last version (revision ${answer.versionRev}; deleted by then)`) : ''),
    back(nav),
  );
  renderWhy(el, root, epoch, nav, head);
}

export function renderFieldWhyError(el: HTMLElement, field: string, message: string, nav: Nav): void {
  fill(el, h('div', { class: 'fieldhead', 'data-field': fieldLabel(field) }, h('div', {}, 'Why ', h('code', {}, fieldLabel(field))), back(nav)), h('p', { class: 'error' }, message));
}
