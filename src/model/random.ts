/**
 * The seeded random source and the id source built on it: the only
 * randomness under src/. Same seed, same sequence, on every machine
 * (integer arithmetic only; the algorithm is part of the history format's
 * determinism promise, so changing it changes replays).
 *
 * @example
 * const rng = seededRandom(42); rng.int(6); // same value on every run
 * const ids = seededIds(rng); ids.uid();
 */
import type { IdSource, Random } from './clock.js';

/** sfc32 seeded through splitmix32: small, fast, and good enough for simulation. */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) nextU32();
  return {
    next: () => nextU32() / 4294967296,
    int: (n: number) => {
      if (!Number.isInteger(n) || n <= 0) throw new RangeError(`Random.int needs a positive integer, got ${n}`);
      return Math.floor((nextU32() / 4294967296) * n);
    },
  };
}

const HEX = '0123456789abcdef';
/** Kubernetes' alphabet for generated name suffixes (no vowels, no confusable characters). */
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Ids drawn from `rng`: uids shaped like RFC 4122 version 4, and `generateName` suffixes. */
export function seededIds(rng: Random): IdSource {
  return {
    uid: () => {
      let out = '';
      for (let i = 0; i < 32; i++) {
        let nibble = rng.int(16);
        if (i === 12) nibble = 4;
        else if (i === 16) nibble = 8 | (nibble & 3);
        out += HEX[nibble];
        if (i === 7 || i === 11 || i === 15 || i === 19) out += '-';
      }
      return out;
    },
    suffix: () => {
      let out = '';
      for (let i = 0; i < 5; i++) out += SUFFIX_ALPHABET[rng.int(SUFFIX_ALPHABET.length)];
      return out;
    },
  };
}
