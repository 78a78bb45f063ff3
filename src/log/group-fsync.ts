/**
 * Group commit: frames appended while a write+fsync is in flight are joined
 * into the next single write and fsync, so throughput grows with the number
 * of appends in flight while each append is still acknowledged only once it
 * is durable. Acknowledgements run strictly in append order.
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

export interface GroupFrame {
  readonly text: string;
  readonly bytes: number;
  /** Called in order once the frame is durable, with the offset it was written at. */
  durable(offset: number): void;
  failed(error: Error): void;
}

interface Exclusive {
  readonly run: () => Promise<void>;
  readonly failed: (error: Error) => void;
}

export class GroupWriter {
  private readonly queue: Array<GroupFrame | Exclusive> = [];
  private pumping = false;
  private brokenBy: Error | undefined;

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

  write(frame: GroupFrame): void {
    if (this.brokenBy !== undefined) return frame.failed(this.stoppedError());
    this.queue.push(frame);
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
        const group: GroupFrame[] = [];
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

  private async writeGroup(group: readonly GroupFrame[]): Promise<void> {
    const buf = Buffer.from(group.length === 1 ? (group[0] as GroupFrame).text : group.map((f) => f.text).join(''));
    try {
      for (let done = 0; done < buf.length; ) {
        const { bytesWritten } = await this.fh.write(buf, done, buf.length - done, this.endOffset + done);
        done += bytesWritten;
      }
      await this.fh.datasync();
    } catch (e) {
      this.brokenBy = e instanceof Error ? e : new Error(String(e));
      const stopped = this.stoppedError();
      for (const f of group) f.failed(this.brokenBy);
      for (const item of this.queue.splice(0)) item.failed(stopped);
      return;
    }
    let offset = this.endOffset;
    for (const f of group) {
      this.endOffset = offset + f.bytes;
      f.durable(offset);
      offset = this.endOffset;
    }
  }
}
