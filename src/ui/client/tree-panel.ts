/// <reference lib="dom" />
/** The object tree at the cursor: namespaces (open ones filled in) → owners → children. */
import { fill, h } from './dom.js';
import type { Nav } from './nav.js';
import type { NamespaceEntry, TreeNode } from './types.js';

export function renderTree(el: HTMLElement, namespaces: readonly NamespaceEntry[], open: Set<string>, selected: string | undefined, nav: Nav, toggled: () => void): void {
  const node = (n: TreeNode): HTMLElement => {
    const label = h('div', { class: `node${n.key === selected ? ' sel' : ''}${n.changed ? ' changed' : ''}`, 'data-key': n.key, title: n.key }, `${n.kind}/${n.name}`, n.status === '' ? undefined : h('span', { class: `badge ${n.status}` }, n.status));
    label.addEventListener('click', () => nav.select(n.key));
    return n.children.length === 0 ? label : h('div', {}, label, h('div', { class: 'kids' }, ...n.children.map(node)));
  };
  const scroll = el.scrollTop;
  fill(
    el,
    ...namespaces.map((ns) => {
      const id = ns.name === '' ? '(cluster)' : ns.name;
      const d = h('details', {}, h('summary', {}, `${id} `, h('span', { class: 'muted' }, `(${ns.count})`)));
      d.open = open.has(id);
      if (ns.roots !== undefined) d.append(...ns.roots.map(node));
      if (ns.more !== undefined) d.append(h('div', { class: 'muted' }, `… ${ns.more} more`));
      d.addEventListener('toggle', () => {
        if (d.open === open.has(id)) return;
        if (d.open) open.add(id);
        else open.delete(id);
        toggled();
      });
      return d;
    }),
  );
  el.scrollTop = scroll;
}
