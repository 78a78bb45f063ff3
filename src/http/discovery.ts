/**
 * Legacy (unaggregated) discovery documents: `/api`, `/apis`, `/apis/G`,
 * `/api/v1` and `/apis/G/V`, built from the kinds served at the current
 * revision (custom kinds of established CRDs included). Clients asking for
 * aggregated discovery (`as=APIGroupDiscoveryList`) fall back to these when
 * the answer's Content-Type is plain `application/json`, as kubectl does.
 */
import type { KindInfo } from '../model/index.js';
import { KindRegistry } from '../model/index.js';

export interface GroupVersionRef {
  readonly groupVersion: string;
  readonly version: string;
}

export interface ApiGroup {
  readonly kind: 'APIGroup';
  readonly apiVersion: 'v1';
  readonly name: string;
  readonly versions: readonly GroupVersionRef[];
  readonly preferredVersion: GroupVersionRef;
}

const gvOf = (group: string, version: string): GroupVersionRef => ({
  groupVersion: group === '' ? version : `${group}/${version}`,
  version,
});

/** Discovery over one set of kinds; build one per revision the kinds may have changed at. */
export class Discovery {
  private readonly registry: KindRegistry;

  constructor(kinds: readonly KindInfo[]) {
    this.registry = new KindRegistry({ kinds });
  }

  /** `/api`. `serverAddress` is `host:port` as the client reached it. */
  coreVersions(serverAddress: string): Record<string, unknown> {
    return {
      kind: 'APIVersions',
      versions: this.registry.versions(''),
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
    };
  }

  /** `/apis`: every named group, in kube-apiserver's priority order. */
  groupList(): Record<string, unknown> {
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: this.registry.groups().map((g) => this.toGroup(g.name)) };
  }

  /** `/apis/GROUP`, or undefined when no version of the group is served. */
  group(name: string): ApiGroup | undefined {
    if (name === '' || this.registry.versions(name).length === 0) return undefined;
    return this.toGroup(name);
  }

  /** `/api/v1` or `/apis/GROUP/VERSION`, or undefined when that group version is not served. */
  resourceList(group: string, version: string): Record<string, unknown> | undefined {
    if (!this.registry.versions(group).includes(version)) return undefined;
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: gvOf(group, version).groupVersion,
      resources: this.registry.resources(group, version),
    };
  }

  /** Every served group version, core first: what the OpenAPI v3 root lists. */
  groupVersions(): { group: string; version: string }[] {
    const out = this.registry.versions('').map((version) => ({ group: '', version }));
    for (const g of this.registry.groups()) for (const version of g.versions) out.push({ group: g.name, version });
    return out;
  }

  kindsOf(group: string, version: string): KindInfo[] {
    return this.registry.all().filter((k) => k.group === group && k.version === version);
  }

  private toGroup(name: string): ApiGroup {
    const versions = this.registry.versions(name);
    return {
      kind: 'APIGroup',
      apiVersion: 'v1',
      name,
      versions: versions.map((v) => gvOf(name, v)),
      preferredVersion: gvOf(name, versions[0] ?? ''),
    };
  }
}
