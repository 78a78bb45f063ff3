/** Small mutating helpers used only on private copies inside the defaulting functions. */
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sets `o[k]` to `v` when absent (undefined or null), as Go's `if x == nil { x = default }`. */
export function setDefault(o: Obj, k: string, v: unknown): void {
  if (o[k] === undefined || o[k] === null || (typeof v === 'string' && o[k] === '')) o[k] = v;
}

/** The object at `o[k]`, creating `{}` there when absent. */
export function ensureObj(o: Obj, k: string): Obj {
  if (!isObj(o[k])) o[k] = {};
  return o[k] as Obj;
}

/** The objects of the array at `o[k]` (absent: none). */
export const objects = (o: Obj, k: string): Obj[] => (Array.isArray(o[k]) ? (o[k] as unknown[]).filter(isObj) : []);
