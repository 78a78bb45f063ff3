/**
 * RFC 6901 JSON Pointers for the JSON Patch verb: parsing (`~1` is `/`,
 * `~0` is `~`) and the array-index rule of RFC 6902 (decimal, no leading
 * zeros, `-` meaning "past the end" for `add` only).
 */

/** The reference tokens of a pointer; `''` is the whole document (no tokens). Undefined when malformed. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  const tokens: string[] = [];
  for (const raw of pointer.slice(1).split('/')) {
    if (/~(?![01])/.test(raw)) return undefined;
    tokens.push(raw.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  return tokens;
}

/** An array index token as a number, or undefined if the token is not one (`-` is handled by callers). */
export function arrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}
