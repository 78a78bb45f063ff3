/**
 * The checkpoint sidecar `FILE.checkpoints`: a cache beside the history, in
 * the same framing. First frame `{"format":"chronokube-checkpoints","version":1}`,
 * then one frame per saved checkpoint:
 *
 *     {"rev":N,"compactedRev":C,"offset":O,"checkpoint":{"rev":N,"entries":[...]}}
 *
 * `offset` is the byte offset in the history file of the first frame holding
 * a record after revision N, valid while the history's compacted revision is
 * still C: a reader can start there instead of at the top.
 *
 * Losing this file costs time, never data: a missing, damaged or foreign
 * sidecar is ignored with a warning (and, for a writer, cut back to its last
 * intact frame or started afresh).
 */
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { encodeFrame } from './frame.js';
import { FrameReader } from './frame-reader.js';
import type { Checkpoint } from './log.js';

const FORMAT = 'chronokube-checkpoints';
const VERSION = 1;

export interface SavedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** History offset of the first frame after `checkpoint.rev`. */
  readonly offset: number;
  readonly compactedRev: number;
}

function headerFrame(): string {
  return encodeFrame(JSON.stringify({ format: FORMAT, version: VERSION }));
}

function envelopeFrame(s: SavedCheckpoint): string {
  return encodeFrame(JSON.stringify({ rev: s.checkpoint.rev, compactedRev: s.compactedRev, offset: s.offset, checkpoint: s.checkpoint }));
}

function asSaved(value: object): SavedCheckpoint | undefined {
  const v = value as { rev?: unknown; compactedRev?: unknown; offset?: unknown; checkpoint?: { rev?: unknown; entries?: unknown } };
  if (typeof v.rev !== 'number' || typeof v.offset !== 'number' || typeof v.compactedRev !== 'number') return undefined;
  if (v.checkpoint?.rev !== v.rev || !Array.isArray(v.checkpoint.entries)) return undefined;
  return { checkpoint: v.checkpoint as Checkpoint, offset: v.offset, compactedRev: v.compactedRev };
}

export class CheckpointFile {
  /** Sidecar offset of each checkpoint's frame (the latest save of a revision wins). */
  private readonly frames = new Map<number, number>();
  private end = 0;

  private constructor(
    readonly path: string,
    private fh: FileHandle | undefined,
    private readonly writable: boolean,
    private readonly warn: (message: string) => void,
  ) {}

  static async open(historyPath: string, writable: boolean, warn: (m: string) => void): Promise<CheckpointFile> {
    const path = `${historyPath}.checkpoints`;
    let fh: FileHandle;
    try {
      fh = await open(path, writable ? 'r+' : 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new CheckpointFile(path, undefined, writable, warn);
      throw e;
    }
    const file = new CheckpointFile(path, fh, writable, warn);
    await file.scan(fh);
    return file;
  }

  private async scan(fh: FileHandle): Promise<void> {
    const reader = new FrameReader(fh, 0);
    const first = await reader.next();
    const h = first?.value as { format?: unknown; version?: unknown } | undefined;
    if (h?.format !== FORMAT || h.version !== VERSION) {
      this.warn(`${this.path}: not a checkpoint file this chronokube reads; ignoring it (checkpoints are a cache)`);
      await this.discard();
      return;
    }
    this.end = first?.end ?? 0;
    for (let f = await reader.next(); f !== undefined; f = await reader.next()) {
      const saved = asSaved(f.value);
      if (saved === undefined) break;
      this.frames.set(saved.checkpoint.rev, f.offset);
      this.end = f.end;
    }
    const size = (await fh.stat()).size;
    if (this.end < size) {
      const why = reader.stop?.kind === 'end' || reader.stop === undefined ? 'a malformed checkpoint frame' : reader.stop.reason;
      this.warn(`${this.path}: ignoring ${size - this.end} bytes from byte offset ${this.end} (${why}); checkpoints are a cache, no history is lost`);
      if (this.writable) {
        await fh.truncate(this.end);
        await fh.datasync();
      }
    }
  }

  private async discard(): Promise<void> {
    await this.fh?.close();
    this.fh = undefined;
    this.frames.clear();
    this.end = 0;
    if (this.writable) await unlink(this.path).catch(() => undefined);
  }

  /** Saved revisions at or after `minRev`, ascending. */
  revs(minRev: number): number[] {
    return [...this.frames.keys()].filter((r) => r >= minRev).sort((a, b) => a - b);
  }

  async load(rev: number): Promise<SavedCheckpoint | undefined> {
    const at = this.frames.get(rev);
    if (at === undefined || this.fh === undefined) return undefined;
    const frame = await new FrameReader(this.fh, at).next();
    const saved = frame === undefined ? undefined : asSaved(frame.value);
    if (saved === undefined || saved.checkpoint.rev !== rev) {
      this.warn(`${this.path}: the checkpoint at revision ${rev} (byte offset ${at}) is damaged; ignoring it`);
      this.frames.delete(rev);
      return undefined;
    }
    return saved;
  }

  async save(saved: SavedCheckpoint): Promise<void> {
    if (this.fh === undefined) {
      this.fh = await open(this.path, 'w+');
      const head = headerFrame();
      await this.fh.write(head, 0);
      this.end = Buffer.byteLength(head);
    }
    const buf = Buffer.from(envelopeFrame(saved));
    await this.fh.write(buf, 0, buf.length, this.end);
    await this.fh.datasync();
    this.frames.set(saved.checkpoint.rev, this.end);
    this.end += buf.length;
  }

  /** Replaces the whole sidecar atomically with `kept` (after a compaction moved every offset). */
  async rewrite(kept: readonly SavedCheckpoint[]): Promise<void> {
    const tmp = `${this.path}.tmp`;
    const out = await open(tmp, 'w');
    let text = headerFrame();
    for (const s of kept) text += envelopeFrame(s);
    await out.write(text, 0);
    await out.datasync();
    await out.close();
    await rename(tmp, this.path);
    await this.fh?.close();
    this.fh = undefined;
    this.frames.clear();
    const fh = await open(this.path, 'r+');
    this.fh = fh;
    await this.scan(fh);
  }

  async close(): Promise<void> {
    await this.fh?.close();
    this.fh = undefined;
  }
}
