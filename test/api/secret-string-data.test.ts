import { describe, expect, it } from 'vitest';
import { alice, harness } from './harness.js';

const secrets = (name?: string) => ({ group: '', version: 'v1', resource: 'secrets', namespace: 'default', ...(name === undefined ? {} : { name }) });

describe('Secret stringData', () => {
  it('is write-only: its values land base64-encoded in data, overwriting, and it is never stored', async () => {
    const { api, store } = await harness();
    const created = await api.create(
      secrets(),
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { user: Buffer.from('old').toString('base64'), port: 'NTQzMg==' }, stringData: { user: 'admin', password: 'héllo' } },
      alice,
    );
    expect(created['stringData']).toBeUndefined();
    expect(created['data']).toEqual({ port: 'NTQzMg==', user: Buffer.from('admin').toString('base64'), password: Buffer.from('héllo', 'utf8').toString('base64') });
    expect(created['type']).toBe('Opaque');
    expect(store.head().get('core/secrets/default/db')?.['stringData']).toBeUndefined();
    const patched = await api.patch(secrets('db'), 'merge', { stringData: { password: 'new' } }, alice);
    expect((patched['data'] as Record<string, string>)['password']).toBe(Buffer.from('new').toString('base64'));
    expect(patched['stringData']).toBeUndefined();
  });
});
