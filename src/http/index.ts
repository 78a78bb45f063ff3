/**
 * http/ — the Kubernetes REST front over the api layer: routing, discovery,
 * OpenAPI for kubectl, CRUD, watch streaming, the four patch media types,
 * Table output, bearer tokens and the kubeconfig. It may import model, log,
 * store, api, controllers, runtime and debug; it adds no request semantics
 * of its own (those are the api layer's) and is imported only by cli/ and ui/.
 */
export { createHttpServer } from './server.js';
export type { HttpServerOptions } from './server.js';
export { tokenAuthenticator, loadOrCreateToken } from './auth.js';
export type { Authenticator } from './auth.js';
export { renderKubeconfig, writeKubeconfig } from './kubeconfig.js';
export type { KubeconfigOptions } from './kubeconfig.js';
export { MAX_REQUEST_BODY_BYTES } from './body-reader.js';
export { CAUSE_HEADER } from './client-revisions.js';
export { KUBERNETES_VERSION } from './version-info.js';
export { loadOrCreateCert, selfSignedCert } from './self-signed-cert.js';
export type { TlsMaterial } from './self-signed-cert.js';
export { readOnly, readOnlyApi } from './read-only-api.js';
export type { ReadOnlyApiOptions } from './read-only-api.js';
export { pinnedStore } from './pinned-store.js';
export { anyAuthenticator } from './auth.js';
export * from './service-account-tokens.js';
