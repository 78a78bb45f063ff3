/** Decision tables for which volume a claim binds to (FindMatchingVolume / findBestMatchForClaim, 1.32) and why a volume does not fit. */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { findBestMatchForClaim, findMatchingVolume, volumeFitsNode, volumeMismatch } from '../../../src/controllers/persistent-volume/volume-match.js';
import type { ClaimSpec, VolumeSpec } from './helpers.js';
import { claim as mkClaim, volume as mkVolume } from './helpers.js';

const available = (name: string, s: VolumeSpec = {}): PersistentVolume => ({ ...mkVolume(name, s), status: { phase: 'Available' } });
const claim = (s: ClaimSpec = {}): PersistentVolumeClaim => {
  const c = mkClaim('data', s);
  return { ...c, metadata: { ...c.metadata, uid: 'u-1' } };
};
const nameOf = (v: PersistentVolume | undefined): string | undefined => v?.metadata?.name;

describe('findBestMatchForClaim (the binder, no node)', () => {
  const cases: { what: string; claim: ClaimSpec; volumes: PersistentVolume[]; delay?: boolean; want: string | undefined }[] = [
    { what: 'the smallest volume that is big enough', claim: { size: '2Gi' }, volumes: [available('a', { size: '10Gi' }), available('b', { size: '1Gi' }), available('c', { size: '5Gi' })], want: 'c' },
    { what: 'an exact size fits', claim: { size: '1Gi' }, volumes: [available('a', { size: '1Gi' })], want: 'a' },
    { what: '1000Mi is less than 1Gi', claim: { size: '1Gi' }, volumes: [available('a', { size: '1000Mi' })], want: undefined },
    { what: 'the class must be equal ("" matches no class)', claim: { cls: 'fast' }, volumes: [available('a'), available('b', { cls: 'slow' }), available('c', { cls: 'fast' })], want: 'c' },
    { what: 'a claim without class takes only class-less volumes', claim: {}, volumes: [available('a', { cls: 'fast' })], want: undefined },
    { what: 'every requested access mode must be offered', claim: { modes: ['ReadWriteMany'] }, volumes: [available('a'), available('b', { modes: ['ReadWriteMany', 'ReadOnlyMany'] })], want: 'b' },
    {
      what: 'the group with fewest modes is tried first, even if a bigger-moded volume is smaller',
      claim: { modes: ['ReadWriteOnce'] },
      volumes: [available('a', { size: '1Gi', modes: ['ReadWriteOnce', 'ReadWriteMany'] }), available('b', { size: '5Gi', modes: ['ReadWriteOnce'] })],
      want: 'b',
    },
    { what: 'the selector must match the labels', claim: { selector: { tier: 'gold' } }, volumes: [available('a', { labels: { tier: 'silver' } }), available('b', { labels: { tier: 'gold' } })], want: 'b' },
    { what: 'volumeMode must be equal', claim: { mode: 'Block' }, volumes: [available('a'), available('b', { mode: 'Block' })], want: 'b' },
    { what: 'a volume reserved for another claim is skipped', claim: {}, volumes: [available('a', { claimRef: { name: 'other' } })], want: undefined },
    { what: 'a volume pre-bound to this claim wins over a smaller free one, even not Available', claim: {}, volumes: [available('a', { size: '1Gi' }), mkVolume('b', { size: '2Gi', claimRef: { name: 'data' } })], want: 'b' },
    { what: 'only Available volumes are matched', claim: {}, volumes: [{ ...mkVolume('a'), status: { phase: 'Released' } }, mkVolume('b')], want: undefined },
    { what: 'WaitForFirstConsumer: the binder leaves the choice to the scheduler', claim: {}, volumes: [available('a')], delay: true, want: undefined },
    { what: 'WaitForFirstConsumer: but a pre-bound volume is bound', claim: {}, volumes: [mkVolume('a', { claimRef: { name: 'data', uid: 'u-1' } })], delay: true, want: 'a' },
    { what: 'a claimRef with another uid is another claim', claim: {}, volumes: [available('a', { claimRef: { name: 'data', uid: 'old' } })], want: undefined },
  ];
  for (const c of cases) {
    it(c.what, () => {
      expect(nameOf(findBestMatchForClaim(claim(c.claim), c.volumes, c.delay ?? false))).toBe(c.want);
    });
  }

  it('a volume being deleted is never matched', () => {
    const v = { ...available('a'), metadata: { name: 'a', deletionTimestamp: '2026-01-01T00:00:00Z' } };
    expect(findBestMatchForClaim(claim(), [v], false)).toBeUndefined();
  });
});

describe('findMatchingVolume (the scheduler, on a node)', () => {
  const onNode = { 'kubernetes.io/hostname': 'n1' };
  it('node affinity must match the node; access modes are checked directly', () => {
    const vols = [available('a', { hostname: 'n2' }), available('b', { hostname: 'n1', modes: ['ReadOnlyMany'] }), available('c', { hostname: 'n1' })];
    expect(nameOf(findMatchingVolume(claim(), vols, { nodeLabels: onNode, delayBinding: true }))).toBe('c');
  });
  it('a pre-bound volume with a node conflict means no match at all', () => {
    const vols = [mkVolume('a', { hostname: 'n2', claimRef: { name: 'data' } }), available('b')];
    expect(findMatchingVolume(claim(), vols, { nodeLabels: onNode, delayBinding: true })).toBeUndefined();
  });
  it('excluded volumes (chosen for another claim of the pod) are skipped', () => {
    expect(nameOf(findMatchingVolume(claim(), [available('a'), available('b', { size: '2Gi' })], { nodeLabels: onNode, delayBinding: true, excluded: new Set(['a']) }))).toBe('b');
  });
  it('volumeFitsNode: no affinity fits every node; terms are ORed', () => {
    expect(volumeFitsNode(mkVolume('a'), {})).toBe(true);
    expect(volumeFitsNode(mkVolume('a', { hostname: 'n1' }), onNode)).toBe(true);
    expect(volumeFitsNode(mkVolume('a', { hostname: 'n1' }), { 'kubernetes.io/hostname': 'n3' })).toBe(false);
  });
});

describe('volumeMismatch (whynot)', () => {
  it('names the first reason a volume does not fit', () => {
    expect(volumeMismatch(claim({ size: '5Gi' }), available('a'))).toBe('capacity 1Gi is less than the requested 5Gi');
    expect(volumeMismatch(claim({ cls: 'fast' }), available('a', { cls: 'slow' }))).toBe('storageClassName "slow" differs from the claim\'s "fast"');
    expect(volumeMismatch(claim(), available('a', { claimRef: { name: 'x', namespace: 'ns' } }))).toBe('reserved for claim ns/x');
    expect(volumeMismatch(claim({ modes: ['ReadWriteMany'] }), available('a'))).toBe('access modes [ReadWriteOnce] lack some of [ReadWriteMany]');
    expect(volumeMismatch(claim(), mkVolume('a'))).toBe('phase is Pending, not Available');
    expect(volumeMismatch(claim({ selector: { a: 'b' } }), available('a'))).toBe("labels do not match the claim's selector");
    expect(volumeMismatch(claim(), available('a'))).toBeUndefined();
  });
});
