/**
 * The field schema of what a request addresses: a built-in kind's struct or
 * a custom resource's CRD schema (ResolvedTarget carries the served
 * version's `openAPIV3Schema`). Subresources such as `status` take the whole
 * object, so they share the kind's schema; `scale` is the Scale struct.
 */
import type { ResolvedTarget } from '../target.js';
import { builtInSchema, customResourceSchema, type FieldSchema } from './field-schema.js';

/** Undefined when nothing is known about the kind's fields (then nothing is checked). */
export function targetSchema(t: ResolvedTarget): FieldSchema | undefined {
  if (t.subresource === 'scale') return builtInSchema('autoscaling', 'v1', 'Scale');
  if (t.info.custom) return customResourceSchema(t.schema);
  return builtInSchema(t.info.group, t.info.version, t.info.kind);
}
