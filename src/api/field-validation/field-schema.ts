/**
 * Which fields an object may carry, as kube-apiserver's decoding sees them:
 * a built-in kind is decoded into its Go struct (a field the struct lacks is
 * unknown), a custom resource is pruned by its CRD's structural schema (a
 * field the schema does not specify is unknown unless
 * `x-kubernetes-preserve-unknown-fields`). Both are described by one small
 * tree of `FieldSchema` nodes, built lazily as a walk goes down.
 *
 * Built-in kinds come from @kubernetes/client-node's generated models (the
 * kubernetes-client project's typed mirror of the OpenAPI document: every
 * struct with its JSON field names). client-node 1.4 is generated from
 * Kubernetes 1.34; the few fields 1.33 and 1.34 added to the types chronokube
 * serves are listed in `ADDED_AFTER_1_32` and treated as unknown, so the
 * answer is 1.32's.
 */
import { createRequire } from 'node:module';
import type { JsonSchemaProps } from '../../model/index.js';

export type FieldSchema =
  /** Anything below is accepted (RawExtension, JSON, preserve-unknown-fields without properties). */
  | { readonly type: 'any' }
  /** A scalar (string, number, boolean, quantity, time, int-or-string): nothing below to check. */
  | { readonly type: 'leaf' }
  /** A struct: named fields; `open` when fields beyond them are kept too. */
  | { readonly type: 'object'; readonly field: (name: string) => FieldSchema | undefined; readonly open: boolean }
  /** A map with free keys and one value type. */
  | { readonly type: 'map'; readonly values: FieldSchema }
  | { readonly type: 'list'; readonly items: FieldSchema };

const ANY: FieldSchema = { type: 'any' };
const LEAF: FieldSchema = { type: 'leaf' };

/** Fields client-node 1.4 (Kubernetes 1.34) knows that Kubernetes 1.32 does not, by model class. */
const ADDED_AFTER_1_32: Readonly<Record<string, readonly string[]>> = {
  V1CSIDriverSpec: ['nodeAllocatableUpdatePeriodSeconds'],
  V1Container: ['restartPolicyRules'],
  V1ContainerStatus: ['stopSignal'],
  V1DeploymentStatus: ['terminatingReplicas'],
  V1EndpointHints: ['forNodes'],
  V1EnvVarSource: ['fileKeyRef'],
  V1EphemeralContainer: ['restartPolicyRules'],
  V1Lifecycle: ['stopSignal'],
  V1NodeSystemInfo: ['swap'],
  V1PodCondition: ['observedGeneration'],
  V1PodSpec: ['hostnameOverride'],
  V1PodStatus: ['extendedResourceClaimStatus', 'observedGeneration'],
  V1ReplicaSetStatus: ['terminatingReplicas'],
  V1VolumeError: ['errorCode'],
  V1VolumeProjection: ['podCertificate'],
  V2HPAScalingRules: ['tolerance'],
};

interface Attribute {
  readonly baseName: string;
  readonly type: string;
}
type ModelClass = { getAttributeTypeMap(): readonly Attribute[] };

/**
 * client-node's ~700 model classes, loaded on first use rather than with the
 * api layer (most users of the api never check fields, and the load costs
 * about a third of a second).
 */
let models: Readonly<Record<string, unknown>> | undefined;
function loadModels(): Readonly<Record<string, unknown>> {
  models ??= createRequire(import.meta.url)('@kubernetes/client-node/dist/gen/models/ObjectSerializer.js') as Readonly<Record<string, unknown>>;
  return models;
}

function modelClass(name: string): ModelClass | undefined {
  const c = loadModels()[name];
  if (typeof c !== 'function') return undefined;
  const m = c as unknown as Partial<ModelClass>;
  return typeof m.getAttributeTypeMap === 'function' ? (m as ModelClass) : undefined;
}

const classSchemas = new Map<string, FieldSchema | undefined>();

/** The schema of a client-node model class, cached (types refer to each other, so fields resolve lazily). */
function classSchema(name: string): FieldSchema | undefined {
  if (classSchemas.has(name)) return classSchemas.get(name);
  const c = modelClass(name);
  let schema: FieldSchema | undefined;
  if (c !== undefined) {
    const dropped = new Set(ADDED_AFTER_1_32[name] ?? []);
    const types = new Map<string, string>();
    for (const a of c.getAttributeTypeMap()) if (!dropped.has(a.baseName)) types.set(a.baseName, a.type);
    const resolved = new Map<string, FieldSchema>();
    schema = {
      type: 'object',
      open: false,
      field: (f) => {
        const hit = resolved.get(f);
        if (hit !== undefined) return hit;
        const t = types.get(f);
        if (t === undefined) return undefined;
        const s = typeSchema(t);
        resolved.set(f, s);
        return s;
      },
    };
  }
  classSchemas.set(name, schema);
  return schema;
}

const MAP_OF = /^\{ \[key: string\]: (.+); \}$/;
const ARRAY_OF = /^Array<(.+)>$/;

/** client-node's type spelling → schema: `string`, `Array<V1Container>`, `{ [key: string]: string; }`, `any`, a class name. */
function typeSchema(t: string): FieldSchema {
  if (t === 'any' || t === 'object') return ANY;
  const list = ARRAY_OF.exec(t);
  if (list !== null) return { type: 'list', items: typeSchema(list[1] as string) };
  const map = MAP_OF.exec(t);
  if (map !== null) return { type: 'map', values: typeSchema(map[1] as string) };
  return classSchema(t) ?? LEAF;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The schema of a built-in kind, or undefined when client-node has no model
 * for it (then nothing is checked). client-node names models
 * `<Version><Kind>`, prefixed by the group's first word where two groups
 * share a kind (`CoreV1Event`, `EventsV1Event`).
 */
export function builtInSchema(group: string, version: string, kind: string): FieldSchema | undefined {
  const prefix = group === '' ? 'Core' : capital(group.split('.')[0] as string);
  return classSchema(`${prefix}${capital(version)}${kind}`) ?? classSchema(`${capital(version)}${kind}`);
}

/** `metadata` of any object: ObjectMeta. */
export function objectMetaSchema(): FieldSchema {
  return classSchema('V1ObjectMeta') ?? ANY;
}

/**
 * The schema of a custom resource of a CRD version with `openAPIV3Schema`
 * `schema` (none: everything is kept). `apiVersion`, `kind` and `metadata`
 * are always known; metadata is ObjectMeta, as in embedded resources.
 */
export function customResourceSchema(schema: unknown): FieldSchema {
  if (typeof schema !== 'object' || schema === null) return ANY;
  return withObjectRoot(jsonSchema(schema as JsonSchemaProps));
}

function withObjectRoot(s: FieldSchema): FieldSchema {
  const base = s.type === 'object' ? s : undefined;
  const open = s.type === 'any' || base?.open === true;
  return {
    type: 'object',
    open,
    field: (f) => {
      if (f === 'apiVersion' || f === 'kind') return LEAF;
      if (f === 'metadata') return objectMetaSchema();
      return base?.field(f) ?? (open ? ANY : undefined);
    },
  };
}

/** A structural schema node → FieldSchema (`properties`, `additionalProperties`, `items`, the x-kubernetes extensions). */
function jsonSchema(s: JsonSchemaProps): FieldSchema {
  if (s['x-kubernetes-int-or-string'] === true) return LEAF;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  let node: FieldSchema;
  if (s.type === 'array') {
    node = { type: 'list', items: s.items === undefined ? ANY : jsonSchema(s.items) };
  } else if (s.properties !== undefined) {
    const props = s.properties;
    const resolved = new Map<string, FieldSchema>();
    node = {
      type: 'object',
      open: preserve,
      field: (f) => {
        if (!Object.prototype.hasOwnProperty.call(props, f)) return preserve ? ANY : undefined;
        let hit = resolved.get(f);
        if (hit === undefined) {
          hit = jsonSchema(props[f] as JsonSchemaProps);
          resolved.set(f, hit);
        }
        return hit;
      },
    };
  } else if (typeof s.additionalProperties === 'object') {
    node = { type: 'map', values: jsonSchema(s.additionalProperties) };
  } else if (s.additionalProperties === true || preserve) {
    node = ANY;
  } else if (s.type === 'object') {
    // A structural object without properties keeps nothing below it.
    node = { type: 'object', open: false, field: () => undefined };
  } else {
    node = s.type === undefined ? ANY : LEAF;
  }
  return s['x-kubernetes-embedded-resource'] === true ? withObjectRoot(node) : node;
}
