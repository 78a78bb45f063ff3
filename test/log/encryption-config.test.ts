import { describe, expect, it } from 'vitest';
import { parseEncryptionConfig } from '../../src/log/encryption-config.js';

const K32 = Buffer.alloc(32, 7).toString('base64');
const K16 = Buffer.alloc(16, 1).toString('base64');

function config(providers: string, resources = '[secrets]'): string {
  return `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: ${resources}
    providers:
${providers}`;
}

describe('parseEncryptionConfig', () => {
  it('takes the first aesgcm key to write and every key to read', () => {
    const keys = parseEncryptionConfig(
      config(`      - aesgcm:
          keys:
            - name: key2
              secret: ${K32}
            - name: key1
              secret: ${K16}
      - identity: {}`),
    );
    expect(keys.write?.name).toBe('key2');
    expect(keys.write?.secret.length).toBe(32);
    expect([...keys.read.keys()]).toEqual(['key2', 'key1']);
  });

  it('writes in plaintext when identity comes first, but still reads with the keys', () => {
    const keys = parseEncryptionConfig(
      config(`      - identity: {}
      - aesgcm:
          keys:
            - name: old
              secret: ${K32}`),
    );
    expect(keys.write).toBeUndefined();
    expect(keys.read.has('old')).toBe(true);
  });

  it.each([
    ['a wrong kind', 'apiVersion: apiserver.config.k8s.io/v1\nkind: Secret\nresources: []', 'kind must be EncryptionConfiguration'],
    ['a wrong apiVersion', 'apiVersion: v1\nkind: EncryptionConfiguration\nresources: []', 'apiVersion must be apiserver.config.k8s.io/v1'],
    ['a key of 10 bytes', config(`      - aesgcm:\n          keys:\n            - name: k\n              secret: ${Buffer.alloc(10).toString('base64')}`), 'an aesgcm key is 16, 24 or 32 bytes, not 10'],
    ['a key that is not base64', config(`      - aesgcm:\n          keys:\n            - name: k\n              secret: "not base64!"`), 'must be base64'],
    ['a key without a name', config(`      - aesgcm:\n          keys:\n            - secret: ${K32}`), '.name is required'],
    ['an unsupported provider', config(`      - aescbc:\n          keys:\n            - name: k\n              secret: ${K32}`), 'provider "aescbc" is not supported (supported: aesgcm, identity)'],
    ['another resource', config('      - identity: {}', '[secrets, configmaps]'), 'only "secrets" is encrypted by chronokube, not "configmaps"'],
    ['no providers', config('      []'), 'providers'],
    ['a reused key name', config(`      - aesgcm:\n          keys:\n            - name: k\n              secret: ${K32}\n            - name: k\n              secret: ${K16}`), 'used twice'],
    ['not YAML', ':\n  - [', 'not YAML'],
  ])('refuses %s', (_title, text, message) => {
    expect(() => parseEncryptionConfig(text)).toThrow(message);
  });
});
