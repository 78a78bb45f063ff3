import type { Namespace } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { deleteContent, finalizeNamespace, updateStatus } from '../../../src/controllers/namespace/namespace-commands.js';
import { kindInfo } from '../../../src/model/index.js';

const ns: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team', resourceVersion: '42', uid: 'u1' }, spec: { finalizers: ['kubernetes'] } };

describe('namespace commands', () => {
  it('deletes at the resource preferred version with Background propagation', () => {
    const widgets = kindInfo({ group: 'example.com', version: 'v2', kind: 'Widget', plural: 'widgets', namespaced: true }, true);
    const w = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'team' } };
    expect(deleteContent(widgets, w)).toEqual({
      type: 'delete',
      ref: { apiVersion: 'example.com/v2', kind: 'Widget', namespace: 'team', name: 'w' },
      options: { propagationPolicy: 'Background' },
    });
  });

  it('writes status conditionally on the seen resourceVersion, and finalizes unconditionally', () => {
    expect(updateStatus(ns, { phase: 'Terminating' })).toEqual({
      type: 'update',
      subresource: 'status',
      object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team', resourceVersion: '42' }, status: { phase: 'Terminating' } },
    });
    expect(finalizeNamespace(ns, ['example.com/x'])).toEqual({
      type: 'update',
      subresource: 'finalize',
      object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' }, spec: { finalizers: ['example.com/x'] } },
    });
  });
});
