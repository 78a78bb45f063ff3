import { describe, expect, it } from 'vitest';
import { cli } from './capture.js';

const HISTORY = 'replays/scaled-to-zero.ckh';

describe('chronokube why --field', () => {
  it("walks back from the write that set the field's value: bob's patch set replicas to 0", async () => {
    const r = await cli('why', 'deployment/checkout', '-n', 'shop', '--field', 'spec.replicas', '--history', HISTORY);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('/spec/replicas = 0, set at revision 6:');
    expect(lines[1]).toMatch(/^rev 6 {2}2026-03-10T09:30:12Z {2}user:bob@example\.com {2}patch {2}apps\/deployments\/shop\/checkout$/);
    const json = JSON.parse((await cli('why', 'deployment/checkout', '-n', 'shop', '--field', '/spec/replicas', '--at', '5', '--history', HISTORY, '-o', 'json')).out) as { rev: number; value: unknown; tree: { write: { actor: string } } };
    expect(json).toMatchObject({ rev: 1, value: 3, tree: { write: { actor: 'user:alice@example.com' } } });
  });

  it('names a field the object does not have', async () => {
    const r = await cli('why', 'deployment/checkout', '-n', 'shop', '--field', 'spec.paused', '--history', HISTORY);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('apps/deployments/shop/checkout has no field /spec/paused at revision 13');
  });
});
