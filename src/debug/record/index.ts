/**
 * The recorder: a live Kubernetes cluster, listed and watched through
 * @kubernetes/client-node, written to a history file as it changes.
 */
export { record, RECORDER_ACTOR, type RecordOptions, type RecordReport } from './recorder.js';
export { discoverResources, collectionPath, type RecordedResource } from './discover-resources.js';
