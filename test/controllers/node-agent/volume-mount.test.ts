import type { Pod, Volume } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { podConfigProblems } from '../../../src/controllers/node-agent/config-problems.js';
import { mountFailedMessage, mountVolume } from '../../../src/controllers/node-agent/volume-mount.js';
import { configMap, secret, viewOf } from './fake-view.js';

const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u', labels: { b: '2', a: '1' } }, spec: { containers: [] } };
const view = viewOf([
  configMap('app', { 'app.conf': 'x=1', mode: 'blue' }, { binaryData: { 'logo.bin': Buffer.from('PNG').toString('base64') } }),
  secret('tls', { 'tls.crt': 'CERT', 'tls.key': 'KEY' }),
  configMap('kube-root-ca.crt', { 'ca.crt': 'ROOT' }),
]);

describe('mountVolume', () => {
  const cases: Array<{ title: string; volume: Volume; expect: Record<string, string> | string }> = [
    { title: 'configMap: every key, binaryData decoded', volume: { name: 'v', configMap: { name: 'app' } }, expect: { 'app.conf': 'x=1', 'logo.bin': 'PNG', mode: 'blue' } },
    { title: 'configMap items map keys to paths', volume: { name: 'v', configMap: { name: 'app', items: [{ key: 'mode', path: 'conf/mode.txt' }] } }, expect: { 'conf/mode.txt': 'blue' } },
    { title: 'configMap missing', volume: { name: 'v', configMap: { name: 'nope' } }, expect: 'configmap "nope" not found' },
    { title: 'configMap item key missing', volume: { name: 'v', configMap: { name: 'app', items: [{ key: 'gone', path: 'g' }] } }, expect: 'configmap references non-existent config key: gone' },
    { title: 'optional configMap missing: empty', volume: { name: 'v', configMap: { name: 'nope', optional: true } }, expect: {} },
    { title: 'optional configMap, missing item left out', volume: { name: 'v', configMap: { name: 'app', optional: true, items: [{ key: 'gone', path: 'g' }, { key: 'mode', path: 'm' }] } }, expect: { m: 'blue' } },
    { title: 'secret decoded', volume: { name: 'v', secret: { secretName: 'tls' } }, expect: { 'tls.crt': 'CERT', 'tls.key': 'KEY' } },
    { title: 'secret missing', volume: { name: 'v', secret: { secretName: 'gone' } }, expect: 'secret "gone" not found' },
    { title: 'secret item key missing', volume: { name: 'v', secret: { secretName: 'tls', items: [{ key: 'ca.crt', path: 'ca' }] } }, expect: 'references non-existent secret key: ca.crt' },
    { title: 'emptyDir mounts empty', volume: { name: 'v', emptyDir: {} }, expect: {} },
    {
      title: 'projected: the service-account volume of 1.32',
      volume: {
        name: 'kube-api-access-abcde',
        projected: {
          sources: [
            { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }, { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
          ],
        },
      },
      expect: { 'ca.crt': 'ROOT', labels: 'a="1"\nb="2"', namespace: 'default', token: 'simulated-token:default' },
    },
    { title: 'projected: one failing source', volume: { name: 'v', projected: { sources: [{ configMap: { name: 'nope' } }, { secret: { name: 'tls' } }] } }, expect: 'configmap "nope" not found' },
    { title: 'projected: several failing sources aggregate', volume: { name: 'v', projected: { sources: [{ configMap: { name: 'nope' } }, { secret: { name: 'gone' } }] } }, expect: '[configmap "nope" not found, secret "gone" not found]' },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const r = mountVolume(view, pod, c.volume);
      if (typeof c.expect === 'string') expect(r).toEqual({ ok: false, message: c.expect });
      else expect(r).toEqual({ ok: true, files: c.expect });
    });
  }

  it('words the FailedMount event as the volume reconciler does', () => {
    expect(mountFailedMessage('config', 'configmap "x" not found')).toBe('MountVolume.SetUp failed for volume "config" : configmap "x" not found');
  });
});

describe('podConfigProblems', () => {
  it('lists failing volumes and containers with the kubelet message and what they wait for', () => {
    const p: Pod = {
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        volumes: [
          { name: 'ok', configMap: { name: 'app' } },
          { name: 'config', configMap: { name: 'settings' } },
        ],
        containers: [
          { name: 'a', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'app', key: 'LOG_LEVEL' } } }] },
          { name: 'b', envFrom: [{ secretRef: { name: 'creds' } }] },
          { name: 'c', env: [{ name: 'Y', value: '1' }] },
        ],
      },
    };
    expect(podConfigProblems(view, p)).toEqual([
      { where: 'volume "config"', reason: 'FailedMount', message: 'configmap "settings" not found', waitsFor: { kind: 'ConfigMap', namespace: 'default', name: 'settings' } },
      {
        where: 'container "a"',
        reason: 'CreateContainerConfigError',
        message: "couldn't find key LOG_LEVEL in ConfigMap default/app",
        waitsFor: { kind: 'ConfigMap', namespace: 'default', name: 'app', key: 'LOG_LEVEL' },
      },
      { where: 'container "b"', reason: 'CreateContainerConfigError', message: 'secret "creds" not found', waitsFor: { kind: 'Secret', namespace: 'default', name: 'creds' } },
    ]);
    expect(podConfigProblems(view, { metadata: { name: 'q', namespace: 'default' }, spec: { containers: [{ name: 'x' }] } })).toEqual([]);
  });
});
