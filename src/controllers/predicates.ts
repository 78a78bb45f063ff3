/**
 * Reusable predicates over changes. Creates and deletes always pass; they
 * judge only updates (which have a `previous`).
 *
 * @example
 * predicates: [generationChanged]   // ignore status-only and metadata-only updates
 */
import type { ObjectChange, Predicate } from './controller.js';

const judgeUpdates =
  (changed: (a: ObjectChange['object'], b: ObjectChange['object']) => boolean): Predicate =>
  (c) =>
    c.type !== 'MODIFIED' || c.previous === undefined || changed(c.previous, c.object);

/** Passes updates that bumped `metadata.generation` (spec changes). */
export const generationChanged: Predicate = judgeUpdates((a, b) => a.metadata.generation !== b.metadata.generation);

/** Passes updates that changed labels. */
export const labelsChanged: Predicate = judgeUpdates(
  (a, b) => JSON.stringify(a.metadata.labels ?? {}) !== JSON.stringify(b.metadata.labels ?? {}),
);

/** Passes updates that changed annotations. */
export const annotationsChanged: Predicate = judgeUpdates(
  (a, b) => JSON.stringify(a.metadata.annotations ?? {}) !== JSON.stringify(b.metadata.annotations ?? {}),
);

/** Passes when any of `ps` passes. */
export const anyOf =
  (...ps: readonly Predicate[]): Predicate =>
  (c) =>
    ps.some((p) => p(c));

/** Passes when `p` does not. */
export const not =
  (p: Predicate): Predicate =>
  (c) =>
    !p(c);
