import { describe, expect, it } from 'vitest';
import { writeRole } from '../../../src/debug/resimulate/write-role.js';
import type { WriteRecord } from '../../../src/model/index.js';

const ctx = { controllerNames: new Set(['replicaset', 'scheduler']), nodeNames: new Set(['node-1']) };
const write = (actor: string, key = 'core/pods/default/web-1', op: 'put' | 'remove' = 'put'): WriteRecord => ({
  type: 'write',
  rev: 1,
  time: 0,
  actor,
  cause: [],
  observedRev: 0,
  key,
  verb: op === 'remove' ? 'delete' : 'update',
  prevRev: 0,
  change: op === 'remove' ? { op: 'remove' } : { op: 'put', object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1' } } },
});

describe('writeRole (what a recorded write is to a re-simulation)', () => {
  it("makes chronokube's and the audit importer's component actors outputs", () => {
    for (const a of ['controller:replicaset', 'controller:kube-controller-manager', 'node:node-9']) expect(writeRole(write(a), ctx)).toBe('output');
  });

  it("makes managers of Kubernetes' components, and chronokube's own seen through its API, outputs", () => {
    for (const a of ['client:kube-controller-manager', 'client:kube-scheduler', 'client:kubelet', 'client:replicaset', 'client:node-1']) expect(writeRole(write(a), ctx)).toBe('output');
  });

  it("makes people, outside programs and the API server's own setup inputs", () => {
    for (const a of ['user:alice@example.com', 'client:kubectl-client-side-apply', 'client:helm', 'client:system:serviceaccount:argocd:argocd-application-controller', 'controller:apiserver']) {
      expect(writeRole(write(a), ctx)).toBe('input');
    }
  });

  it('leaves writes of unknown authors out, except the deletion of a Node (no simulated component deletes one)', () => {
    expect(writeRole(write('client:unknown'), ctx)).toBe('unknown');
    expect(writeRole(write('client:unknown', 'core/pods/default/web-1', 'remove'), ctx)).toBe('unknown');
    expect(writeRole(write('client:unknown', 'core/nodes/_/node-1', 'remove'), ctx)).toBe('input');
  });
});
