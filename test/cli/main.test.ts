import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempHistory } from './capture.js';

const DEMO = 'fixtures/demo';

describe('chronokube apply / get / history / diff / delete', () => {
  it('applies a folder, reporting each object like kubectl, then unchanged on a second apply', async () => {
    const h = tempHistory();
    const first = await cli('apply', '-f', DEMO, '--history', h, '--as', 'alice');
    expect(first.code).toBe(0);
    expect(first.out.split('\n')).toEqual([
      'namespace/shop created',
      'configmap/web-config created',
      'deployment.apps/web created',
      'service/web created',
    ]);
    const second = await cli('apply', '-f', DEMO, '--history', h);
    expect(second.out.split('\n')).toEqual([
      'namespace/shop unchanged',
      'configmap/web-config unchanged',
      'deployment.apps/web unchanged',
      'service/web unchanged',
    ]);
  });

  it('gets objects by short name as a table, JSON or names, now and at an earlier revision', async () => {
    const h = tempHistory();
    await cli('apply', '-f', DEMO, '--history', h);
    const table = await cli('get', 'deploy', '-n', 'shop', '--history', h);
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    expect(table.out).toMatch(/^web\s+/m);
    const json = await cli('get', 'cm/web-config', '-n', 'shop', '-o', 'json', '--history', h);
    expect(JSON.parse(json.out).data).toEqual({ GREETING: 'hello' });

    const history = await cli('history', '--history', h, '-o', 'json');
    const cmRev = history.out
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; rev?: number; key?: string })
      .find((r) => r.key === 'core/configmaps/shop/web-config')?.rev;
    expect(cmRev).toBeGreaterThan(0);
    const before = await cli('get', 'configmaps', '-n', 'shop', '--history', h, '--at', String((cmRev ?? 1) - 1));
    expect(before.err).toBe('No resources found in shop namespace.');
    const names = await cli('get', 'svc', '-A', '-o', 'name', '--history', h);
    // The API server's own `kubernetes` Service is there too, as in any cluster.
    expect(names.out).toBe('service/kubernetes\nservice/web');
  });

  it('prints the history as a table, filtered by kind', async () => {
    const h = tempHistory();
    await cli('apply', '-f', DEMO, '--history', h, '--as', 'alice');
    const t = await cli('history', '--history', h, '--kind', 'deployments');
    const lines = t.out.split('\n');
    expect(lines[0]).toMatch(/^REV\s+TIME\s+ACTOR\s+CAUSE\s+VERB\s+KEY$/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/user:alice\s+-\s+apply\s+apps\/deployments\/shop\/web$/);
  });

  it('diffs two revisions as JSON Patch', async () => {
    const h = tempHistory();
    await cli('apply', '-f', DEMO, '--history', h);
    const dir = dirname(h);
    const changed = join(dir, 'cm.yaml');
    writeFileSync(changed, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n  namespace: shop\ndata:\n  GREETING: hi\n');
    const headBefore = (await cli('history', '--history', h, '-o', 'json')).out.split('\n').length;
    expect((await cli('apply', '-f', changed, '--history', h)).out).toBe('configmap/web-config configured');
    const all = (await cli('history', '--history', h, '-o', 'json')).out.split('\n').map((l) => JSON.parse(l) as { rev: number });
    const last = all[all.length - 1]?.rev ?? 0;
    expect(all.length).toBe(headBefore + 1);
    const d = await cli('diff', String(last - 1), String(last), 'cm/web-config', '-n', 'shop', '--history', h, '-o', 'json');
    const ops = JSON.parse(d.out) as { op: string; path: string; value?: unknown }[];
    expect(ops).toContainEqual({ op: 'replace', path: '/data/GREETING', value: 'hi' });
    const cluster = await cli('diff', String(last - 1), String(last), '--history', h);
    expect(cluster.out).toContain('/core/configmaps/shop/web-config/data/GREETING "hi"');
  });

  it('deletes, then reports NotFound on the second delete with a non-zero exit', async () => {
    const h = tempHistory();
    await cli('apply', '-f', DEMO, '--history', h);
    const d = await cli('delete', 'configmap', 'web-config', '-n', 'shop', '--history', h);
    expect(d.out).toBe('configmap "web-config" deleted');
    const again = await cli('delete', 'cm/web-config', '-n', 'shop', '--history', h);
    expect(again.code).toBe(1);
    expect(again.err).toBe('Error from server (NotFound): configmaps "web-config" not found');
  });

  it('reports a bad manifest, applies the good objects and exits non-zero', async () => {
    const h = tempHistory();
    const bad = join(dirname(h), 'bad.yaml');
    writeFileSync(bad, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Valid\ndata: {}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n');
    const r = await cli('apply', '-f', bad, '--history', h);
    expect(r.code).toBe(1);
    expect(r.out).toBe('configmap/fine created');
    expect(r.err).toContain('Error from server (Invalid)');
    expect(r.err).toContain('metadata.name');
  });

  it('refuses malformed YAML before writing anything', async () => {
    const h = tempHistory();
    const bad = join(dirname(h), 'broken.yaml');
    writeFileSync(bad, 'apiVersion: v1\nkind: [unclosed\n');
    const r = await cli('apply', '-f', bad, '--history', h);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: .*broken\.yaml/);
  });

  it('gives one clear line for a missing history, an unknown kind and a bad --at', async () => {
    const h = tempHistory();
    const missing = await cli('get', 'pods', '--history', h);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^error: no history at /);
    await cli('apply', '-f', DEMO, '--history', h);
    const unknown = await cli('get', 'widgets', '--history', h);
    expect(unknown.err).toBe('error: the server doesn\'t have a resource type "widgets"');
    const at = await cli('get', 'pods', '--history', h, '--at', 'yesterday');
    expect(at.err).toContain('--at wants a revision number or an RFC 3339 time');
  });

  it('runs the demo end to end', async () => {
    const h = tempHistory();
    const r = await cli('demo', '--history', h);
    expect(r.code).toBe(0);
    expect(r.out).toContain('user:bob');
    expect(r.out).toContain('/apps/deployments/shop/web/spec/replicas 3');
  });
});

describe('--at', () => {
  it('takes HEAD and HEAD~N', async () => {
    const h = tempHistory();
    await cli('apply', '-f', DEMO, '--history', h);
    const last = await cli('get', 'svc', '-n', 'shop', '--at', 'HEAD', '-o', 'name', '--history', h);
    expect(last.out).toBe('service/web');
    const before = await cli('get', 'svc', '-n', 'shop', '--at', 'HEAD~1', '-o', 'name', '--history', h);
    expect(before.err).toBe('No resources found in shop namespace.');
  });
});

describe('chronokube why', () => {
  it('explains an object back to the user who applied it', async () => {
    const h = tempHistory();
    await cli('apply', '-f', DEMO, '--history', h, '--as', 'alice');
    const r = await cli('why', 'deploy/web', '-n', 'shop', '--history', h);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^rev \d+ .* user:alice {2}apply {2}apps\/deployments\/shop\/web\n└─ a user action$/);
    const missing = await cli('why', 'deploy/nope', '-n', 'shop', '--history', h);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('was never written');
  });
});

describe('chronokube api-resources / api-versions', () => {
  it('lists resources and versions like kubectl, with CRD kinds once their CRD is applied', async () => {
    const h = tempHistory();
    await cli('apply', '-f', DEMO, '--history', h);
    const r = await cli('api-resources', '--history', h);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    expect(lines).toContainEqual(expect.stringMatching(/^pods\s+po\s+v1\s+true\s+Pod$/));
    expect(lines).toContainEqual(expect.stringMatching(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/));
    const v = await cli('api-versions', '--history', h);
    expect(v.out.split('\n')).toContain('apps/v1');
    expect(v.out.split('\n')).toContain('v1');
    const crd = join(dirname(h), 'crd.yaml');
    writeFileSync(
      crd,
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}\n',
    );
    expect((await cli('apply', '-f', crd, '--history', h)).code).toBe(0);
    const after = await cli('api-resources', '--history', h);
    expect(after.out).toMatch(/^widgets\s+wd\s+example\.com\/v1\s+true\s+Widget$/m);
    expect((await cli('api-versions', '--history', h)).out.split('\n')).toContain('example.com/v1');
  });
});

describe('chronokube get KIND,KIND', () => {
  it('lists several kinds, each table after the other, names carrying their kind', async () => {
    const h = tempHistory();
    await cli('apply', '-f', DEMO, '--history', h);
    const r = await cli('get', 'deploy,svc', '-n', 'shop', '--history', h);
    expect(r.code).toBe(0);
    const [deploys, services] = r.out.split('\n\n');
    expect(deploys).toMatch(/^NAME\s+READY/);
    expect(deploys).toMatch(/^deployment\.apps\/web\s+0\/2/m);
    expect(services).toMatch(/^service\/web\s+ClusterIP/m);
    const names = await cli('get', 'cm,svc', '-n', 'shop', '-o', 'name', '--history', h);
    expect(names.out.split('\n')).toEqual(['configmap/web-config', 'service/web']);
    const json = await cli('get', 'cm,svc', '-n', 'shop', '-o', 'json', '--history', h);
    expect((JSON.parse(json.out) as { items: { kind: string }[] }).items.map((i) => i.kind)).toEqual(['ConfigMap', 'Service']);
  });
});
