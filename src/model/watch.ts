/**
 * Watch events as Kubernetes sends them: one per write, in revision order.
 * BOOKMARK carries only a resourceVersion (the object is an empty shell of
 * the watched kind); ERROR carries a Status, e.g. 410 Expired.
 */
import type { KubeObject } from './object.js';
import type { Status } from './status.js';

export type WatchEvent =
  | { readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'; readonly object: KubeObject; readonly rev: number }
  | { readonly type: 'BOOKMARK'; readonly object: KubeObject; readonly rev: number }
  | { readonly type: 'ERROR'; readonly object: Status; readonly rev?: undefined };
