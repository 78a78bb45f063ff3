/**
 * ui/ — the web debugger: a small HTTP server over one history (JSON
 * endpoints backed by store/ and debug/, every answer bounded) and the page
 * it serves, plain DOM code in client/ bundled in memory by esbuild. A leaf:
 * it imports the layers below it through their front doors and only reads
 * histories, never writes one.
 */
export { createUiServer } from './ui-server.js';
export type { UiModel } from './ui-server.js';
export { openHistory } from './open-history.js';
export type { OpenedHistory } from './open-history.js';
export { clientBundle } from './client-bundle.js';
export { HistoryIndex } from './history-index.js';
export { parseSearch, search } from './search-query.js';
export { yamlLines } from './yaml-lines.js';
