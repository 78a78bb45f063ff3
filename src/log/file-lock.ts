/**
 * One writer per history: `FILE.lock` beside it holds the writer's pid.
 * The lock is created atomically with its content (written to a private
 * temporary file, then hard-linked into place, which fails if a lock
 * exists), so a lock file is never seen half-written. A lock whose process
 * is gone (a writer killed with SIGKILL leaves one) is taken over.
 *
 * Known limit: two processes taking over the same stale lock at the same
 * instant can both succeed; the window is a few system calls long.
 */
import { link, readFile, unlink, writeFile } from 'node:fs/promises';

export interface FileLock {
  readonly path: string;
  /** Removes the lock if it is still ours. Idempotent. */
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function holder(lockPath: string): Promise<number | undefined> {
  try {
    const text = (await readFile(lockPath, 'utf8')).trim();
    return /^[1-9][0-9]*$/.test(text) ? Number(text) : Number.NaN;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Takes the writer lock of `historyPath`, or throws naming the live holder.
 * `warn` hears about stale locks taken over.
 */
export async function acquireFileLock(historyPath: string, warn: (message: string) => void): Promise<FileLock> {
  const lockPath = `${historyPath}.lock`;
  const tmp = `${lockPath}.${process.pid}.tmp`;
  await writeFile(tmp, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(tmp, lockPath);
        return lockOf(lockPath);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const pid = await holder(lockPath);
      if (pid === undefined) continue; // released meanwhile: try again
      if (!Number.isNaN(pid) && alive(pid)) {
        const who = pid === process.pid ? `this process (pid ${pid})` : `process ${pid}`;
        throw new Error(`${historyPath} is locked for writing by ${who} (lock file ${lockPath}); only one writer at a time`);
      }
      warn(
        Number.isNaN(pid)
          ? `${historyPath}: taking over lock file ${lockPath}, which holds no pid`
          : `${historyPath}: taking over lock file ${lockPath} left by process ${pid}, which is no longer running`,
      );
      await unlink(lockPath).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    }
    throw new Error(`${historyPath}: could not take lock file ${lockPath} (it keeps changing hands)`);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

function lockOf(lockPath: string): FileLock {
  let released = false;
  return {
    path: lockPath,
    async release() {
      if (released) return;
      released = true;
      if ((await holder(lockPath)) === process.pid) await unlink(lockPath).catch(() => undefined);
    },
  };
}
