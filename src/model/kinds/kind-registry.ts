/**
 * The kinds the API serves and how names resolve to them: by
 * (group, version, kind), by (group, resource), and by the loose names
 * `kubectl get` accepts (`po`, `pods`, `pod`, `Pod`, `deployments.apps`,
 * `deploy.v1.apps`). Also answers discovery in the order kube-apiserver and
 * kubectl show it. Custom kinds (from CRDs) are registered at run time.
 *
 * Iteration order never depends on insertion: every listing is sorted.
 *
 * @example
 * const reg = new KindRegistry();
 * reg.resolve('po')?.kind           // 'Pod'
 * reg.resolve('deploy.apps')?.plural // 'deployments'
 * reg.apiVersions()                  // ['admissionregistration.k8s.io/v1', ..., 'v1']
 */
import { BUILTIN_GROUP_ORDER, BUILTIN_KINDS } from './builtin-kinds.js';
import { compareKubeVersions, kindInfo, type KindInfo, type KindSpec } from './kind-info.js';

export interface KindRegistryOptions {
  /** Serve built-in alpha versions (off by default, as in Kubernetes). Custom kinds are always served. */
  readonly includeAlpha?: boolean;
  /** Start from these kinds instead of the built-ins. */
  readonly kinds?: readonly KindInfo[];
}

/** One row of `kubectl api-resources`. */
export interface ApiResourceRow {
  readonly name: string;
  readonly shortNames: readonly string[];
  readonly apiVersion: string;
  readonly namespaced: boolean;
  readonly kind: string;
  readonly verbs: readonly string[];
  readonly categories: readonly string[];
}

/** One entry of a discovery `APIResourceList` (`/api/v1`, `/apis/apps/v1`). */
export interface DiscoveryResource {
  readonly name: string;
  readonly singularName: string;
  readonly namespaced: boolean;
  readonly group?: string;
  readonly version?: string;
  readonly kind: string;
  readonly verbs: readonly string[];
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
}

export interface DiscoveryGroup {
  readonly name: string;
  /** Highest priority first (GA, then beta, then alpha). */
  readonly versions: readonly string[];
  readonly preferredVersion: string;
}

const gvkKey = (g: string, v: string, k: string): string => `${g}/${v}/${k}`;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class KindRegistry {
  private readonly byGvk = new Map<string, KindInfo>();
  private readonly includeAlpha: boolean;
  /** Sorted listings, rebuilt after a registration; keyed by whether alpha kinds are included. */
  private readonly sorted = new Map<boolean, readonly KindInfo[]>();

  constructor(opts: KindRegistryOptions = {}) {
    this.includeAlpha = opts.includeAlpha ?? false;
    for (const k of opts.kinds ?? BUILTIN_KINDS) this.byGvk.set(gvkKey(k.group, k.version, k.kind), k);
  }

  /** Whether a kind is served (built-in alpha versions only when enabled). */
  private served(k: KindInfo, includeAlpha = this.includeAlpha): boolean {
    return k.custom || k.stability !== 'alpha' || includeAlpha;
  }

  /** Every served kind, sorted by group priority, version priority, then resource name. */
  all(opts: { includeAlpha?: boolean } = {}): KindInfo[] {
    const alpha = opts.includeAlpha ?? this.includeAlpha;
    let list = this.sorted.get(alpha);
    if (list === undefined) {
      const order = this.groupOrder();
      list = Object.freeze(
        [...this.byGvk.values()]
          .filter((k) => this.served(k, alpha))
          .sort(
            (a, b) =>
              (order.get(a.group) ?? 0) - (order.get(b.group) ?? 0) ||
              compareKubeVersions(a.version, b.version) ||
              cmp(a.plural, b.plural),
          ),
      );
      this.sorted.set(alpha, list);
    }
    return [...list];
  }

  /**
   * Registers a custom kind (a CRD's served version). Replaces an earlier
   * registration of the same kind; refuses to shadow a built-in.
   */
  register(spec: KindSpec | KindInfo): KindInfo {
    const info = 'custom' in spec ? { ...spec, custom: true } : kindInfo(spec, true);
    const key = gvkKey(info.group, info.version, info.kind);
    const existing = this.byGvk.get(key);
    if (existing !== undefined && !existing.custom) throw new Error(`kind ${key} is built in and cannot be registered`);
    const clash = [...this.byGvk.values()].find(
      (k) => k.group === info.group && k.version === info.version && k.plural === info.plural && k.kind !== info.kind,
    );
    if (clash !== undefined) throw new Error(`resource ${info.plural}.${info.group}/${info.version} is already served by kind ${clash.kind}`);
    const frozen = Object.freeze(info);
    this.byGvk.set(key, frozen);
    this.sorted.clear();
    return frozen;
  }

  /** Removes every version of a custom resource (CRD deleted). Returns how many were removed. */
  unregister(group: string, plural: string): number {
    let n = 0;
    for (const [key, k] of [...this.byGvk.entries()]) {
      if (k.custom && k.group === group && k.plural === plural) {
        this.byGvk.delete(key);
        this.sorted.clear();
        n++;
      }
    }
    return n;
  }

  byKind(group: string, version: string, kind: string): KindInfo | undefined {
    const k = this.byGvk.get(gvkKey(group, version, kind));
    return k !== undefined && this.served(k) ? k : undefined;
  }

  /** By `apiVersion` and `kind`, as in a manifest. */
  byApiVersionKind(apiVersion: string, kind: string): KindInfo | undefined {
    const slash = apiVersion.indexOf('/');
    return slash < 0 ? this.byKind('', apiVersion, kind) : this.byKind(apiVersion.slice(0, slash), apiVersion.slice(slash + 1), kind);
  }

  /** By group and resource (plural); the preferred version unless one is named. */
  byResource(group: string, resource: string, version?: string): KindInfo | undefined {
    const found = this.all().filter((k) => k.group === group && k.plural === resource && (version === undefined || k.version === version));
    return found[0];
  }

  /** Served versions of a group, highest priority first. */
  versions(group: string): string[] {
    return [...new Set(this.all().filter((k) => k.group === group).map((k) => k.version))].sort(compareKubeVersions);
  }

  preferredVersion(group: string): string | undefined {
    return this.versions(group)[0];
  }

  /**
   * Resolves what a user typed after `kubectl get`: a plural, singular,
   * short name or kind (case-insensitive), optionally qualified as
   * `name.group` or `name.version.group`. Among several matches the
   * preferred one wins: higher group priority (core first), then the
   * group's preferred version.
   */
  resolve(name: string): KindInfo | undefined {
    return this.resolveAll(name)[0];
  }

  /** Every kind `name` could mean, best first. */
  resolveAll(name: string): KindInfo[] {
    const lower = name.toLowerCase();
    const all = this.all();
    const matchesName = (k: KindInfo, n: string): boolean =>
      k.plural === n || k.singular === n || k.kind.toLowerCase() === n || k.shortNames.includes(n);
    const preferredFirst = (ks: KindInfo[]): KindInfo[] => {
      // Keep only each group's preferred version among the matches, unless a version was asked for.
      const seen = new Set<string>();
      return ks.filter((k) => {
        const id = `${k.group}/${k.plural}`;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
    };
    const direct = all.filter((k) => matchesName(k, lower));
    if (direct.length > 0) return preferredFirst(direct);
    const dot = lower.indexOf('.');
    if (dot < 0) return [];
    const head = lower.slice(0, dot);
    const rest = lower.slice(dot + 1);
    // name.version.group
    const dot2 = rest.indexOf('.');
    if (dot2 > 0) {
      const version = rest.slice(0, dot2);
      const group = rest.slice(dot2 + 1);
      const byVersion = all.filter((k) => k.group === group && k.version === version && matchesName(k, head));
      if (byVersion.length > 0) return byVersion;
    }
    // name.group (the group may itself contain dots); also the core group written `name.v1`... is not kubectl syntax.
    return preferredFirst(all.filter((k) => k.group === rest && matchesName(k, head)));
  }

  /** Discovery groups (`/apis`), in kube-apiserver's order; the core group is excluded. */
  groups(): DiscoveryGroup[] {
    const names = [...new Set(this.all().map((k) => k.group))].filter((g) => g !== '');
    return names.map((name) => {
      const versions = this.versions(name);
      return { name, versions, preferredVersion: versions[0] ?? '' };
    });
  }

  /** `kubectl api-versions`: every served group/version, sorted alphabetically; `includeAlpha` overrides the registry's setting. */
  apiVersions(opts: { includeAlpha?: boolean } = {}): string[] {
    return [...new Set(this.all(opts).map((k) => (k.group === '' ? k.version : `${k.group}/${k.version}`)))].sort(cmp);
  }

  /**
   * A group version's discovery list, sorted by name as kube-apiserver
   * sends it; subresources (`pods/status`) are included unless asked not to.
   */
  resources(group: string, version: string, opts: { includeSubresources?: boolean } = {}): DiscoveryResource[] {
    const out: DiscoveryResource[] = [];
    for (const k of this.all().filter((x) => x.group === group && x.version === version)) {
      out.push({
        name: k.plural,
        singularName: k.singular,
        namespaced: k.namespaced,
        kind: k.kind,
        verbs: k.verbs,
        ...(k.shortNames.length > 0 ? { shortNames: k.shortNames } : {}),
        ...(k.categories.length > 0 ? { categories: k.categories } : {}),
      });
      if (opts.includeSubresources === false) continue;
      for (const s of k.subresources) {
        const foreign = s.group !== group || s.version !== version;
        out.push({
          name: `${k.plural}/${s.name}`,
          singularName: '',
          namespaced: k.namespaced,
          ...(foreign ? { group: s.group, version: s.version } : {}),
          kind: s.kind,
          verbs: s.verbs,
        });
      }
    }
    return out.sort((a, b) => cmp(a.name, b.name));
  }

  /**
   * `kubectl api-resources`: the preferred version of every group, rows
   * sorted (stably) by group name with the core group first, and by
   * resource name within a group.
   */
  apiResources(): ApiResourceRow[] {
    const groups = [...new Set(this.all().map((k) => k.group))].sort(cmp);
    const rows: ApiResourceRow[] = [];
    for (const g of groups) {
      const v = this.preferredVersion(g);
      if (v === undefined) continue;
      for (const r of this.resources(g, v, { includeSubresources: false })) {
        rows.push({
          name: r.name,
          shortNames: r.shortNames ?? [],
          apiVersion: g === '' ? v : `${g}/${v}`,
          namespaced: r.namespaced,
          kind: r.kind,
          verbs: r.verbs,
          categories: r.categories ?? [],
        });
      }
    }
    return rows;
  }

  /** Kinds in a category (`all`), preferred versions only: what `kubectl get all` lists. */
  category(name: string): KindInfo[] {
    return this.all().filter((k) => k.categories.includes(name) && this.preferredVersion(k.group) === k.version);
  }

  private groupOrder(): Map<string, number> {
    const order = new Map<string, number>();
    BUILTIN_GROUP_ORDER.forEach((g, i) => order.set(g, i));
    const extra = [...new Set([...this.byGvk.values()].map((k) => k.group))].filter((g) => !order.has(g)).sort(cmp);
    extra.forEach((g, i) => order.set(g, BUILTIN_GROUP_ORDER.length + i));
    return order;
  }
}
