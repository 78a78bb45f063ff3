/**
 * `chronokube record` against chronokube's own HTTP server (via a
 * kubeconfig file, as a user runs it): records for --for, then resumes
 * into the same file; kubeconfig and option errors are clear.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordCommand, type RecordCliOptions } from '../../src/cli/commands/record.js';
import { reportError } from '../../src/cli/fail.js';
import { alice, configMap, configMaps } from '../api/harness.js';
import { sourceCluster, type SourceCluster } from '../debug/record/source-cluster.js';
import type { Ran } from './capture.js';
import { cli } from './capture.js';

let src: SourceCluster | undefined;
afterEach(async () => {
  await src?.stop();
  src = undefined;
});

async function recordCli(opts: RecordCliOptions): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
  const code = await recordCommand(io, opts).catch((e: unknown) => reportError(io, e));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function kubeconfigFile(dir: string, server: string): string {
  const path = join(dir, 'kubeconfig');
  writeFileSync(
    path,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: src\n  cluster:\n    server: ${server}\n    insecure-skip-tls-verify: true\nusers:\n- name: me\n  user: {}\ncontexts:\n- name: src\n  context: {cluster: src, user: me}\ncurrent-context: src\n`,
  );
  return path;
}

describe('chronokube record', () => {
  it('records for a while, then resumes into the same file; get reads the recording', async () => {
    src = await sourceCluster();
    await src.api.create(configMaps(), configMap('one'), alice);
    const dir = mkdtempSync(join(tmpdir(), 'ck-cli-record-'));
    const kubeconfig = kubeconfigFile(dir, src.kubeConfig.getCurrentCluster()?.server ?? '');
    const out = join(dir, 'rec.ckh');
    const first = await recordCli({ kubeconfig, out, kinds: 'configmaps', namespace: ['default'], for: '500ms' });
    expect(first.code).toBe(0);
    expect(first.err).toContain(`(1 resources) into ${out}; Ctrl-C stops`);
    expect(first.out).toBe(`recorded ${out}: 1 writes from 1 resources`);
    await src.api.create(configMaps(), configMap('two'), alice);
    const second = await recordCli({ kubeconfig, context: 'src', out, kinds: 'configmaps', namespace: ['default'], for: '500ms' });
    expect(second.out).toBe(`resumed ${out}: 1 writes from 1 resources, 1 gaps noted`);
    const got = await cli('get', 'configmaps', '-n', 'default', '--history', out);
    expect(got.out).toMatch(/^one\s/m);
    expect(got.out).toMatch(/^two\s/m);
  }, 30_000);

  it('clear errors: a missing kubeconfig, an unknown context, a bad duration, Secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-cli-record-'));
    const out = join(dir, 'rec.ckh');
    expect((await recordCli({ kubeconfig: join(dir, 'none'), out })).err).toMatch(/^error: cannot load the kubeconfig .*none: /);
    const kubeconfig = kubeconfigFile(dir, 'http://127.0.0.1:1');
    expect((await recordCli({ kubeconfig, context: 'prod', out })).err).toBe('error: the kubeconfig has no context "prod" (it has: src)');
    expect((await recordCli({ kubeconfig, out, for: 'soon' })).err).toMatch(/^error: --for/);
    expect((await recordCli({ kubeconfig, out, includeSecrets: true })).err).toMatch(/^error: recording Secrets needs them encrypted at rest/);
    const badConfig = join(dir, 'enc.yaml');
    writeFileSync(badConfig, 'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources: []\n');
    expect((await recordCli({ kubeconfig, out, includeSecrets: true, encryptionConfig: badConfig })).err).toMatch(new RegExp(`^error: ${badConfig.replace(/[.]/g, '\\.')}: encryption configuration: `));
  });
});
