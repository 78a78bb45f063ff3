/**
 * Custom resources are served from the CustomResourceDefinitions in the
 * state itself, not from a registry mutated on the side: replaying a history
 * therefore serves exactly the kinds its CRDs defined at each revision.
 * One `KindInfo` per served version, plus that version's schema.
 */
import type { KindInfo, KubeObject, SubresourceInfo } from '../model/index.js';
import { kindInfo, scaleSub, statusSub } from '../model/index.js';
import type { StateView } from '../store/index.js';

export interface CustomKind {
  readonly info: KindInfo;
  /** The version's `openAPIV3Schema`, if it has one. */
  readonly schema: unknown;
  /** The CRD's storage version. */
  readonly storageVersion: string;
}

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: unknown };
  subresources?: { status?: object; scale?: object };
}

interface CrdSpec {
  group: string;
  scope: 'Namespaced' | 'Cluster';
  names: { plural: string; singular?: string; kind: string; shortNames?: string[]; listKind?: string; categories?: string[] };
  versions: CrdVersion[];
}

const CRD_SCOPE = { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' } as const;

/** Every served custom kind defined by the CRDs visible in `view`, in key order. */
export function customKinds(view: StateView): CustomKind[] {
  const out: CustomKind[] = [];
  for (const crd of view.list(CRD_SCOPE)) out.push(...kindsOfCrd(crd));
  return out;
}

export function kindsOfCrd(crd: KubeObject): CustomKind[] {
  if (crd.metadata.deletionTimestamp !== undefined) return [];
  const spec = crd['spec'] as CrdSpec | undefined;
  if (spec === undefined || !Array.isArray(spec.versions)) return [];
  const storageVersion = spec.versions.find((v) => v.storage === true)?.name ?? spec.versions[0]?.name ?? '';
  return spec.versions
    .filter((v) => v.served !== false)
    .map((v) => {
      const subresources: SubresourceInfo[] = [];
      if (v.subresources?.status !== undefined) subresources.push(statusSub(spec.group, v.name, spec.names.kind));
      if (v.subresources?.scale !== undefined) subresources.push(scaleSub());
      const info = kindInfo(
        {
          group: spec.group,
          version: v.name,
          kind: spec.names.kind,
          plural: spec.names.plural,
          ...(spec.names.singular === undefined ? {} : { singular: spec.names.singular }),
          shortNames: spec.names.shortNames ?? [],
          namespaced: spec.scope !== 'Cluster',
          subresources,
          categories: spec.names.categories ?? [],
          ...(spec.names.listKind === undefined ? {} : { listKind: spec.names.listKind }),
        },
        true,
      );
      return { info, schema: v.schema?.openAPIV3Schema, storageVersion };
    });
}
