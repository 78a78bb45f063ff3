import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replicaSetController } from '../../src/controllers/index.js';
import { openFileLog } from '../../src/log/index.js';
import type { AnnotationRecord, KubeObject } from '../../src/model/index.js';
import {
  CASE_NOTE_PREFIX,
  checkController,
  converges,
  eventually,
  noOrphanedPods,
  noWriteStorm,
  replicaSetPodCounts,
  runControllerCheck,
  userOperations,
} from '../../src/testing/index.js';
import { podSetController, podSetCrd, podSetPodCounts, podSets } from './buggy/pod-set.js';
import { VARIANTS } from './buggy/variants.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chronokube-pbt-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const quiet = (): void => undefined;

describe('the harness finds each buggy controller and shrinks it', () => {
  it.each(Object.keys(VARIANTS))('%s', async (name) => {
    const variant = VARIANTS[name];
    if (variant === undefined) throw new Error(name);
    const report = await runControllerCheck({ ...variant, seed: 1, runs: 40, failuresDir: dir, print: quiet });
    const f = report.failure;
    expect(f, `${name} was not found in 40 runs`).toBeDefined();
    if (f === undefined) return;
    expect(report.runs).toBeLessThanOrEqual(40);
    // presumed-gone needs a step and two perturbations together; the shrinker may keep one more step.
    expect(f.size).toBeLessThanOrEqual(name === 'presumed-gone' ? 4 : 3);
    expect(f.report).toContain(`failed at revision ${f.rev}`);
    expect(f.report).toContain(`chronokube get pods -A --history ${f.file} --at ${f.rev}`);
    expect(f.report).toContain(`{ seed: 1, path: "${f.path}" }`);
    // The saved history ends with the failure and the case.
    const log = await openFileLog(f.file, { mode: 'read' });
    const notes: AnnotationRecord[] = [];
    for await (const r of log.read()) if (r.type === 'annotation') notes.push(r);
    await log.close();
    const failed = notes.find((n) => n.annotation.kind === 'invariant-failed');
    expect(failed?.annotation).toMatchObject({ invariant: f.property, rev: f.rev });
    const caseNote = notes.find((n) => n.annotation.kind === 'note' && n.annotation.text.startsWith(CASE_NOTE_PREFIX));
    expect(caseNote).toBeDefined();
    if (caseNote?.annotation.kind === 'note') expect(JSON.parse(caseNote.annotation.text.slice(CASE_NOTE_PREFIX.length))).toEqual(f.case);
  });

  it('replays a failure straight from its seed and path, and checkController throws the report', async () => {
    const variant = VARIANTS['intermediate-state'];
    if (variant === undefined) throw new Error('variant');
    const first = await runControllerCheck({ ...variant, seed: 1, runs: 40, failuresDir: dir, print: quiet });
    const path = first.failure?.path ?? '';
    await expect(checkController({ ...variant, seed: 1, path, runs: 40, failuresDir: dir, print: quiet })).rejects.toThrow(first.failure?.report.split('\n')[0] ?? 'x');
  });
});

const perturbed = { staleCache: true, reorderEvents: true, delayEvents: true, dropEvents: true, crashBetweenWrites: true, horizonMs: 30_000 } as const;

describe('correct controllers pass under the perturbations Kubernetes controllers tolerate', () => {
  it('a correct PodSet controller', async () => {
    const report = await checkController({
      setup: [podSetCrd],
      controllers: [podSetController],
      operations: userOperations([podSets], { maxOperations: 4, horizonMs: 30_000 }),
      perturbations: perturbed,
      properties: [converges(podSetPodCounts, { withinMs: 60_000 }), noWriteStorm(), (run) => eventually(noOrphanedPods, { after: run.quietAt, withinMs: 60_000 })],
      settleMs: 120_000,
      runs: 25,
      seed: 7,
      failuresDir: dir,
      print: quiet,
    });
    expect(report.runs).toBe(25);
  });

  it('the built-in ReplicaSet controller (counts as eventually: it has no expectations)', async () => {
    const replicaSets = {
      kind: 'replicasets',
      make: (name: string, replicas: number, variant: number): KubeObject => ({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name, namespace: 'default' },
        spec: {
          replicas,
          selector: { matchLabels: { app: name } },
          template: { metadata: { labels: { app: name, tier: `t${variant}` } }, spec: { containers: [{ name: 'app', image: `nginx:1.2${variant}` }] } },
        },
      }),
    };
    const report = await checkController({
      controllers: [replicaSetController],
      operations: userOperations([replicaSets], { maxOperations: 4, horizonMs: 30_000 }),
      perturbations: perturbed,
      properties: [converges(replicaSetPodCounts, { withinMs: 60_000 }), noWriteStorm(), (run) => eventually(noOrphanedPods, { after: run.quietAt, withinMs: 60_000 })],
      settleMs: 120_000,
      runs: 25,
      seed: 7,
      failuresDir: dir,
      print: quiet,
    });
    expect(report.runs).toBe(25);
  });
});
