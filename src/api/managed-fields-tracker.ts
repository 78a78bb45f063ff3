/** The FieldTracker the API uses: Kubernetes' structured-merge rules from ./apply. */
import { applyObject } from './apply/apply-object.js';
import { FieldSet } from './apply/field-set.js';
import { updateManagedFields } from './apply/update-managed-fields.js';
import type { FieldTracker } from './field-tracker.js';

export const managedFieldsTracker: FieldTracker = {
  update: (old, next, manager, time, opts) =>
    updateManagedFields(old, next, manager, 'Update', time, opts.subresource ?? '', opts.statusSubresource ? {} : { resetFields: FieldSet.empty }),
  apply: (live, applied, manager, opts) =>
    applyObject(live, applied, manager, {
      force: opts.force,
      time: opts.time,
      apiVersion: opts.apiVersion,
      ...(opts.subresource === undefined ? {} : { subresource: opts.subresource }),
      ...(opts.statusSubresource ? {} : { resetFields: FieldSet.empty }),
    }),
};
