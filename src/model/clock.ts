/**
 * Time and randomness come in from outside, so the deterministic layers
 * (model, store, api, controllers) never touch the wall clock or
 * `Math.random`. The runtime provides a virtual clock for replays and tests
 * and a wall clock for live clusters; both are behind this interface.
 */

/** Milliseconds on the run's clock; the history header declares the epoch. */
export interface Clock {
  now(): number;
}

/** Deterministic identifiers (uids, generated-name suffixes) from the run's seed. */
export interface IdSource {
  /** An RFC 4122-shaped uid, e.g. `6f1c2a0e-…`. */
  uid(): string;
  /** A 5-character suffix from Kubernetes' alphabet (`bcdfghjklmnpqrstvwxz2456789`), for `generateName`. */
  suffix(): string;
}

/** The seeded random source; the only randomness under `src/`. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
}
