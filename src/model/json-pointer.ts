/**
 * The one place that converts between path arrays (immer, our own code) and
 * RFC 6901 JSON Pointer strings (fast-json-patch, JSON Patch on the wire).
 * Escaping is `~` → `~0` and `/` → `~1`; unescaping undoes `~1` before
 * `~0`, so `~01` reads back as `~1` and never as `/`.
 *
 * @example
 * formatPointer(['metadata', 'labels', 'app.kubernetes.io/name'])
 * // '/metadata/labels/app.kubernetes.io~1name'
 * parsePointer('/a~1b/~0c') // ['a/b', '~c']
 */

/** One path segment as it appears inside a pointer. */
export function escapePointerSegment(segment: string | number): string {
  const s = String(segment);
  if (s.indexOf('~') < 0 && s.indexOf('/') < 0) return s;
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The inverse of `escapePointerSegment`; throws on a `~` not followed by `0` or `1` (RFC 6901 §3). */
export function unescapePointerSegment(segment: string): string {
  if (segment.indexOf('~') < 0) return segment;
  if (/~(?![01])/.test(segment)) throw new Error(`invalid JSON Pointer escape in segment "${segment}"`);
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `''` (the whole document) for an empty path. */
export function formatPointer(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += `/${escapePointerSegment(p)}`;
  return out;
}

/** Splits a pointer into unescaped segments; `''` is the whole document. Throws unless it is `''` or starts with `/`. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (pointer.charCodeAt(0) !== 47 /* / */) throw new Error(`invalid JSON Pointer "${pointer}": must be empty or start with "/"`);
  const parts = pointer.slice(1).split('/');
  for (let i = 0; i < parts.length; i++) parts[i] = unescapePointerSegment(parts[i] as string);
  return parts;
}

/** Joins a pointer prefix and a pointer relative to it (both already escaped). */
export function joinPointer(prefix: string, relative: string): string {
  return prefix + relative;
}
