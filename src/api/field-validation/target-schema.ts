/**
 * The field schema of what a request addresses: a built-in kind's struct or
 * a custom resource's CRD schema (ResolvedTarget carries the served
 * version's `openAPIV3Schema`). `status` takes the whole object, so it
 * shares the kind's schema; `scale` is autoscaling/v1 Scale; other
 * subresources (binding, eviction) take their own kind, named by the body.
 */
import { splitApiVersion } from '../../model/index.js';
import type { ResolvedTarget } from '../target.js';
import { builtInSchema, customResourceSchema, type FieldSchema } from './field-schema.js';

/** Undefined when nothing is known about the body's fields (then nothing is checked). */
export function targetSchema(t: ResolvedTarget, body?: unknown): FieldSchema | undefined {
  if (t.subresource === 'scale') return builtInSchema('autoscaling', 'v1', 'Scale');
  if (t.subresource !== undefined && t.subresource !== 'status') {
    const b = (typeof body === 'object' && body !== null ? body : {}) as { apiVersion?: unknown; kind?: unknown };
    if (typeof b.apiVersion !== 'string' || typeof b.kind !== 'string') return undefined;
    const { group, version } = splitApiVersion(b.apiVersion);
    return builtInSchema(group, version, b.kind);
  }
  if (t.info.custom) return customResourceSchema(t.schema);
  return builtInSchema(t.info.group, t.info.version, t.info.kind);
}
