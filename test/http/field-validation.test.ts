/* eslint-disable @typescript-eslint/no-explicit-any -- stored objects are read field by field as untyped JSON */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, httpHarness } from './harness.js';
import type { HttpHarness } from './harness.js';

/** A raw request: the body as given (duplicates survive), every Warning header line kept apart. */
function send(base: string, method: string, path: string, body: string, contentType = 'application/json'): Promise<{ code: number; body: Record<string, unknown>; warnings: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: { 'content-type': contentType } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const warnings: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i]?.toLowerCase() === 'warning') warnings.push(res.rawHeaders[i + 1] as string);
        resolve({ code: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>, warnings });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments';
const w = (text: string): string => `299 - "${text.replace(/"/g, '\\"')}"`;

/** kube-apiserver's own field validation test body: unknown, duplicate and both, at several depths. */
const invalidJson = (name: string): string => `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {
    "name": "${name}",
    "name": "${name}",
    "unknownMeta": "metaVal",
    "labels": {"app": "nginx"}
  },
  "spec": {
    "unknown1": "val1",
    "unknownDupe": "valDupe",
    "unknownDupe": "valDupe2",
    "paused": true,
    "paused": false,
    "selector": {"matchLabels": {"app": "nginx"}},
    "template": {
      "metadata": {"labels": {"app": "nginx"}},
      "spec": {
        "containers": [{
          "name": "nginx",
          "image": "nginx:latest",
          "unknownNested": "val1",
          "imagePullPolicy": "Always",
          "imagePullPolicy": "Never"
        }]
      }
    }
  }
}`;

const JSON_PROBLEMS = [
  'duplicate field "metadata.name"',
  'unknown field "metadata.unknownMeta"',
  'unknown field "spec.unknown1"',
  'unknown field "spec.unknownDupe"',
  'duplicate field "spec.paused"',
  'unknown field "spec.template.spec.containers[0].unknownNested"',
  'duplicate field "spec.template.spec.containers[0].imagePullPolicy"',
];

const invalidYaml = (name: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  name: ${name}
  unknownMeta: metaVal
  labels:
    app: nginx
spec:
  unknown1: val1
  unknownDupe: valDupe
  unknownDupe: valDupe2
  paused: true
  paused: false
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:latest
        unknownNested: val1
        imagePullPolicy: Always
        imagePullPolicy: Never
`;

const YAML_DUPLICATES = ['line 5: key "name" already set in map', 'line 12: key "unknownDupe" already set in map', 'line 14: key "paused" already set in map', 'line 28: key "imagePullPolicy" already set in map'];
const YAML_UNKNOWN = [
  'unknown field "metadata.unknownMeta"',
  'unknown field "spec.template.spec.containers[0].unknownNested"',
  'unknown field "spec.unknown1"',
  'unknown field "spec.unknownDupe"',
];

const validDeployment = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: 'nginx' } },
  spec: {
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:latest' }, { name: 'side', image: 'busybox' }] },
    },
    ...extra,
  },
});

let h: HttpHarness;
beforeAll(async () => {
  h = await httpHarness();
});
afterAll(async () => {
  await h.close();
});

async function stored(name: string): Promise<Record<string, any>> {
  const got = await call(h.base, `${DEPLOYMENTS}/${name}`);
  expect(got.code).toBe(200);
  return got.body as Record<string, any>;
}

describe('create and update (POST, PUT)', () => {
  it('Strict refuses unknown and duplicate fields with kube-apiserver\'s message, in document order, and stores nothing', async () => {
    const r = await send(h.base, 'POST', `${DEPLOYMENTS}?fieldValidation=Strict`, invalidJson('strict'));
    expect(r.code).toBe(400);
    expect(r.body['reason']).toBe('BadRequest');
    expect(r.body['message']).toBe(`Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ${JSON_PROBLEMS.join(', ')}`);
    expect(r.warnings).toEqual([]);
    expect((await call(h.base, `${DEPLOYMENTS}/strict`)).code).toBe(404);
  });

  it('Warn creates the object without its unknown fields and sends one Warning per problem', async () => {
    const r = await send(h.base, 'POST', `${DEPLOYMENTS}?fieldValidation=Warn`, invalidJson('warn'));
    expect(r.code).toBe(201);
    expect(r.warnings).toEqual(JSON_PROBLEMS.map(w));
    const obj = await stored('warn');
    expect(obj['metadata']['unknownMeta']).toBeUndefined();
    expect(obj['spec']['unknown1']).toBeUndefined();
    expect(obj['spec']['unknownDupe']).toBeUndefined();
    expect(obj['spec']['paused']).toBe(false);
    expect(obj['spec']['template']['spec']['containers'][0]['unknownNested']).toBeUndefined();
    expect(obj['spec']['template']['spec']['containers'][0]['imagePullPolicy']).toBe('Never');
  });

  it('without the parameter the server warns, as kube-apiserver does', async () => {
    const r = await send(h.base, 'POST', DEPLOYMENTS, invalidJson('default'));
    expect(r.code).toBe(201);
    expect(r.warnings).toEqual(JSON_PROBLEMS.map(w));
  });

  it('Ignore creates silently, still without the unknown fields', async () => {
    const r = await send(h.base, 'POST', `${DEPLOYMENTS}?fieldValidation=Ignore`, invalidJson('ignore'));
    expect(r.code).toBe(201);
    expect(r.warnings).toEqual([]);
    expect((await stored('ignore'))['spec']['unknown1']).toBeUndefined();
  });

  it('YAML bodies: go-yaml\'s duplicate-key lines, then unknown fields in key order', async () => {
    const strict = await send(h.base, 'POST', `${DEPLOYMENTS}?fieldValidation=Strict`, invalidYaml('yaml-strict'), 'application/yaml');
    expect(strict.code).toBe(400);
    expect(strict.body['message']).toBe(
      `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: yaml: unmarshal errors:\n${YAML_DUPLICATES.map((l) => `  ${l}`).join('\n')}, ${YAML_UNKNOWN.join(', ')}`,
    );
    const warn = await send(h.base, 'POST', `${DEPLOYMENTS}?fieldValidation=Warn`, invalidYaml('yaml-warn'), 'application/yaml');
    expect(warn.code).toBe(201);
    expect(warn.warnings).toEqual([...YAML_DUPLICATES, ...YAML_UNKNOWN].map(w));
  });

  it('a valid body passes Strict without warnings', async () => {
    const r = await send(h.base, 'POST', `${DEPLOYMENTS}?fieldValidation=Strict`, JSON.stringify(validDeployment('valid')));
    expect(r.code).toBe(201);
    expect(r.warnings).toEqual([]);
  });

  it('PUT: the same checks on an update', async () => {
    const strict = await send(h.base, 'PUT', `${DEPLOYMENTS}/valid?fieldValidation=Strict`, invalidJson('valid'));
    expect(strict.code).toBe(400);
    expect(strict.body['message']).toContain(`strict decoding error: ${JSON_PROBLEMS.join(', ')}`);
    const warn = await send(h.base, 'PUT', `${DEPLOYMENTS}/valid?fieldValidation=Warn`, invalidJson('valid'));
    expect(warn.code).toBe(200);
    expect(warn.warnings).toEqual(JSON_PROBLEMS.map(w));
    expect((await stored('valid'))['spec']['paused']).toBe(false);
  });

  it('warnings go out with an answer that then fails', async () => {
    const body = JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'no-selector' }, spec: { replicaz: 1, template: { spec: {} } } });
    const r = await send(h.base, 'POST', `${DEPLOYMENTS}?fieldValidation=Warn`, body);
    expect(r.code).toBe(422);
    expect(r.warnings).toEqual([w('unknown field "spec.replicaz"')]);
  });

  it('warning texts are quoted and escaped as kube-apiserver does; non-ASCII names travel as UTF-8', async () => {
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'odd' }, data: {}, 'qu"ote\\': 1, 'new\nline': 2, 'café': 3 });
    const r = await send(h.base, 'POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Warn', body);
    expect(r.code).toBe(201);
    expect(r.warnings.map((v) => Buffer.from(v, 'latin1').toString('utf8'))).toEqual([
      String.raw`299 - "unknown field \"qu\\\"ote\\\\\""`,
      String.raw`299 - "unknown field \"new\\nline\""`,
      String.raw`299 - "unknown field \"café\""`,
    ]);
  });

  it('metadata typos are unknown fields too', async () => {
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', lables: { a: 'b' } }, data: { k: 'v' } });
    const r = await send(h.base, 'POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', body);
    expect(r.code).toBe(400);
    expect(r.body['message']).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata.lables"');
  });

  it('status written through /status is checked against the whole kind', async () => {
    const cur = await stored('valid');
    const body = JSON.stringify({ ...cur, status: { replicas: 0, readyReplicaz: 1 } });
    const r = await send(h.base, 'PUT', `${DEPLOYMENTS}/valid/status?fieldValidation=Strict`, body);
    expect(r.code).toBe(400);
    expect(r.body['message']).toContain('strict decoding error: unknown field "status.readyReplicaz"');
  });
});

describe('patches', () => {
  const mergePatch = `{
  "spec": {
    "unknown1": "val1",
    "unknownDupe": "valDupe",
    "unknownDupe": "valDupe2",
    "paused": true,
    "paused": false,
    "template": {"spec": {"containers": [{
      "name": "nginx",
      "image": "nginx:latest",
      "unknownNested": "val1",
      "imagePullPolicy": "Always",
      "imagePullPolicy": "Never"
    }]}}
  }
}`;
  const MERGE_PROBLEMS = [
    'duplicate field "spec.unknownDupe"',
    'duplicate field "spec.paused"',
    'duplicate field "spec.template.spec.containers[0].imagePullPolicy"',
    'unknown field "spec.template.spec.containers[0].unknownNested"',
    'unknown field "spec.unknown1"',
    'unknown field "spec.unknownDupe"',
  ];

  beforeAll(async () => {
    for (const name of ['p-merge', 'p-smp', 'p-json']) {
      expect((await send(h.base, 'POST', DEPLOYMENTS, JSON.stringify(validDeployment(name)))).code).toBe(201);
    }
  });

  it('merge patch: duplicates of the patch, then unknown fields of the patched object', async () => {
    const strict = await send(h.base, 'PATCH', `${DEPLOYMENTS}/p-merge?fieldValidation=Strict`, mergePatch, 'application/merge-patch+json');
    expect(strict.code).toBe(400);
    expect(strict.body['message']).toBe(`strict decoding error: ${MERGE_PROBLEMS.join(', ')}`);
    expect((await stored('p-merge'))['spec']['paused']).toBeUndefined();
    const warn = await send(h.base, 'PATCH', `${DEPLOYMENTS}/p-merge?fieldValidation=Warn`, mergePatch, 'application/merge-patch+json');
    expect(warn.code).toBe(200);
    expect(warn.warnings).toEqual(MERGE_PROBLEMS.map(w));
    const obj = await stored('p-merge');
    expect(obj['spec']['paused']).toBe(false);
    expect(obj['spec']['unknown1']).toBeUndefined();
    expect(obj['spec']['template']['spec']['containers']).toEqual([expect.objectContaining({ name: 'nginx', imagePullPolicy: 'Never' })]);
    expect(obj['spec']['template']['spec']['containers'][0]['unknownNested']).toBeUndefined();
  });

  it('strategic merge patch: list items merged by key are reported at their place in the result; directives are not fields', async () => {
    const patch = JSON.stringify({
      spec: {
        replicaz: 2,
        template: { spec: { containers: [{ name: 'side', imagee: 'x', image: 'busybox:2' }] } },
      },
    });
    const strict = await send(h.base, 'PATCH', `${DEPLOYMENTS}/p-smp?fieldValidation=Strict`, patch, 'application/strategic-merge-patch+json');
    expect(strict.code).toBe(400);
    expect(strict.body['message']).toBe('strict decoding error: unknown field "spec.replicaz", unknown field "spec.template.spec.containers[1].imagee"');
    const withDirective = JSON.stringify({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'side' }, { name: 'nginx' }], containers: [{ name: 'side', imagee: 'x', image: 'busybox:2' }] } } } });
    const warn = await send(h.base, 'PATCH', `${DEPLOYMENTS}/p-smp?fieldValidation=Warn`, withDirective, 'application/strategic-merge-patch+json');
    expect(warn.code).toBe(200);
    expect(warn.warnings).toEqual([w('unknown field "spec.template.spec.containers[0].imagee"')]);
    const containers = (await stored('p-smp'))['spec']['template']['spec']['containers'];
    expect(containers.map((c: { name: string }) => c.name)).toEqual(['side', 'nginx']);
    expect(containers[0]).toEqual(expect.objectContaining({ name: 'side', image: 'busybox:2' }));
    expect(containers[0]['imagee']).toBeUndefined();
  });

  it('JSON Patch: unknown and duplicate keys of its operations, then unknown fields of the result; Warn drops the operations that write them', async () => {
    const ops = `[
      {"op": "add", "path": "/spec/unknown1", "value": "val1", "foo": "bar"},
      {"op": "add", "path": "/spec/unknown2", "path": "/spec/unknown3", "value": "val1"},
      {"op": "add", "path": "/spec/paused", "value": true},
      {"op": "add", "path": "/spec/template/spec/containers/0/unknownNested", "value": "val1"},
      {"op": "replace", "path": "/spec/template/spec/containers/1", "value": {"name": "side", "image": "b:2", "imagee": "x"}}
    ]`;
    const strict = await send(h.base, 'PATCH', `${DEPLOYMENTS}/p-json?fieldValidation=Strict`, ops, 'application/json-patch+json');
    expect(strict.code).toBe(400);
    expect(strict.body['message']).toBe(
      'strict decoding error: json patch unknown field "[0].foo", json patch duplicate field "[1].path", unknown field "spec.template.spec.containers[0].unknownNested", unknown field "spec.template.spec.containers[1].imagee", unknown field "spec.unknown1", unknown field "spec.unknown3"',
    );
    const warn = await send(h.base, 'PATCH', `${DEPLOYMENTS}/p-json?fieldValidation=Warn`, ops, 'application/json-patch+json');
    expect(warn.code).toBe(200);
    expect(warn.warnings).toHaveLength(6);
    const obj = await stored('p-json');
    expect(obj['spec']['paused']).toBe(true);
    expect(obj['spec']['unknown3']).toBeUndefined();
    expect(obj['spec']['template']['spec']['containers'][1]).toEqual(expect.objectContaining({ name: 'side', image: 'b:2' }));
    expect(obj['spec']['template']['spec']['containers'][1]['imagee']).toBeUndefined();
  });

  it('a patch of known fields passes Strict without warnings', async () => {
    const r = await send(h.base, 'PATCH', `${DEPLOYMENTS}/p-json?fieldValidation=Strict`, JSON.stringify({ spec: { minReadySeconds: 5 } }), 'application/strategic-merge-patch+json');
    expect(r.code).toBe(200);
    expect(r.warnings).toEqual([]);
  });

  it('the scale subresource is checked against Scale', async () => {
    const r = await send(h.base, 'PATCH', `${DEPLOYMENTS}/p-json/scale?fieldValidation=Strict`, JSON.stringify({ spec: { replicaz: 3 } }), 'application/merge-patch+json');
    expect(r.code).toBe(400);
    expect(r.body['message']).toBe('strict decoding error: unknown field "spec.replicaz"');
    const ok = await send(h.base, 'PATCH', `${DEPLOYMENTS}/p-json/scale?fieldValidation=Strict`, JSON.stringify({ spec: { replicas: 3 } }), 'application/merge-patch+json');
    expect(ok.code).toBe(200);
    expect((await stored('p-json'))['spec']['replicas']).toBe(3);
  });

  it('a patch that does not apply is answered by the api, not by field validation', async () => {
    const r = await send(h.base, 'PATCH', `${DEPLOYMENTS}/p-json?fieldValidation=Strict`, '[{"op": "remove", "path": "/spec/nothing"}]', 'application/json-patch+json');
    expect(r.code).not.toBe(200);
    expect(String(r.body['message'])).not.toContain('strict decoding error');
  });
});

describe('server-side apply', () => {
  const apply = (name: string, mode: string, body: string) =>
    send(h.base, 'PATCH', `${DEPLOYMENTS}/${name}?fieldManager=mgr${mode === '' ? '' : `&fieldValidation=${mode}`}`, body, 'application/apply-patch+yaml');

  it('refuses an unknown field in every mode with structured-merge-diff\'s 500', async () => {
    for (const mode of ['Strict', 'Warn', 'Ignore']) {
      const body = JSON.stringify({ ...validDeployment('ssa'), metadata: { name: 'ssa', namespace: 'default' }, spec: { ...validDeployment('ssa').spec, replicaz: 3 } });
      const r = await apply('ssa', mode, body);
      expect(r.code, mode).toBe(500);
      expect(r.body['reason']).toBeUndefined();
      expect(r.body['message']).toBe('failed to create typed patch object (default/ssa; apps/v1, Kind=Deployment): .spec.replicaz: field not declared in schema');
    }
    expect((await call(h.base, `${DEPLOYMENTS}/ssa`)).code).toBe(404);
  });

  it('duplicate keys: Strict refuses with go-yaml\'s lines, Warn warns and applies', async () => {
    const body = `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {
    "name": "ssa-dup",
    "labels": {"app": "nginx"}
  },
  "spec": {
    "paused": false,
    "paused": true,
    "selector": {"matchLabels": {"app": "nginx"}},
    "template": {
      "metadata": {"labels": {"app": "nginx"}},
      "spec": {"containers": [{"name": "nginx", "image": "nginx:latest", "imagePullPolicy": "Never", "imagePullPolicy": "Always"}]}
    }
  }
}`;
    const strict = await apply('ssa-dup', 'Strict', body);
    expect(strict.code).toBe(400);
    expect(strict.body['message']).toBe(
      'error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n  line 10: key "paused" already set in map\n  line 14: key "imagePullPolicy" already set in map',
    );
    const warn = await apply('ssa-dup', 'Warn', body);
    expect(warn.code).toBe(201);
    expect(warn.warnings).toEqual([w('line 10: key "paused" already set in map'), w('line 14: key "imagePullPolicy" already set in map')]);
    expect((await stored('ssa-dup'))['spec']['paused']).toBe(true);
    const ignore = await apply('ssa-dup', 'Ignore', body);
    expect(ignore.code).toBe(200);
    expect(ignore.warnings).toEqual([]);
  });
});

describe('custom resources', () => {
  beforeAll(async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    properties: {
                      knownField1: { type: 'string' },
                      ports: { type: 'array', items: { type: 'object', properties: { containerPort: { type: 'integer' }, hostPort: { type: 'integer' } } } },
                      free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                    },
                  },
                },
              },
            },
          },
        ],
      },
    };
    expect((await call(h.base, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { method: 'POST', json: crd })).code).toBe(201);
  });
  const WIDGETS = '/apis/example.com/v1/namespaces/default/widgets';
  const cr = (name: string) => `{
  "apiVersion": "example.com/v1",
  "kind": "Widget",
  "metadata": {"name": "${name}", "name": "${name}", "unknownMeta": 1},
  "spec": {
    "unknown1": "val1",
    "unknownDupe": "a",
    "unknownDupe": "b",
    "knownField1": "x",
    "knownField1": "y",
    "free": {"anything": {"goes": true}},
    "ports": [{"containerPort": 80, "hostPort": 1, "hostPort": 2, "unknownNested": "v"}]
  }
}`;
  const CR_PROBLEMS = [
    'duplicate field "metadata.name"',
    'duplicate field "spec.unknownDupe"',
    'duplicate field "spec.knownField1"',
    'duplicate field "spec.ports[0].hostPort"',
    'unknown field "metadata.unknownMeta"',
    'unknown field "spec.ports[0].unknownNested"',
    'unknown field "spec.unknown1"',
    'unknown field "spec.unknownDupe"',
  ];

  it('fields outside the structural schema are unknown unless x-kubernetes-preserve-unknown-fields; duplicates come first', async () => {
    const strict = await send(h.base, 'POST', `${WIDGETS}?fieldValidation=Strict`, cr('w1'));
    expect(strict.code).toBe(400);
    expect(strict.body['message']).toBe(`Widget in version "v1" cannot be handled as a Widget: strict decoding error: ${CR_PROBLEMS.join(', ')}`);
    const warn = await send(h.base, 'POST', `${WIDGETS}?fieldValidation=Warn`, cr('w1'));
    expect(warn.code).toBe(201);
    expect(warn.warnings).toEqual(CR_PROBLEMS.map(w));
    const got = (await call(h.base, `${WIDGETS}/w1`)).body as Record<string, any>;
    expect(got['metadata']['unknownMeta']).toBeUndefined();
    expect(got['spec']).toEqual({ knownField1: 'y', free: { anything: { goes: true } }, ports: [{ containerPort: 80, hostPort: 2 }] });
  });

  it('server-side apply of a custom resource refuses fields outside its schema', async () => {
    const body = JSON.stringify({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w2', namespace: 'default' }, spec: { knownFeild1: 'x' } });
    const r = await send(h.base, 'PATCH', `${WIDGETS}/w2?fieldManager=m&fieldValidation=Ignore`, body, 'application/apply-patch+yaml');
    expect(r.code).toBe(500);
    expect(r.body['message']).toBe('failed to create typed patch object (default/w2; example.com/v1, Kind=Widget): .spec.knownFeild1: field not declared in schema');
  });
});
