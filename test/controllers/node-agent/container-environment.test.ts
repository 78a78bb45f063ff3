import type { Container, EnvFromSource, EnvVar, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { expandVariables, isRelaxedEnvVarName, resolveEnvironment } from '../../../src/controllers/node-agent/container-environment.js';
import type { KubeObject } from '../../../src/model/index.js';
import { configMap, secret, viewOf } from './fake-view.js';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default', uid: 'u-1', labels: { app: 'web', tier: 'fe' }, annotations: { note: 'n' } },
  spec: { nodeName: 'node-1', serviceAccountName: 'default', containers: [] },
};

const view = viewOf([
  configMap('app', { LOG_LEVEL: 'debug', 'app.mode': 'blue', SHARED: 'from-cm' }),
  secret('creds', { PASSWORD: 's3cret', SHARED: 'from-secret' }),
]);

function container(env: EnvVar[] = [], envFrom: EnvFromSource[] = []): Container {
  return { name: 'app', image: 'nginx', env, envFrom };
}

describe('resolveEnvironment', () => {
  // Decision table after kubelet_pods.go makeEnvironmentVariables (1.32).
  const cases: Array<{ title: string; env?: EnvVar[]; envFrom?: EnvFromSource[]; expect: Record<string, string> | string }> = [
    { title: 'a plain value', env: [{ name: 'A', value: 'x' }], expect: { A: 'x' } },
    { title: 'configMapKeyRef', env: [{ name: 'L', valueFrom: { configMapKeyRef: { name: 'app', key: 'LOG_LEVEL' } } }], expect: { L: 'debug' } },
    { title: 'secretKeyRef is decoded', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'creds', key: 'PASSWORD' } } }], expect: { P: 's3cret' } },
    { title: 'missing ConfigMap', env: [{ name: 'L', valueFrom: { configMapKeyRef: { name: 'nope', key: 'K' } } }], expect: 'configmap "nope" not found' },
    { title: 'missing ConfigMap key', env: [{ name: 'L', valueFrom: { configMapKeyRef: { name: 'app', key: 'MISSING' } } }], expect: "couldn't find key MISSING in ConfigMap default/app" },
    { title: 'missing Secret', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'gone', key: 'K' } } }], expect: 'secret "gone" not found' },
    { title: 'missing Secret key', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'creds', key: 'TOKEN' } } }], expect: "couldn't find key TOKEN in Secret default/creds" },
    { title: 'optional missing ConfigMap skips the variable', env: [{ name: 'L', valueFrom: { configMapKeyRef: { name: 'nope', key: 'K', optional: true } } }], expect: {} },
    { title: 'optional missing key skips the variable', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'creds', key: 'TOKEN', optional: true } } }], expect: {} },
    { title: 'envFrom ConfigMap with prefix', envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'app' } }], expect: { CFG_LOG_LEVEL: 'debug', 'CFG_app.mode': 'blue', CFG_SHARED: 'from-cm' } },
    { title: 'envFrom: a later source overrides', envFrom: [{ configMapRef: { name: 'app' } }, { secretRef: { name: 'creds' } }], expect: { LOG_LEVEL: 'debug', 'app.mode': 'blue', SHARED: 'from-secret', PASSWORD: 's3cret' } },
    { title: 'envFrom missing Secret', envFrom: [{ secretRef: { name: 'gone' } }], expect: 'secret "gone" not found' },
    { title: 'envFrom optional missing source', envFrom: [{ configMapRef: { name: 'nope', optional: true } }], expect: {} },
    { title: 'env overrides envFrom', envFrom: [{ configMapRef: { name: 'app' } }], env: [{ name: 'SHARED', value: 'mine' }], expect: { LOG_LEVEL: 'debug', 'app.mode': 'blue', SHARED: 'mine' } },
    {
      title: '$(VAR) expands against earlier variables only',
      env: [
        { name: 'A', value: 'a' },
        { name: 'B', value: '$(A)-$(C)-$$(A)' },
        { name: 'C', value: 'c' },
      ],
      expect: { A: 'a', B: 'a-$(C)-$(A)', C: 'c' },
    },
    {
      title: 'fieldRef',
      env: [
        { name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        { name: 'T', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } },
        { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      ],
      expect: { N: 'web-1', NS: 'default', T: 'fe', NODE: 'node-1', IP: '10.244.1.2' },
    },
    { title: 'the first failure wins', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'K' } } }, { name: 'Y', valueFrom: { secretKeyRef: { name: 'gone', key: 'K' } } }], expect: 'configmap "nope" not found' },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const r = resolveEnvironment(view, pod, container(c.env, c.envFrom), { podIPs: ['10.244.1.2'] });
      if (typeof c.expect === 'string') expect(r).toEqual({ ok: false, message: c.expect });
      else expect(r).toEqual({ ok: true, env: c.expect, warnings: [] });
    });
  }

  it('returns the variables sorted by name', () => {
    const r = resolveEnvironment(view, pod, container([{ name: 'Z', value: '1' }, { name: 'A', value: '2' }]));
    expect(r.ok && Object.keys(r.env)).toEqual(['A', 'Z']);
  });

  it('skips envFrom names the relaxed rule refuses, with the InvalidEnvironmentVariableNames message', () => {
    const v = viewOf([configMap('odd', { ok: '1', 'a=b': '2' })]);
    const r = resolveEnvironment(v, pod, container([], [{ configMapRef: { name: 'odd' } }]));
    expect(r).toEqual({
      ok: true,
      env: { ok: '1' },
      warnings: ['Keys [a=b] from the EnvFrom configMap default/odd were skipped since they are considered invalid environment variable names.'],
    });
  });
});

describe('isRelaxedEnvVarName', () => {
  it('accepts printable ASCII but "=", refuses empty and non-ASCII', () => {
    for (const good of ['A', '1badkey', 'a.b-c', 'Logging:Level', 'a b', '~']) expect(isRelaxedEnvVarName(good)).toBe(true);
    for (const bad of ['', '=', 'a=b', 'é', 'a\tb']) expect(isRelaxedEnvVarName(bad)).toBe(false);
  });
});

describe('expandVariables', () => {
  const lookup = (n: string): string | undefined => ({ A: 'x', EMPTY: '' })[n];
  it.each([
    ['$(A)', 'x'],
    ['$(A)$(A)', 'xx'],
    ['$$(A)', '$(A)'],
    ['$(B)', '$(B)'],
    ['$(EMPTY)!', '!'],
    ['a$b', 'a$b'],
    ['end$', 'end$'],
    ['$(unclosed', '$(unclosed'],
  ])('%s → %s', (input, out) => {
    expect(expandVariables(input, lookup)).toBe(out);
  });
});

describe('resourceFieldRef', () => {
  const node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', namespace: '' },
    status: { allocatable: { cpu: '4', memory: '8092Mi', 'ephemeral-storage': '100Gi' } },
  } as unknown as KubeObject;
  const v = viewOf([node]);
  const p: Pod = {
    metadata: { name: 'p', namespace: 'default' },
    spec: { nodeName: 'node-1', containers: [{ name: 'app', resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m', memory: '64Mi' } } }, { name: 'side' }] },
  };
  const ref = (resource: string, divisor?: string, containerName?: string): EnvVar => ({
    name: 'R',
    valueFrom: { resourceFieldRef: { resource, ...(divisor === undefined ? {} : { divisor }), ...(containerName === undefined ? {} : { containerName }) } },
  });
  it.each([
    ['limits.cpu', undefined, undefined, '1'],
    ['limits.cpu', '1m', undefined, '500'],
    ['requests.cpu', '1m', undefined, '250'],
    ['limits.memory', undefined, undefined, String(128 * 1024 * 1024)],
    ['limits.memory', '1Mi', undefined, '128'],
    ['requests.memory', '1Mi', undefined, '64'],
    ['limits.cpu', undefined, 'side', '4'],
    ['limits.memory', '1Mi', 'side', '8092'],
    ['requests.cpu', undefined, 'side', '0'],
  ])('%s divisor %s of %s → %s', (resource, divisor, container, expected) => {
    const r = resolveEnvironment(v, p, { name: 'app', env: [ref(resource, divisor, container)] });
    expect(r.ok && r.env['R']).toBe(expected);
  });
});
