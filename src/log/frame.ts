/**
 * The framing of every chronokube file (history and checkpoint sidecar): one
 * frame per line, readable with `grep`, `head` and `jq`:
 *
 *     <len> <crc32> <json>\n
 *
 * - `len`: the byte length of `<json>` in decimal (1 to 9 digits, no leading
 *   zero), so a reader knows where the frame must end before trusting it;
 * - `crc32`: zlib's CRC-32 of those `<json>` bytes, 8 lowercase hex digits;
 * - `<json>`: a JSON object (one record, the header, a base checkpoint) or a
 *   JSON array of records appended atomically as one batch. JSON never holds
 *   a raw newline, so every frame is exactly one line.
 *
 * A frame is trusted only if its length field, separators, terminating
 * newline and checksum all agree and its JSON parses. A prefix of a valid
 * frame (a writer mid-`write`, or a crash) is `incomplete`; anything else
 * that fails is `corrupt`. Neither is ever returned as data.
 *
 * @example
 * encodeFrame('{"a":1}') // '7 0d2f3e3c {"a":1}\n' (checksum illustrative)
 */
import { crc32 } from 'node:zlib';

/** Frames larger than this are refused (JSON strings this long do not fit a V8 string anyway). */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024;

const SPACE = 0x20;
const NEWLINE = 0x0a;
/** The longest frame head: `<9 digits> <8 hex> `. */
const MAX_HEAD = 9 + 1 + 8 + 1;

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** Frames one JSON text (must not contain a raw newline, as `JSON.stringify` guarantees). */
export function encodeFrame(json: string): string {
  const len = Buffer.byteLength(json);
  return `${len} ${hex8(crc32(json))} ${json}\n`;
}

/** The ASCII part of a frame before its JSON: `<len> <crc32> `. */
export function frameHead(jsonBytes: number, crc: number): string {
  return `${jsonBytes} ${hex8(crc)} `;
}

/** Frames `json` into `buf` at `offset` (room for `maxFrameBytes(json)` needed); returns the frame's length. */
export function writeFrame(json: string, buf: Buffer, offset: number): number {
  const start = offset + MAX_HEAD;
  const n = buf.write(json, start);
  if (n > MAX_FRAME_BYTES) throw new RangeError(`a frame of ${n} bytes is larger than the limit of ${MAX_FRAME_BYTES}`);
  const head = frameHead(n, crc32(buf.subarray(start, start + n)));
  buf.write(head, offset, 'latin1');
  if (head.length < MAX_HEAD) buf.copyWithin(offset + head.length, start, start + n);
  buf[offset + head.length + n] = NEWLINE;
  return head.length + n + 1;
}

/** Room `writeFrame` may need for `json`: the longest head, UTF-8's worst case, the newline. */
export function maxFrameBytes(json: string): number {
  return MAX_HEAD + json.length * 3 + 1;
}

export type FrameParse =
  | { readonly kind: 'frame'; readonly end: number; readonly value: object }
  /** The bytes so far are a valid prefix; `need` is the end offset the frame claims (unknown: -1). */
  | { readonly kind: 'incomplete'; readonly need: number; readonly reason: string }
  | { readonly kind: 'corrupt'; readonly reason: string };

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  return -1;
}

/**
 * Parses the frame starting at `pos` in `buf[0, end)`. Offsets are buffer
 * offsets; `end` of a parsed frame is the offset just after its newline.
 */
export function parseFrameAt(buf: Buffer, pos: number, end: number): FrameParse {
  let p = pos;
  let len = 0;
  while (p < end && p - pos < 10) {
    const b = buf[p] ?? 0;
    if (b < 0x30 || b > 0x39) break;
    len = len * 10 + (b - 0x30);
    p++;
  }
  const digits = p - pos;
  if (digits === 0) {
    return p >= end
      ? { kind: 'incomplete', need: -1, reason: 'the file ends where a frame should start' }
      : { kind: 'corrupt', reason: `expected a frame length, found byte 0x${(buf[p] ?? 0).toString(16)}` };
  }
  if (p >= end) return { kind: 'incomplete', need: -1, reason: 'the file ends inside a frame length' };
  if (buf[p] !== SPACE || digits > 9 || (digits > 1 && buf[pos] === 0x30)) {
    return { kind: 'corrupt', reason: 'malformed frame length field' };
  }
  if (len === 0 || len > MAX_FRAME_BYTES) return { kind: 'corrupt', reason: `implausible frame length ${len}` };
  p++;
  let crc = 0;
  for (let i = 0; i < 8; i++, p++) {
    if (p >= end) return { kind: 'incomplete', need: -1, reason: 'the file ends inside a frame checksum' };
    const h = hexValue(buf[p] ?? 0);
    if (h < 0) return { kind: 'corrupt', reason: 'malformed frame checksum field' };
    crc = crc * 16 + h;
  }
  if (p >= end) return { kind: 'incomplete', need: -1, reason: 'the file ends inside a frame header' };
  if (buf[p] !== SPACE) return { kind: 'corrupt', reason: 'malformed frame checksum field' };
  const start = p + 1;
  const stop = start + len;
  if (stop >= end) {
    return {
      kind: 'incomplete',
      need: stop + 1,
      reason: `the frame declares ${len} bytes of JSON but the file ends after ${end - start}`,
    };
  }
  if (buf[stop] !== NEWLINE) return { kind: 'corrupt', reason: 'the frame does not end with a newline where its length says' };
  const actual = crc32(buf.subarray(start, stop));
  if (actual !== crc) {
    return { kind: 'corrupt', reason: `checksum mismatch (stored ${hex8(crc)}, computed ${hex8(actual)})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(buf.toString('utf8', start, stop));
  } catch {
    return { kind: 'corrupt', reason: 'the frame checksum matches but its JSON does not parse' };
  }
  if (typeof value !== 'object' || value === null) return { kind: 'corrupt', reason: 'the frame is not a JSON object or array' };
  return { kind: 'frame', end: stop + 1, value };
}
