/**
 * The kind-specific rules the verbs apply to every object: defaulting,
 * admission (mutating, on create), and validation (create and update).
 * Kept behind one interface so the verbs stay generic and tests can swap
 * a rule; `createScheme` wires the model layer's Kubernetes 1.32 rules.
 */
import type { IdSource, KindInfo, KubeObject, StatusCause } from '../model/index.js';
import type { StateView } from '../store/index.js';

export interface Scheme {
  /** Scheme defaults (Kubernetes' `SetDefaults_*`), pure. */
  defaults(info: KindInfo, obj: KubeObject): KubeObject;
  /** Mutating and validating admission on create (DefaultTolerationSeconds, ServiceAccount, Priority); throws a Status to refuse. */
  admit(info: KindInfo, obj: KubeObject, view: StateView, ids: IdSource): KubeObject;
  /** Validation of a new object; `schema` is a custom kind's openAPIV3Schema. Empty: valid. */
  validate(info: KindInfo, obj: KubeObject, schema?: unknown): readonly StatusCause[];
  /** Validation of an update: everything `validate` checks plus immutable fields and the like. */
  validateUpdate(info: KindInfo, old: KubeObject, next: KubeObject, schema?: unknown): readonly StatusCause[];
  /** Drops fields a custom kind's structural schema does not know (Kubernetes' pruning). */
  prune(obj: KubeObject, schema: unknown): KubeObject;
}
