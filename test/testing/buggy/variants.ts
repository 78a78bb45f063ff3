/**
 * The seven buggy PodSet controllers, each with the property run that finds
 * it: which perturbations it needs and which property it breaks. Shared by
 * the harness's tests and `npm run bench` (bench/pbt.ts).
 */
import type { CheckControllerOptions } from '../../../src/testing/index.js';
import { converges, deletesOnlyOwned, noExcessCreates, noExcessDeletes, noWriteStorm, settles, userOperations } from '../../../src/testing/index.js';
import { hotLoopController } from './hot-loop.js';
import { intermediateStateController } from './intermediate-state.js';
import { missedEventController } from './missed-event.js';
import { nonIdempotentController } from './non-idempotent.js';
import { presumedGoneController } from './presumed-gone.js';
import { barePods, PODSET_OWNER, podSetCrd, podSetPodCounts, podSets } from './pod-set.js';
import { staleReadController } from './stale-read.js';
import { wrongOwnerController } from './wrong-owner.js';

export type VariantOptions = Omit<CheckControllerOptions, 'seed' | 'runs' | 'failuresDir' | 'print'>;

const base = { setup: [podSetCrd], settleMs: 120_000 } as const;
const counts = converges(podSetPodCounts, { withinMs: 60_000 });
const ops = userOperations([podSets], { maxOperations: 4, horizonMs: 30_000 });

export const VARIANTS: Readonly<Record<string, VariantOptions>> = {
  'stale-read': {
    ...base,
    name: 'stale-read',
    controllers: [staleReadController],
    operations: ops,
    perturbations: { staleCache: true, horizonMs: 30_000 },
    properties: [noExcessCreates({ actor: 'controller:podset', owner: PODSET_OWNER })],
  },
  'missed-event': {
    ...base,
    name: 'missed-event',
    controllers: () => [missedEventController()],
    operations: ops,
    perturbations: { dropEvents: true, horizonMs: 30_000 },
    properties: [counts],
  },
  'intermediate-state': {
    ...base,
    name: 'intermediate-state',
    controllers: [intermediateStateController],
    operations: ops,
    perturbations: { crashBetweenWrites: true, horizonMs: 30_000 },
    properties: [counts],
  },
  'non-idempotent': {
    ...base,
    name: 'non-idempotent',
    controllers: [nonIdempotentController],
    operations: userOperations([podSets], { maxOperations: 4, horizonMs: 30_000, deletePods: false }),
    perturbations: { crashBetweenWrites: true, horizonMs: 30_000 },
    properties: [counts],
  },
  'hot-loop': {
    ...base,
    name: 'hot-loop',
    controllers: [hotLoopController],
    operations: ops,
    properties: [noWriteStorm(), settles({ withinMs: 60_000 })],
  },
  'wrong-owner': {
    ...base,
    name: 'wrong-owner',
    controllers: [wrongOwnerController],
    operations: userOperations([podSets, barePods], { maxOperations: 4, horizonMs: 30_000 }),
    properties: [deletesOnlyOwned({ actor: 'controller:podset', ownerKinds: ['PodSet'] }), counts],
  },
  'presumed-gone': {
    ...base,
    name: 'presumed-gone',
    controllers: [presumedGoneController],
    // Its pods outlive its cache of PodSets only across a restart (a crash between two writes)
    // inside a reordering window: a short horizon packs the two together.
    operations: userOperations([podSets], { maxOperations: 4, horizonMs: 5_000 }),
    perturbations: { reorderEvents: true, crashBetweenWrites: true, horizonMs: 5_000 },
    properties: [noExcessDeletes({ actor: 'controller:podset', owner: PODSET_OWNER })],
  },
};
