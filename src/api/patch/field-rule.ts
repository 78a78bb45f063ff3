/**
 * One entry of the merge-key table: how a field of a built-in kind merges
 * under strategic merge patch and server-side apply (see merge-keys.ts).
 */
export interface FieldRule {
  /** The named type of this field's value (a map) or of each item (a list). */
  readonly type?: string;
  /** `map`: an associative list (items keyed); `set`: a list of distinct primitives. Absent on a list: atomic. */
  readonly list?: 'map' | 'set';
  /** Strategic merge patch: merge list items by this key (`patchMergeKey`). */
  readonly smpMergeKey?: string;
  /** Strategic merge patch: a primitive list merged as a union (`patchStrategy: merge`). */
  readonly smpMerge?: boolean;
  /** Server-side apply: the item keys of an associative list (`x-kubernetes-list-map-keys`). */
  readonly keys?: readonly string[];
  /** Server-side apply: values for key fields an item may omit (e.g. `protocol: TCP`). */
  readonly keyDefaults?: Readonly<Record<string, string | number>>;
  /** `patchStrategy: retainKeys`: a `$retainKeys` directive clears keys not listed. */
  readonly retainKeys?: boolean;
  /** Server-side apply: the map is one leaf (`structType`/`mapType: atomic`). */
  readonly atomic?: boolean;
}
