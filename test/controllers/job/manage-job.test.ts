import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { formatIndexes, parseIndexes } from '../../../src/controllers/job/completed-indexes.js';
import { firstPendingIndexes, manageJob, podFromTemplate, wantActive } from '../../../src/controllers/job/manage-job.js';

const job = (spec: Job['spec'] = { template: {} }): Job => ({
  metadata: { name: 'j', namespace: 'default', uid: 'u1' },
  spec: { ...spec, template: { metadata: { labels: { app: 'j' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } },
});
const pod = (name: string, extra: Partial<Pod> = {}): Pod => ({ metadata: { name, creationTimestamp: '2026-01-01T00:00:00Z' }, status: { phase: 'Running' }, ...extra }) as Pod;
const input = { succeeded: 0, terminating: 0, succeededIndexes: new Set<number>(), backoffMs: 0 };

describe('parallelism arithmetic (wantActive)', () => {
  it('caps remaining completions at parallelism; without completions keeps parallelism until the first success', () => {
    expect(wantActive(job({ completions: 5, parallelism: 2, template: {} }), 0, 0)).toBe(2);
    expect(wantActive(job({ completions: 5, parallelism: 2, template: {} }), 2, 4)).toBe(1);
    expect(wantActive(job({ completions: 5, parallelism: 2, template: {} }), 0, 7)).toBe(0);
    expect(wantActive(job({ parallelism: 3, template: {} }), 1, 0)).toBe(3);
    expect(wantActive(job({ parallelism: 3, template: {} }), 1, 1)).toBe(1);
  });
});

describe('manageJob', () => {
  it('creates the missing pods, and waits for the back-off instead when one is due', () => {
    const j = job({ completions: 4, parallelism: 3, template: {} });
    expect(manageJob({ ...input, job: j, active: [pod('a')] }).creates).toHaveLength(2);
    const waiting = manageJob({ ...input, job: j, active: [pod('a')], backoffMs: 7000 });
    expect(waiting).toMatchObject({ creates: [], deletes: [], active: 1, waitMs: 7000 });
  });

  it('deletes the surplus, least advanced first, and never creates in the same sync', () => {
    const j = job({ completions: 10, parallelism: 1, template: {} });
    const running = pod('running', { spec: { nodeName: 'n', containers: [] } });
    const pending = pod('pending', { status: { phase: 'Pending' } });
    const plan = manageJob({ ...input, job: j, active: [running, pending] });
    expect(plan.deletes.map((p) => p.metadata?.name)).toEqual(['pending']);
    expect(plan.creates).toHaveLength(0);
  });

  it('suspended: deletes every active pod', () => {
    expect(manageJob({ ...input, job: job({ suspend: true, template: {} }), active: [pod('a'), pod('b')] }).deletes).toHaveLength(2);
  });

  it('subtracts terminating pods only when only failed pods are replaced', () => {
    const base = { completions: 2, parallelism: 2, template: {} };
    expect(manageJob({ ...input, terminating: 1, job: job(base), active: [] }).creates).toHaveLength(2);
    expect(manageJob({ ...input, terminating: 1, job: job({ ...base, podReplacementPolicy: 'Failed' }), active: [] }).creates).toHaveLength(1);
  });

  it('Indexed: creates the lowest pending indexes and deletes repeated ones', () => {
    const j = job({ completions: 5, parallelism: 3, completionMode: 'Indexed', template: {} });
    const withIndex = (name: string, ix: number): Pod => pod(name, { metadata: { name, annotations: { 'batch.kubernetes.io/job-completion-index': String(ix) } } });
    const plan = manageJob({ ...input, job: j, active: [withIndex('a', 1)], succeededIndexes: new Set([0]) });
    expect(plan.creates.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'])).toEqual(['2', '3']);
    const dup = manageJob({ ...input, job: j, active: [withIndex('a', 1), withIndex('b', 1)] });
    expect(dup.deletes).toHaveLength(1);
    expect(firstPendingIndexes(3, 5, new Set([0, 2]))).toEqual([1, 3, 4]);
  });
});

describe('podFromTemplate', () => {
  it('adds the tracking finalizer and controller reference; Indexed pods get index annotation, label, hostname and env', () => {
    const p = podFromTemplate(job({ completions: 2, completionMode: 'Indexed', template: {} }), 1);
    expect(p.metadata).toMatchObject({
      generateName: 'j-1-',
      finalizers: ['batch.kubernetes.io/job-tracking'],
      labels: { app: 'j', 'batch.kubernetes.io/job-completion-index': '1' },
      annotations: { 'batch.kubernetes.io/job-completion-index': '1' },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'u1', controller: true, blockOwnerDeletion: true }],
    });
    const spec = p['spec'] as Pod['spec'];
    expect(spec?.hostname).toBe('j-1');
    expect(spec?.containers[0]?.env).toEqual([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }]);
    expect(podFromTemplate(job()).metadata.generateName).toBe('j-');
  });
});

describe('completed indexes', () => {
  it('formats intervals and parses them back, ignoring indexes beyond completions', () => {
    expect(formatIndexes([7, 1, 3, 4, 5])).toBe('1,3-5,7');
    expect(parseIndexes('1,3-5,7', 5)).toEqual([1, 3, 4]);
    expect(parseIndexes('', 3)).toEqual([]);
  });
});
