/** The two file-system steps every durable rewrite needs, written once. */
import { open, type FileHandle } from 'node:fs/promises';

/** Makes a rename or a new file in `dir` survive a crash (fsync of the folder). */
export async function fsyncDir(dir: string): Promise<void> {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}

/** Writes all of `buf[0, len)` at `position`, looping over short writes. */
export async function writeAll(fh: FileHandle, buf: Buffer, len: number, position: number): Promise<void> {
  for (let done = 0; done < len; ) {
    const { bytesWritten } = await fh.write(buf, done, len - done, position + done);
    done += bytesWritten;
  }
}
