/**
 * Diffs between two revisions as RFC 6902 JSON Patch.
 *
 * Per object: paths are relative to the object (`/spec/replicas`); an object
 * that appears is `add ''`, one that disappears `remove ''`.
 *
 * Cluster-wide: the patch applies to `clusterDocument(view)`, the nested
 * document `{GROUP: {RESOURCE: {NAMESPACE: {NAME: object}}}}`, so every path
 * starts with the object key's segments (`/apps/deployments/default/web/spec/replicas`),
 * each escaped by model/json-pointer. A group, resource or namespace that
 * appears or disappears entirely is one `add`/`remove` of that container, so
 * the patch is valid RFC 6902 against the document.
 *
 * Cost O(changes): only keys written between the two revisions can differ
 * (read from the history, never by scanning the cluster); each costs one
 * object compare (plus, when it appears or vanishes, a look for a sibling
 * under its namespace, resource and group).
 */
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { type JsonPatch, type KubeObject, formatPointer } from '../model/index.js';
import type { HistoryView } from './state-view.js';
import type { VersionHistory } from './version-history.js';

/** Per-object JSON Patch from `a` to `b` (either may be absent). */
export function objectDiff(a: KubeObject | undefined, b: KubeObject | undefined): JsonPatch {
  if (a === b) return [];
  if (a === undefined) return [{ op: 'add', path: '', value: b }];
  if (b === undefined) return [{ op: 'remove', path: '' }];
  return jsonpatch.compare(a, b);
}

/** The cluster as one JSON document, the target of cluster-wide diffs. */
export function clusterDocument(view: HistoryView): Record<string, unknown> {
  return nestedUnder(view, '', 0);
}

function nestedUnder(view: HistoryView, prefix: string, depth: number): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const key of view.keysWithPrefix(prefix)) {
    const segs = key.split('/').slice(depth);
    let node = doc;
    for (let i = 0; i < segs.length - 1; i++) {
      const s = segs[i] as string;
      node = (node[s] ??= {}) as Record<string, unknown>;
    }
    node[segs[segs.length - 1] as string] = view.get(key);
  }
  return doc;
}

export function clusterDiff(history: VersionHistory, a: HistoryView, b: HistoryView): JsonPatch {
  const lo = Math.min(a.rev, b.rev);
  const hi = Math.max(a.rev, b.rev);
  const changed = new Set<string>();
  for (let r = lo + 1; r <= hi; r++) changed.add((history.record(r) as { key: string }).key);
  const ops: Operation[] = [];
  let wholesale: string | undefined;
  for (const key of [...changed].sort()) {
    if (wholesale !== undefined && key.startsWith(wholesale)) continue;
    if (a.versionRev(key) === b.versionRev(key)) continue; // same version (or absent on both sides)
    const x = a.get(key);
    const y = b.get(key);
    const segs = key.split('/');
    if (x === undefined || y === undefined) {
      // The highest container (group, resource, namespace) missing on one side goes in or out whole.
      const missingIn = x === undefined ? a : b;
      const depth = [1, 2, 3].find((d) => !missingIn.anyUnder(`${segs.slice(0, d).join('/')}/`));
      if (depth !== undefined) {
        wholesale = `${segs.slice(0, depth).join('/')}/`;
        const path = formatPointer(segs.slice(0, depth));
        ops.push(x === undefined ? { op: 'add', path, value: nestedUnder(b, wholesale, depth) } : { op: 'remove', path });
        continue;
      }
    }
    const prefix = formatPointer(segs);
    for (const op of objectDiff(x, y)) ops.push({ ...op, path: prefix + op.path } as Operation);
  }
  return ops;
}
