/**
 * An OpenAPI v3 document per group version, generated from the kinds served
 * — enough for kubectl 1.32's `apply` and `create` with default validation:
 *
 * - kubectl asks `/openapi/v3` for the group versions, then the one it
 *   needs, and looks for the PATCH operation tagged with the object's
 *   `x-kubernetes-group-version-kind`. When that operation takes the
 *   `fieldValidation` query parameter, kubectl leaves validation to the
 *   server (`fieldValidation=Strict`) instead of validating against a schema
 *   on its side. chronokube's api layer validates every object it admits.
 * - The PATCH operations do not offer strategic merge patch in their
 *   request bodies, so `kubectl apply` (client side) computes its patch from
 *   its compiled-in types for built-in kinds (exactly Kubernetes' patch
 *   strategies) and a JSON merge patch for custom ones, rather than from
 *   these deliberately thin schemas.
 *
 * Schemas name each kind and its `apiVersion`/`kind`/`metadata`, and nothing
 * deeper: `kubectl explain` shows little.
 */
import { createHash } from 'node:crypto';
import type { KindInfo } from '../model/index.js';
import type { Discovery } from './discovery.js';
import { KUBERNETES_VERSION } from './version-info.js';

const gvPath = (group: string, version: string): string => (group === '' ? `api/${version}` : `apis/${group}/${version}`);
const schemaName = (k: KindInfo): string => `io.k8s.chronokube.${k.group === '' ? 'core' : k.group}.${k.version}.${k.kind}`;

const param = (name: string, type: string, description: string): Record<string, unknown> => ({
  name,
  in: 'query',
  description,
  schema: { type, uniqueItems: true },
});

const WRITE_PARAMS = [
  param('dryRun', 'string', 'When present, indicates that modifications should not be persisted. Valid value: All.'),
  param('fieldManager', 'string', 'The name of the actor or entity making these changes.'),
  param('fieldValidation', 'string', 'How the server treats unknown or duplicate fields: Ignore, Warn or Strict.'),
];
const LIST_PARAMS = ['labelSelector', 'fieldSelector', 'resourceVersion', 'resourceVersionMatch', 'continue'].map((n) => param(n, 'string', n));

function json(ref: string): Record<string, unknown> {
  return { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } };
}

function operation(k: KindInfo, action: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    operationId: `${action}${k.kind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: k.group, version: k.version, kind: k.kind },
    responses: { '200': { description: 'OK', content: json(schemaName(k)) } },
    ...extra,
  };
}

function pathsOf(k: KindInfo): Record<string, unknown> {
  const base = `/${gvPath(k.group, k.version)}${k.namespaced ? '/namespaces/{namespace}' : ''}/${k.plural}`;
  const verbs = new Set(k.verbs);
  const collection: Record<string, unknown> = {};
  if (verbs.has('list')) collection['get'] = operation(k, 'list', { parameters: LIST_PARAMS });
  if (verbs.has('create')) collection['post'] = operation(k, 'post', { parameters: WRITE_PARAMS, requestBody: { content: json(schemaName(k)) } });
  const item: Record<string, unknown> = {};
  if (verbs.has('get')) item['get'] = operation(k, 'get');
  if (verbs.has('update')) item['put'] = operation(k, 'put', { parameters: WRITE_PARAMS, requestBody: { content: json(schemaName(k)) } });
  if (verbs.has('patch')) {
    const body = { schema: { type: 'object' } };
    item['patch'] = operation(k, 'patch', {
      parameters: [...WRITE_PARAMS, param('force', 'boolean', 'Force is going to "force" Apply requests.')],
      requestBody: {
        content: { 'application/json-patch+json': body, 'application/merge-patch+json': body, 'application/apply-patch+yaml': body },
      },
    });
  }
  if (verbs.has('delete')) item['delete'] = operation(k, 'delete', { parameters: [WRITE_PARAMS[0]] });
  const out: Record<string, unknown> = {};
  if (Object.keys(collection).length > 0) out[base] = collection;
  if (Object.keys(item).length > 0) out[`${base}/{name}`] = item;
  return out;
}

function schemaOf(k: KindInfo): Record<string, unknown> {
  return {
    type: 'object',
    description: `${k.kind} (${k.group === '' ? 'core' : k.group}/${k.version}).`,
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
    'x-kubernetes-preserve-unknown-fields': true,
    'x-kubernetes-group-version-kind': [{ group: k.group, version: k.version, kind: k.kind }],
  };
}

/** The document for one group version, or undefined when it is not served. */
export function openApiV3Document(discovery: Discovery, group: string, version: string): Record<string, unknown> | undefined {
  const kinds = discovery.kindsOf(group, version);
  if (kinds.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const k of kinds) {
    Object.assign(paths, pathsOf(k));
    schemas[schemaName(k)] = schemaOf(k);
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes (chronokube)', version: KUBERNETES_VERSION.gitVersion },
    paths,
    components: { schemas },
  };
}

/** `/openapi/v3`: every group version with a URL that changes whenever its document does. */
export function openApiV3Root(discovery: Discovery): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const { group, version } of discovery.groupVersions()) {
    const doc = openApiV3Document(discovery, group, version);
    const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 128).toUpperCase();
    paths[gvPath(group, version)] = { serverRelativeURL: `/openapi/v3/${gvPath(group, version)}?hash=${hash}` };
  }
  return { paths };
}
