/**
 * Reads frames from an open file in large chunks, without ever loading the
 * whole file, and says precisely why it stopped: a clean end, an incomplete
 * frame (torn tail, or a writer mid-`write`), or a corrupt one. Also finds
 * whether any intact frame follows a bad one, which is what separates a torn
 * tail (cut it) from corruption in the middle (never skip it silently).
 */
import type { FileHandle } from 'node:fs/promises';
import { parseFrameAt } from './frame.js';

export interface FileFrame {
  /** Byte offset of the frame's first byte in the file. */
  readonly offset: number;
  /** Byte offset just after its newline. */
  readonly end: number;
  readonly value: object;
}

export interface FrameStop {
  readonly offset: number;
  readonly kind: 'end' | 'incomplete' | 'corrupt';
  readonly reason: string;
}

const CHUNK = 1 << 20;

export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);
  private bufStart: number;
  private bufLen = 0;
  private pos: number;
  /** Why `next()` returned undefined. */
  stop: FrameStop | undefined;

  /** `limit`: read no byte at or past this offset (Infinity: up to the file's current end). */
  constructor(
    private readonly fh: FileHandle,
    offset: number,
    private readonly limit = Infinity,
  ) {
    this.pos = offset;
    this.bufStart = offset;
  }

  /** Offset of the next frame to read (after a stop: where the bad bytes begin). */
  get position(): number {
    return this.pos;
  }

  async next(): Promise<FileFrame | undefined> {
    if (this.stop !== undefined) return undefined;
    for (;;) {
      const rel = this.pos - this.bufStart;
      const r = rel < this.bufLen ? parseFrameAt(this.buf, rel, this.bufLen) : undefined;
      if (r?.kind === 'frame') {
        const frame = { offset: this.pos, end: this.bufStart + r.end, value: r.value };
        this.pos = frame.end;
        return frame;
      }
      if (r?.kind === 'corrupt') {
        this.stop = { offset: this.pos, kind: 'corrupt', reason: r.reason };
        return undefined;
      }
      const need = r === undefined || r.need < 0 ? this.bufLen - rel + CHUNK : r.need - rel;
      if (!(await this.fill(rel, need))) {
        this.stop =
          this.pos - this.bufStart >= this.bufLen
            ? { offset: this.pos, kind: 'end', reason: 'end of file' }
            : { offset: this.pos, kind: 'incomplete', reason: r?.reason ?? 'incomplete frame' };
        return undefined;
      }
    }
  }

  /** Keeps bytes from `rel` on and reads more so at least `need` bytes can be held; false at end of data. */
  private async fill(rel: number, need: number): Promise<boolean> {
    const keep = this.bufLen - rel;
    const size = Math.max(need, keep + CHUNK);
    const next = size <= this.buf.length && rel === 0 ? this.buf : Buffer.allocUnsafe(size);
    if (next !== this.buf) this.buf.copy(next, 0, rel, this.bufLen);
    this.buf = next;
    this.bufStart = this.pos;
    this.bufLen = keep;
    const from = this.bufStart + this.bufLen;
    const room = Math.min(this.buf.length - this.bufLen, this.limit - from);
    if (room <= 0) return false;
    const { bytesRead } = await this.fh.read(this.buf, this.bufLen, room, from);
    this.bufLen += bytesRead;
    return bytesRead > 0;
  }
}

/** How far past a bad frame to look for intact ones. A torn tail is at most one group write. */
const RESYNC_WINDOW = 64 * 1024 * 1024;

/**
 * The offset of an intact frame starting after `from` (tried at every byte,
 * since the damage may have hit a newline), or undefined if none within the
 * window. More bytes than the window after a bad frame count as "something
 * follows" too: such a tail is not a torn write.
 */
export async function findFrameAfter(fh: FileHandle, from: number, size: number): Promise<number | undefined> {
  const start = from + 1;
  const len = Math.max(0, Math.min(size - start, RESYNC_WINDOW));
  if (len === 0) return undefined;
  const buf = Buffer.allocUnsafe(len);
  const { bytesRead } = await fh.read(buf, 0, len, start);
  for (let p = 0; p < bytesRead; p++) {
    const b = buf[p] ?? 0;
    if (b < 0x31 || b > 0x39) continue;
    const r = parseFrameAt(buf, p, bytesRead);
    if (r.kind === 'frame') return start + p;
    if (r.kind === 'incomplete' && r.need > bytesRead && start + r.need <= size) {
      const one = new FrameReader(fh, start + p, start + r.need);
      if ((await one.next()) !== undefined) return start + p;
    }
  }
  return size - start > RESYNC_WINDOW ? start + RESYNC_WINDOW : undefined;
}
