/**
 * A tiny protobuf encoder for tests: enough to hand-write the bytes a Go
 * client would send (varints, length-delimited fields, nested messages,
 * map entries, Kubernetes' `k8s\0` envelope).
 */

/** A varint; negative numbers as protobuf writes int32/int64 (two's complement over 64 bits, 10 bytes). */
export function varint(n: number | bigint): Buffer {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v === 0n ? b : b | 0x80);
  } while (v !== 0n);
  return Buffer.from(out);
}

const key = (field: number, wire: number): Buffer => varint(field * 8 + wire);

/** A varint field (int32, int64, bool, enum). */
export const int = (field: number, n: number | bigint | boolean): Buffer => Buffer.concat([key(field, 0), varint(typeof n === 'boolean' ? (n ? 1 : 0) : n)]);

/** A length-delimited field holding raw bytes. */
export const bytes = (field: number, b: Buffer): Buffer => Buffer.concat([key(field, 2), varint(b.length), b]);

/** A string field. */
export const str = (field: number, s: string): Buffer => bytes(field, Buffer.from(s, 'utf8'));

/** A nested message field made of the given fields. */
export const msg = (field: number, ...parts: Buffer[]): Buffer => bytes(field, Buffer.concat(parts));

/** One entry of a `map<string, V>` field; `value` is the encoded field 2 (or nothing). */
export const entry = (field: number, k: string, ...value: Buffer[]): Buffer => msg(field, str(1, k), ...value);

/** A fixed-width field (wire type 1 or 5). */
export const fixed = (field: number, width: 4 | 8): Buffer => Buffer.concat([key(field, width === 8 ? 1 : 5), Buffer.alloc(width)]);

/** Kubernetes' envelope around an object's message, as client-go writes it. */
export function envelope(apiVersion: string, kind: string, ...object: Buffer[]): Buffer {
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), msg(1, str(1, apiVersion), str(2, kind)), bytes(2, Buffer.concat(object)), str(3, ''), str(4, '')]);
}
