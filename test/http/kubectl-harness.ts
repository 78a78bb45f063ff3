/**
 * The real kubectl against an in-process `chronokube up` (free loopback
 * port, HTTPS with the generated certificate and token, the kubeconfig it
 * writes): `startKubectlCluster` in a suite's beforeAll, `stop` in its
 * afterAll. kubectl is run with its own cache folder per suite.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { upCommand } from '../../src/cli/commands/up.js';

export interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export interface KubectlCluster {
  readonly dir: string;
  readonly kubeconfig: string;
  kubectl(...args: string[]): Promise<Run>;
  /** kubectl's stdout; throws with its stderr when it fails. */
  ok(...args: string[]): Promise<string>;
  /** Writes `text` as DIR/NAME.yaml and returns the path. */
  manifest(name: string, text: string): string;
  /** Stops the server; resolves with `up`'s exit code. */
  stop(): Promise<number>;
}

export async function startKubectlCluster(prefix: string, nodes: number): Promise<KubectlCluster> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const abort = new AbortController();
  let running: Promise<number> = Promise.resolve(0);
  const listening = new Promise<{ url: string; kubeconfig: string }>((resolve) => {
    running = upCommand({ out: () => undefined, err: () => undefined }, { data: join(dir, 'data'), nodes, port: 0, onListening: resolve }, abort.signal);
  });
  const { kubeconfig } = await listening;
  const kubectl = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'kube-cache'), ...args], { timeout: 60_000 }, (error, out, err) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 127;
        resolve({ code, out: out.trimEnd(), err: err.trimEnd() });
      });
    });
  return {
    dir,
    kubeconfig,
    kubectl,
    ok: async (...args) => {
      const r = await kubectl(...args);
      if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.err}`);
      return r.out;
    },
    manifest: (name, text) => {
      const path = join(dir, `${name}.yaml`);
      writeFileSync(path, text);
      return path;
    },
    stop: () => {
      abort.abort();
      return running;
    },
  };
}
