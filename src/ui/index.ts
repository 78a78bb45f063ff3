/**
 * ui/ — the web debugger: a small HTTP server over one history (JSON
 * endpoints backed by store/ and debug/, every answer bounded) and the page
 * it serves, plain DOM code in client/ bundled in memory by esbuild. The
 * same handler serves a recorded history on its own port (`chronokube ui`)
 * or a running cluster's growing one beside its API (`chronokube up`). A
 * leaf: it imports the layers below it through their front doors and only
 * reads histories, never writes one.
 */
export { createUiHandler, createUiServer } from './ui-server.js';
export type { FaultMark, UiHandler, UiModel } from './ui-server.js';
export { uiCookieName, uiTokenGate, UI_COOKIE } from './ui-token-gate.js';
export type { UiTokenGateOptions } from './ui-token-gate.js';
export { followFaults } from './follow-faults.js';
export type { FollowedFaults } from './follow-faults.js';
export { openHistory } from './open-history.js';
export type { OpenedHistory } from './open-history.js';
export { clientBundle } from './client-bundle.js';
export { HistoryIndex } from './history-index.js';
export { parseSearch, search } from './search-query.js';
export { yamlLines } from './yaml-lines.js';
