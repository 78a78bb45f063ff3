/**
 * Ingresses (CLASS HOSTS ADDRESS PORTS AGE), IngressClasses (CONTROLLER
 * PARAMETERS AGE) and NetworkPolicies (POD-SELECTOR AGE).
 */
import type { Ingress, IngressClass, IngressRule, NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import { AGE_COLUMN, NAME_COLUMN, column } from '../columns.js';
import { formatLabelSelector, loadBalancerIngress } from '../cells.js';
import { since } from '../human-duration.js';
import { printer } from '../printer.js';

/** The first three rule hosts, `*` when no rule names one, "+ N more..." counting every further rule. */
export function formatHosts(rules: readonly IngressRule[] | undefined): string {
  const list = rules ?? [];
  const shown: string[] = [];
  let more = false;
  for (const rule of list) {
    if (shown.length === 3) more = true;
    if (!more && (rule.host ?? '') !== '') shown.push(rule.host ?? '');
  }
  if (shown.length === 0) return '*';
  return more ? `${shown.join(',')} + ${list.length - 3} more...` : shown.join(',');
}

export const ingressPrinter = printer<Ingress>(
  [
    NAME_COLUMN,
    column('Class', 'string', 'The IngressClass that handles the ingress.'),
    column('Hosts', 'string', 'Host names the rules match.'),
    column('Address', 'string', 'Load-balancer addresses serving the ingress.'),
    column('Ports', 'string', 'Ports the ingress serves: 80, and 443 with TLS.'),
    AGE_COLUMN,
  ],
  (ing, now) => [
    ing.metadata?.name ?? '',
    ing.spec?.ingressClassName ?? '<none>',
    formatHosts(ing.spec?.rules),
    loadBalancerIngress(ing.status?.loadBalancer?.ingress),
    (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
    since(ing.metadata?.creationTimestamp, now),
  ],
);

export const ingressClassPrinter = printer<IngressClass>(
  [
    NAME_COLUMN,
    column('Controller', 'string', 'The controller that implements this class.'),
    column('Parameters', 'string', 'The object holding extra configuration for the class.'),
    AGE_COLUMN,
  ],
  (ic, now) => {
    const p = ic.spec?.parameters;
    const params = p === undefined ? '<none>' : `${p.kind}${p.apiGroup === undefined ? '' : `.${p.apiGroup}`}/${p.name}`;
    return [ic.metadata?.name ?? '', ic.spec?.controller ?? '', params, since(ic.metadata?.creationTimestamp, now)];
  },
);

export const networkPolicyPrinter = printer<NetworkPolicy>(
  [NAME_COLUMN, column('Pod-Selector', 'string', 'The pods the policy applies to.'), AGE_COLUMN],
  (np, now) => [np.metadata?.name ?? '', formatLabelSelector(np.spec?.podSelector ?? {}), since(np.metadata?.creationTimestamp, now)],
);
