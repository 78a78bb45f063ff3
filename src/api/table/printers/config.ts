/**
 * Namespaces (STATUS), ConfigMaps (DATA), Secrets (TYPE DATA) and
 * ServiceAccounts (SECRETS, still printed in 1.32: the count of
 * `.secrets` references).
 */
import type { ConfigMap, Namespace, Secret, ServiceAccount } from 'kubernetes-types/core/v1.js';
import { AGE_COLUMN, NAME_COLUMN, column } from '../columns.js';
import { since } from '../human-duration.js';
import { printer } from '../printer.js';

const count = (o: object | undefined): number => Object.keys(o ?? {}).length;

export const namespacePrinter = printer<Namespace>(
  [NAME_COLUMN, column('Status', 'string', 'The namespace phase: Active or Terminating.'), AGE_COLUMN],
  (ns, now) => [ns.metadata?.name ?? '', ns.status?.phase ?? '', since(ns.metadata?.creationTimestamp, now)],
);

export const configMapPrinter = printer<ConfigMap>(
  [NAME_COLUMN, column('Data', 'string', 'Number of keys in data and binaryData.'), AGE_COLUMN],
  (cm, now) => [cm.metadata?.name ?? '', count(cm.data) + count(cm.binaryData), since(cm.metadata?.creationTimestamp, now)],
);

export const secretPrinter = printer<Secret>(
  [
    NAME_COLUMN,
    column('Type', 'string', 'The secret type, which says what keys its data holds.'),
    column('Data', 'string', 'Number of keys in data.'),
    AGE_COLUMN,
  ],
  (s, now) => [s.metadata?.name ?? '', s.type ?? '', count(s.data), since(s.metadata?.creationTimestamp, now)],
);

export const serviceAccountPrinter = printer<ServiceAccount>(
  [NAME_COLUMN, column('Secrets', 'string', 'Number of secrets the service account lists.'), AGE_COLUMN],
  (sa, now) => [sa.metadata?.name ?? '', (sa.secrets ?? []).length, since(sa.metadata?.creationTimestamp, now)],
);
