/**
 * `status.completedIndexes` of an Indexed Job: sorted, compressed
 * intervals such as `1,3-5,7` (pkg/controller/job/indexed_job_utils.go).
 * Parsing ignores malformed parts and indexes at or above `completions`,
 * as Kubernetes does.
 *
 * @example
 * formatIndexes([1, 3, 4, 5, 7]) // '1,3-5,7'
 */
export function parseIndexes(s: string | undefined, completions: number): number[] {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (m === null) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let i = from; i <= Math.min(to, completions - 1); i++) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
