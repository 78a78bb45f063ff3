/**
 * testing/ — the property-based harness for controllers: generators of
 * clusters, user operations, faults and controller-view perturbations; a
 * runner that plays a case in virtual time with the perturbations recorded
 * in the history; properties over the resulting history (from invariants/);
 * shrinking to a minimal case, saved as a history the debugger opens. It
 * imports every layer up to debug/ and never http, cli or ui; it writes
 * files only into the failures folder it is given.
 */
export * from './test-case.js';
export * from './generators.js';
export { runCase, caseHeader } from './run-case.js';
export type { Builtin, CaseRun, Environment, RunCaseOptions } from './run-case.js';
export { evaluateCase } from './evaluate-case.js';
export type { CaseFailure, CaseVerdict } from './evaluate-case.js';
export { converges, settles, propertyFor } from './run-property.js';
export type { RunFacts, RunProperty } from './run-property.js';
export { perturbController, describeCommand } from './perturbed-controller.js';
export type { PerturbationHost, PlanState } from './perturbed-controller.js';
export { ControllerHost, TESTING_ACTOR } from './controller-host.js';
export { USER_ACTOR } from './run-step.js';
export { saveFailure, DEFAULT_FAILURES_DIR, CASE_NOTE_PREFIX } from './save-failure.js';
export type { SavedFailure } from './save-failure.js';
export { failureMessage, cliRef } from './failure-message.js';
export { describeCase, describePerturbation, describeStep } from './describe-case.js';
export { checkController, runControllerCheck } from './check-controller.js';
export type { CheckControllerOptions, CheckFailure, CheckReport } from './check-controller.js';
export { always, eventually, stable, noWriteStorm, deletesOnlyOwned, noExcessCreates, noExcessDeletes, noOrphanedPods, ownedPodCount, replicaSetPodCounts, statefulSetOrdinals, rolloutBounds, noPodsOnNotReadyNodes } from '../invariants/index.js';
