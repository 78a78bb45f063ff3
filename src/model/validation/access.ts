/**
 * Loose readers over JSON input. Validation sees objects before any type is
 * guaranteed, so every read tolerates a wrong shape (and the validators
 * report it) instead of throwing.
 */
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
export const has = (o: Obj, k: string): boolean => o[k] !== undefined && o[k] !== null;

/** Structural equality with object keys compared order-free, as Go's semantic DeepEqual over JSON. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** Byte length of a string in UTF-8, which is what Kubernetes' size limits count. */
export const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');
