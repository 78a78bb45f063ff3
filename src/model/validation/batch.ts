/**
 * Job and CronJob validation (batch/v1), with Kubernetes' messages, and the
 * Job update rules (selector, template and completion mode immutable).
 */
import type { StatusCause } from '../status.js';
import { deepEqual, isInt, isObj, obj, str, type Obj } from './access.js';
import { child, immutable, invalidValue, notSupported, required } from './field-errors.js';
import { cronScheduleErrors, timeZoneErrors } from './cron-schedule.js';
import { nonNegative } from './pod.js';
import { validatePodTemplate, validateSelectorAndTemplate } from './workloads.js';

const JOB_RESTART = ['OnFailure', 'Never'];

/** `ValidateJobSpec`; `fromCronJob` skips the selector (it is generated per Job). */
export function validateJobSpec(spec: unknown, path = 'spec', fromCronJob = false): StatusCause[] {
  const s = obj(spec);
  const out: StatusCause[] = [];
  for (const f of ['parallelism', 'completions', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes'] as const) {
    out.push(...nonNegative(child(path, f), s[f]));
  }
  if (s.activeDeadlineSeconds !== undefined && !(isInt(s.activeDeadlineSeconds) && s.activeDeadlineSeconds > 0)) {
    out.push(invalidValue(child(path, 'activeDeadlineSeconds'), s.activeDeadlineSeconds, 'must be greater than 0'));
  }
  const mode = s.completionMode;
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') out.push(notSupported(child(path, 'completionMode'), mode, ['NonIndexed', 'Indexed']));
  if (mode === 'Indexed' && (s.completions === undefined || s.completions === null)) out.push(required(child(path, 'completions'), 'when completion mode is Indexed'));
  if (s.podReplacementPolicy !== undefined && s.podReplacementPolicy !== 'TerminatingOrFailed' && s.podReplacementPolicy !== 'Failed') {
    out.push(notSupported(child(path, 'podReplacementPolicy'), s.podReplacementPolicy, ['Failed', 'TerminatingOrFailed']));
  }
  if (fromCronJob) {
    if (s.manualSelector === true) out.push(notSupported(child(path, 'manualSelector'), true, ['nil', 'false']));
    out.push(...validatePodTemplate(s.template, child(path, 'template'), JOB_RESTART));
  } else {
    out.push(...validateSelectorAndTemplate(s, 'job', path, JOB_RESTART).filter((c) => !c.message.endsWith('empty selector is invalid for job')));
  }
  const rp = obj(obj(s.template).spec).restartPolicy;
  if (rp === 'Always' && !out.some((c) => c.field === child(path, 'template', 'spec', 'restartPolicy'))) {
    out.push(notSupported(child(path, 'template', 'spec', 'restartPolicy'), rp, JOB_RESTART));
  }
  return out;
}

export function validateCronJob(cj: Obj): StatusCause[] {
  const out: StatusCause[] = [];
  const name = str(obj(cj.metadata).name);
  if (name.length > 52) out.push(invalidValue('metadata.name', name, 'must be no more than 52 characters'));
  const s = obj(cj.spec);
  const schedule = s.schedule;
  if (typeof schedule !== 'string' || schedule === '') out.push(required('spec.schedule'));
  else out.push(...cronScheduleErrors(schedule).map((m) => invalidValue('spec.schedule', schedule, m)));
  if (s.timeZone !== undefined && s.timeZone !== null) {
    out.push(...timeZoneErrors(str(s.timeZone)).map((m) => invalidValue('spec.timeZone', s.timeZone, m)));
  }
  const cp = s.concurrencyPolicy;
  if (cp === undefined || cp === '') out.push(required('spec.concurrencyPolicy'));
  else if (!['Allow', 'Forbid', 'Replace'].includes(str(cp))) out.push(notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  for (const f of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const) out.push(...nonNegative(`spec.${f}`, s[f]));
  const jt = obj(s.jobTemplate);
  if (!isObj(s.jobTemplate)) out.push(required('spec.jobTemplate'));
  else out.push(...validateJobSpec(jt.spec, 'spec.jobTemplate.spec', true));
  return out;
}

export function validateJobUpdate(oldObj: Obj, newObj: Obj): StatusCause[] {
  const o = obj(oldObj.spec);
  const n = obj(newObj.spec);
  const out: StatusCause[] = [];
  for (const f of ['selector', 'completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'manualSelector'] as const) {
    if (!deepEqual(o[f], n[f])) out.push(immutable(`spec.${f}`, n[f] ?? null));
  }
  // Indexed jobs may scale completions with parallelism (elastic jobs); others may not change them.
  if (!deepEqual(o.completions, n.completions) && !(n.completionMode === 'Indexed' && n.completions === n.parallelism)) {
    out.push(immutable('spec.completions', n.completions ?? null));
  }
  if (!deepEqual(o.template, n.template)) {
    // A suspended job that never started may change its pod scheduling directives.
    const sched = ['nodeSelector', 'tolerations', 'affinity', 'schedulingGates'];
    const strip = (t: unknown): Obj => {
      const tt = obj(t);
      const spec: Obj = { ...obj(tt.spec) };
      for (const f of sched) delete spec[f];
      const meta: Obj = { ...obj(tt.metadata) };
      delete meta.labels;
      delete meta.annotations;
      return { ...tt, metadata: meta, spec };
    };
    const mayMutate = o.suspend === true && obj(oldObj.status).startTime === undefined;
    if (!(mayMutate && deepEqual(strip(o.template), strip(n.template)))) out.push(immutable('spec.template', n.template));
  }
  return out;
}
