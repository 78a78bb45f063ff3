import { describe, expect, it } from 'vitest';
import { MESSAGES, messageOfKind, missingMessages, protobufKinds } from '../../../src/http/protobuf/message-tables.js';

describe('protobuf message tables', () => {
  it('define every message they refer to', () => {
    expect(missingMessages()).toEqual([]);
  });

  it('give every readable kind a table whose metadata is ObjectMeta (DeleteOptions aside)', () => {
    const kinds = protobufKinds();
    expect(kinds).toEqual(expect.arrayContaining(['apps/v1/Deployment', 'v1/Secret', 'batch/v1/CronJob', 'networking.k8s.io/v1/Ingress', 'authorization.k8s.io/v1/SelfSubjectAccessReview']));
    for (const k of kinds) {
      const slash = k.lastIndexOf('/');
      const message = messageOfKind(k.slice(0, slash), k.slice(slash + 1));
      expect(message, k).toBeDefined();
      const table = MESSAGES.get(message ?? '');
      expect(table, k).toBeDefined();
      if (message !== 'DeleteOptions') expect(table?.get(1)?.type, k).toEqual({ message: 'ObjectMeta' });
    }
  });

  it('know no kind under another apiVersion, nor Object.prototype names', () => {
    expect(messageOfKind('apps/v1beta1', 'Deployment')).toBeUndefined();
    expect(messageOfKind('v1', 'Deployment')).toBeUndefined();
    expect(messageOfKind('constructor', 'toString')).toBeUndefined();
  });

  it('use each JSON name once per message', () => {
    for (const [name, table] of MESSAGES) {
      const jsonNames = [...table.values()].filter((f) => !f.inline).map((f) => f.json);
      expect(new Set(jsonNames).size, name).toBe(jsonNames.length);
    }
  });
});
