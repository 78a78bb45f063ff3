/**
 * A small cache of materialised object versions, keyed by the revision that
 * wrote them (a revision names one version of one key). Bounded and FIFO:
 * it exists so that stepping back and forth, and live watchers comparing a
 * write with the version it replaced, do not re-apply patches; it never
 * holds more than `capacity` versions, so it adds no old-generation growth.
 */
import type { KubeObject } from '../model/index.js';

export class VersionCache {
  private readonly map = new Map<number, KubeObject>();
  private readonly ring: number[];
  private next = 0;

  constructor(readonly capacity = 256) {
    this.ring = new Array<number>(capacity).fill(0);
  }

  get(rev: number): KubeObject | undefined {
    return this.map.get(rev);
  }

  set(rev: number, object: KubeObject): void {
    if (this.map.has(rev)) return;
    const old = this.ring[this.next] as number;
    if (old !== 0) this.map.delete(old);
    this.ring[this.next] = rev;
    this.next = (this.next + 1) % this.capacity;
    this.map.set(rev, object);
  }
}
