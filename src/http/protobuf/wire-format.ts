/**
 * The protobuf wire format as Kubernetes uses it: a message is a sequence
 * of (field number, wire type, value) records; Kubernetes' envelope is the
 * four bytes `k8s\0` followed by a runtime.Unknown whose `typeMeta` names
 * the object's apiVersion and kind and whose `raw` is the object's message.
 * Everything here is about bytes; what a field means is the message tables'
 * business. A body that is not well-formed protobuf is 400 BadRequest.
 */
import { badRequest } from '../../model/index.js';

/** Wire types: 0 varint, 1 fixed 64 bits, 2 length-delimited, 5 fixed 32 bits (3/4, groups, are not used by Kubernetes). */
export type WireType = 0 | 1 | 2 | 5;

/** One record of a message, in the order it was sent. */
export interface WireField {
  readonly field: number;
  readonly wire: WireType;
  /** Varints as unsigned 64-bit values; fixed-width values as their raw bytes; length-delimited values as their bytes. */
  readonly value: bigint | Buffer;
}

/** The media type of Kubernetes' protobuf encoding. */
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** A 400 naming what is wrong with the bytes. */
export function malformed(why: string): Error {
  return badRequest(`the protobuf body is malformed: ${why}`);
}

/** Reads a varint at `at`: its unsigned value and the offset after it. At most 10 bytes, as protobuf allows. */
export function readVarint(buf: Buffer, at: number): [bigint, number] {
  let value = 0n;
  for (let i = 0; i < 10; i++) {
    const b = buf[at + i];
    if (b === undefined) throw malformed(`a varint at byte ${at} is truncated`);
    value |= BigInt(b & 0x7f) << BigInt(7 * i);
    if ((b & 0x80) === 0) return [value, at + i + 1];
  }
  throw malformed(`a varint at byte ${at} is longer than 10 bytes`);
}

/** Splits a message into its records. Throws 400 on a truncated record, a length past the end, or a wire type protobuf 3 does not have. */
export function readFields(buf: Buffer): WireField[] {
  const out: WireField[] = [];
  let at = 0;
  while (at < buf.length) {
    const start = at;
    const [key, next] = readVarint(buf, at);
    at = next;
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw malformed(`field number 0 at byte ${start}`);
    switch (wire) {
      case 0: {
        const [v, after] = readVarint(buf, at);
        out.push({ field, wire, value: v });
        at = after;
        break;
      }
      case 1:
      case 5: {
        const width = wire === 1 ? 8 : 4;
        if (at + width > buf.length) throw malformed(`field ${field} at byte ${start} is truncated`);
        out.push({ field, wire, value: buf.subarray(at, at + width) });
        at += width;
        break;
      }
      case 2: {
        const [len, body] = readVarint(buf, at);
        if (len > BigInt(buf.length - body)) throw malformed(`field ${field} at byte ${start} has a length (${len}) past the end of its message`);
        const end = body + Number(len);
        out.push({ field, wire, value: buf.subarray(body, end) });
        at = end;
        break;
      }
      default:
        throw malformed(`field ${field} at byte ${start} has wire type ${wire}, which Kubernetes never sends`);
    }
  }
  return out;
}

/** A varint read as a signed 32-bit integer (protobuf's int32: negative values are sign-extended to 64 bits). */
export function toInt32(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}

/** A varint read as a signed 64-bit integer (exact up to 2^53, which every Kubernetes int64 field stays within). */
export function toInt64(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}

/** The object inside Kubernetes' envelope. */
export interface Envelope {
  readonly apiVersion: string;
  readonly kind: string;
  readonly raw: Buffer;
}

/**
 * Opens Kubernetes' envelope: the `k8s\0` magic, then runtime.Unknown
 * (1 typeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding,
 * 4 contentType). An encoded (e.g. compressed) `raw` is refused: no client
 * sends one and it could not be read as a message.
 */
export function openEnvelope(body: Buffer): Envelope {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw badRequest('the protobuf body lacks the k8s envelope');
  let apiVersion = '';
  let kind = '';
  let raw: Buffer = Buffer.alloc(0);
  for (const f of readFields(body.subarray(4))) {
    if (f.field === 1 && Buffer.isBuffer(f.value)) {
      for (const t of readFields(f.value)) {
        if (!Buffer.isBuffer(t.value)) continue;
        if (t.field === 1) apiVersion = t.value.toString('utf8');
        else if (t.field === 2) kind = t.value.toString('utf8');
      }
    } else if (f.field === 2 && Buffer.isBuffer(f.value)) raw = f.value;
    else if (f.field === 3 && Buffer.isBuffer(f.value) && f.value.length > 0) {
      throw badRequest(`the protobuf body's content encoding ${JSON.stringify(f.value.toString('utf8'))} is not supported`);
    }
  }
  return { apiVersion, kind, raw };
}

/** Whether a Content-Type names Kubernetes' protobuf encoding. */
export function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === PROTOBUF_MEDIA_TYPE;
}
