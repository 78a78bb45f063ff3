/**
 * LimitRange defaults (Kubernetes 1.32 `SetDefaults_LimitRangeItem`), for
 * `Container` items only: a resource with a `max` but no `default` gets the
 * max as its default limit; a resource with a `default` but no
 * `defaultRequest` gets the default as its default request; then a
 * resource with a `min` but still no `defaultRequest` gets the min. Maps
 * that stay empty are left out, as the API's JSON omits them.
 *
 * @example
 * // { type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } } becomes
 * // { type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' }, default: { cpu: '2' }, defaultRequest: { cpu: '2', memory: '64Mi' } }
 */
import { isObj, objects, type Obj } from './defaults-util.js';

const map = (o: Obj, k: string): Obj => (isObj(o[k]) ? { ...(o[k] as Obj) } : {});

export function defaultLimitRange(lr: Obj): void {
  if (!isObj(lr.spec)) return;
  for (const item of objects(lr.spec as Obj, 'limits')) {
    if (item.type !== 'Container') continue;
    const def = map(item, 'default');
    const defReq = map(item, 'defaultRequest');
    for (const [k, v] of Object.entries(map(item, 'max'))) if (def[k] === undefined) def[k] = v;
    for (const [k, v] of Object.entries(def)) if (defReq[k] === undefined) defReq[k] = v;
    for (const [k, v] of Object.entries(map(item, 'min'))) if (defReq[k] === undefined) defReq[k] = v;
    if (Object.keys(def).length > 0) item.default = def;
    if (Object.keys(defReq).length > 0) item.defaultRequest = defReq;
  }
}
