/**
 * Group commit: frames appended while a write+fsync is in flight are joined
 * into the next single write and fsync, so throughput grows with the number
 * of appends in flight while each append is still acknowledged only once it
 * is durable. Acknowledgements run strictly in append order.
 *
 * Frames are encoded straight into a pending buffer when appended (no
 * per-frame allocation); a group write takes that buffer and appends go on
 * into a spare one, swapped back once the write is done.
 *
 * Exclusive operations (compaction, checkpoint saves, close) are queued in
 * the same line: they run after every frame queued before them is durable
 * and before any queued after them is written.
 *
 * After a failed write or fsync the file's tail is unknown, so the writer
 * stops: queued and later frames are rejected with the original error (the
 * next open for writing cuts whatever partial frame was left).
 */
import type { FileHandle } from 'node:fs/promises';
import { maxFrameBytes, writeFrame } from './frame.js';
import { writeAll } from './fs-durable.js';

export interface Acknowledge {
  /** Called in order once the frame is durable, with the offset it was written at. */
  durable(offset: number): void;
  failed(error: Error): void;
}

interface QueuedFrame extends Acknowledge {
  readonly bytes: number;
}

interface Exclusive {
  readonly run: () => Promise<void>;
  readonly failed: (error: Error) => void;
}

export class GroupWriter {
  private readonly queue: Array<QueuedFrame | Exclusive> = [];
  private pumping = false;
  private brokenBy: Error | undefined;
  /** Encoded frames not yet handed to a write, in queue order. */
  private pending = Buffer.allocUnsafe(1 << 20);
  private pendingLen = 0;
  private spare = Buffer.allocUnsafe(1 << 20);

  constructor(
    private fh: FileHandle,
    private endOffset: number,
    private readonly file: string,
  ) {}

  /** Offset just after the last durable frame. */
  get end(): number {
    return this.endOffset;
  }

  get broken(): Error | undefined {
    return this.brokenBy;
  }

  /** Points the writer at a replaced file; call only from an exclusive operation. */
  replaceFile(fh: FileHandle, end: number): void {
    this.fh = fh;
    this.endOffset = end;
  }

  /** Frames `json` and queues it; throws (queuing nothing) if it cannot be framed. */
  write(json: string, ack: Acknowledge): void {
    if (this.brokenBy !== undefined) return ack.failed(this.stoppedError());
    const room = maxFrameBytes(json);
    if (this.pending.length - this.pendingLen < room) {
      const bigger = Buffer.allocUnsafe(Math.max(this.pending.length * 2, this.pendingLen + room));
      this.pending.copy(bigger, 0, 0, this.pendingLen);
      this.pending = bigger;
    }
    const bytes = writeFrame(json, this.pending, this.pendingLen);
    this.pendingLen += bytes;
    this.queue.push({ bytes, durable: ack.durable, failed: ack.failed });
    void this.pump();
  }

  /** Runs `op` once everything queued before it is durable, with nothing written meanwhile. */
  exclusive<T>(op: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.brokenBy !== undefined) return reject(this.stoppedError());
      this.queue.push({ run: async () => resolve(await op()), failed: reject });
      void this.pump();
    });
  }

  private stoppedError(): Error {
    return new Error(`${this.file}: the log stopped accepting writes after an I/O error: ${this.brokenBy?.message ?? ''}`);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let head = this.queue[0]; head !== undefined; head = this.queue[0]) {
        if ('run' in head) {
          this.queue.shift();
          await head.run().catch((e: unknown) => head.failed(e instanceof Error ? e : new Error(String(e))));
          continue;
        }
        const group: QueuedFrame[] = [];
        for (let f = this.queue[0]; f !== undefined && !('run' in f); f = this.queue[0]) {
          group.push(f);
          this.queue.shift();
        }
        await this.writeGroup(group);
      }
    } finally {
      this.pumping = false;
    }
  }

  private async writeGroup(group: readonly QueuedFrame[]): Promise<void> {
    let total = 0;
    for (const f of group) total += f.bytes;
    const buf = this.pending;
    const rest = this.pendingLen - total;
    if (this.spare.length < rest) this.spare = Buffer.allocUnsafe(rest * 2);
    // Frames queued behind an exclusive operation stay pending.
    if (rest > 0) buf.copy(this.spare, 0, total, this.pendingLen);
    this.pending = this.spare;
    this.pendingLen = rest;
    try {
      await writeAll(this.fh, buf, total, this.endOffset);
      await this.fh.datasync();
    } catch (e) {
      this.brokenBy = e instanceof Error ? e : new Error(String(e));
      const stopped = this.stoppedError();
      for (const f of group) f.failed(this.brokenBy);
      for (const item of this.queue.splice(0)) item.failed(stopped);
      return;
    } finally {
      this.spare = buf;
    }
    let offset = this.endOffset;
    for (const f of group) {
      this.endOffset = offset + f.bytes;
      f.durable(offset);
      offset = this.endOffset;
    }
  }
}
