/**
 * The downward API's metadata fields of a pod, as the kubelet renders them
 * for env variables and downwardAPI volume files alike: name, namespace,
 * uid, one label or annotation (`metadata.labels['k']`), or all of them as
 * sorted `k="v"` lines.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';

/** The value of a `metadata.*` field path, or undefined when `path` names no metadata field. */
export function podMetadataField(pod: Pod, path: string): string | undefined {
  const m = pod.metadata ?? {};
  const sub = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (sub !== null) return (sub[1] === 'labels' ? m.labels : m.annotations)?.[sub[2] ?? ''] ?? '';
  switch (path) {
    case 'metadata.name':
      return m.name ?? '';
    case 'metadata.namespace':
      return m.namespace ?? '';
    case 'metadata.uid':
      return m.uid ?? '';
    case 'metadata.labels':
      return lines(m.labels);
    case 'metadata.annotations':
      return lines(m.annotations);
    default:
      return undefined;
  }
}

function lines(rec: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(rec ?? {})
    .sort()
    .map((k) => `${k}="${rec?.[k] ?? ''}"`)
    .join('\n');
}
