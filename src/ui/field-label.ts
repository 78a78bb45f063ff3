/**
 * A field's name as the page shows it and puts in links: dotted
 * (`spec.nodeName`, `spec.containers.0.image`) when that reads back to the
 * same JSON Pointer, the pointer itself otherwise (a key with a dot, a slash
 * or a tilde, such as the label `app.kubernetes.io/name`). Both forms are
 * what `chronokube why --field` and `/api/why-field` accept. Pure: bundled
 * into the page as well.
 */

/** `/spec/nodeName` → `spec.nodeName`; `/metadata/labels/app.kubernetes.io~1name` stays a pointer. */
export function fieldLabel(pointer: string): string {
  if (!pointer.startsWith('/')) return pointer;
  const segs = pointer.slice(1).split('/');
  return segs.some((s) => s === '' || s.includes('.') || s.includes('~')) ? pointer : segs.join('.');
}

/** The inverse: a label (dotted or a pointer) → its JSON Pointer. */
export function labelPointer(label: string): string {
  if (label.startsWith('/') || label === '') return label;
  return `/${label
    .split('.')
    .map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1'))
    .join('/')}`;
}
