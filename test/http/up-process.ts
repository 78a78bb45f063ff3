/**
 * `chronokube up` as a child process (`node --import tsx src/cli/main.ts up`,
 * never through npx, so the pid killed is the server's own), for suites that
 * drive it as an outside client would: across a restart on the same data
 * folder and port. Every process started here is tracked and `stopAll`
 * kills what is left, so a failing test leaves nothing behind.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface UpProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly kubeconfig: string;
  /** Everything it printed so far (for failure messages). */
  output(): string;
  /** SIGTERM, then wait for the exit (SIGKILL after `graceMs`); resolves to the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

const running = new Set<ChildProcess>();

/** A free loopback port (picked by the kernel, then released) so a restarted server can take the same one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export function startUp(data: string, port: number, extra: readonly string[] = [], timeoutMs = 30_000): Promise<UpProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'up', '--data', data, '--port', String(port), '--nodes', '1', ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const stop = async (graceMs = 10_000): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const code = await exited;
    clearTimeout(t);
    return code;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop(0);
      reject(new Error(`chronokube up did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /API at (\S+) \(KUBECONFIG=([^)]+)\)/.exec(out);
      if (m?.[1] !== undefined && m[2] !== undefined) {
        clearTimeout(timer);
        resolve({ child, url: m[1], kubeconfig: absolute(m[2]), output: () => out, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`chronokube up exited (${String(code)}) before listening:\n${out}`));
    });
  });
}

function absolute(p: string): string {
  return p.startsWith('/') ? p : join(ROOT, p);
}

/** Kills every server still running (afterAll / afterEach), waiting for each to exit. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
        }),
    ),
  );
  running.clear();
}
