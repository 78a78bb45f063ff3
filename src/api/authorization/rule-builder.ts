/**
 * A compact way to write the bootstrap policy's rules: verbs and resources
 * as space-separated words, API groups as a list ('' is the core group).
 *
 * @example
 * rule('get list watch', [''], 'pods pods/status') // { verbs: [...], apiGroups: [''], resources: ['pods', 'pods/status'] }
 */
import type { PolicyRule } from './policy-rule.js';

const words = (s: string): readonly string[] => s.split(' ').filter((w) => w !== '');

export function rule(verbs: string, apiGroups: readonly string[], resources: string, resourceNames?: string): PolicyRule {
  return {
    verbs: words(verbs),
    apiGroups,
    resources: words(resources),
    ...(resourceNames === undefined ? {} : { resourceNames: words(resourceNames) }),
  };
}

export function urlRule(verbs: string, urls: string): PolicyRule {
  return { verbs: words(verbs), nonResourceURLs: words(urls) };
}

export const READ = 'get list watch';
/** Kubernetes' `Write` verbs (create, update, patch, delete, deletecollection). */
export const WRITE = 'create delete deletecollection patch update';
export const READ_WRITE = `${READ} ${WRITE}`;
export const CORE = [''];

/** The rule every controller role carries: create, update and patch events of both event APIs. */
export const EVENTS_RULE = rule('create update patch', ['', 'events.k8s.io'], 'events');
