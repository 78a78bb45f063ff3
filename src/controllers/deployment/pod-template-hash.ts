/**
 * The `pod-template-hash` label: Kubernetes 1.32 `controller.ComputeHash`
 * (pkg/controller/controller_utils.go). Its structure is followed step by
 * step:
 *
 * 1. an FNV-1a 32-bit hasher is fed a deep printing of the pod template
 *    (`hashutil.DeepHashObject`: go-spew with sorted keys and no methods);
 * 2. when the Deployment has a `status.collisionCount`, its value is fed as
 *    8 bytes (a little-endian uint32 in the first four, zeros after);
 * 3. the decimal text of the 32-bit sum is mapped byte by byte through
 *    `rand.SafeEncodeString`'s alphabet `bcdfghjklmnpqrstvwxz2456789`
 *    (byte value modulo 27), so the label only ever holds `4-9`, `b`, `c`,
 *    `d` and `f`, as real hashes do.
 *
 * Not reproduced: spew prints Go structs (every field of `v1.PodTemplateSpec`
 * in declaration order, with Go type names and nil pointers); here the JSON
 * template is printed in spew's shape (sorted keys, typed scalars), so the
 * numbers differ from kube-controller-manager's for the same template. They
 * are stable, depend on every field of the template, and change with
 * collisionCount, which is what the controller relies on.
 */

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a, 32 bits, over bytes. */
export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/** `rand.SafeEncodeString`: each byte of `s` picks `alphabet[byte % 27]`. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) out += SAFE_ALPHABET[b % SAFE_ALPHABET.length];
  return out;
}

/** A spew-like `%#v` printing of a JSON value: sorted map keys, typed scalars. */
export function deepPrint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return `(string)${JSON.stringify(v)}`;
  if (typeof v === 'boolean') return `(bool)${String(v)}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `(int64)${v}` : `(float64)${v}`;
  if (Array.isArray(v)) return `([]interface {})[${v.map(deepPrint).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `(map[string]interface {}){${keys.map((k) => `(string)${JSON.stringify(k)}:${deepPrint(o[k])}`).join(' ')}}`;
  }
  return String(v);
}

/**
 * The hash of a pod template with the Deployment's collision count.
 *
 * @example
 * computeHash(d.spec.template, d.status?.collisionCount) // e.g. '5d8f6c7b94'
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  const text = new TextEncoder().encode(deepPrint(template));
  let h = fnv32a(text);
  if (collisionCount !== undefined) {
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(extra, h);
  }
  return safeEncodeString(String(h));
}
