import { describe, expect, it } from 'vitest';
import { compareKubeVersions, KindRegistry, stabilityOf } from '../../../src/model/kinds/index.js';

describe('KindRegistry', () => {
  const reg = new KindRegistry();

  it('resolves what kubectl get accepts', () => {
    const cases: [string, string, string][] = [
      ['po', '', 'Pod'],
      ['pods', '', 'Pod'],
      ['pod', '', 'Pod'],
      ['Pod', '', 'Pod'],
      ['svc', '', 'Service'],
      ['ns', '', 'Namespace'],
      ['no', '', 'Node'],
      ['deploy', 'apps', 'Deployment'],
      ['rs', 'apps', 'ReplicaSet'],
      ['ds', 'apps', 'DaemonSet'],
      ['sts', 'apps', 'StatefulSet'],
      ['cj', 'batch', 'CronJob'],
      ['hpa', 'autoscaling', 'HorizontalPodAutoscaler'],
      ['ing', 'networking.k8s.io', 'Ingress'],
      ['pv', '', 'PersistentVolume'],
      ['pvc', '', 'PersistentVolumeClaim'],
      ['cm', '', 'ConfigMap'],
      ['sa', '', 'ServiceAccount'],
      ['ev', '', 'Event'],
      ['ep', '', 'Endpoints'],
      ['rc', '', 'ReplicationController'],
      ['crd', 'apiextensions.k8s.io', 'CustomResourceDefinition'],
      ['crds', 'apiextensions.k8s.io', 'CustomResourceDefinition'],
      ['deployments.apps', 'apps', 'Deployment'],
      ['deploy.v1.apps', 'apps', 'Deployment'],
      ['events.events.k8s.io', 'events.k8s.io', 'Event'],
      ['DEPLOYMENT', 'apps', 'Deployment'],
    ];
    for (const [name, group, kind] of cases) {
      const k = reg.resolve(name);
      expect(k?.kind, name).toBe(kind);
      expect(k?.group, name).toBe(group);
    }
    expect(reg.resolve('nope')).toBeUndefined();
    expect(reg.resolve('pods.apps')).toBeUndefined();
  });

  it('prefers autoscaling/v2 and lists v1 too', () => {
    expect(reg.resolve('hpa')?.version).toBe('v2');
    expect(reg.versions('autoscaling')).toEqual(['v2', 'v1']);
    expect(reg.byResource('autoscaling', 'horizontalpodautoscalers', 'v1')?.version).toBe('v1');
    expect(reg.byApiVersionKind('apps/v1', 'Deployment')?.plural).toBe('deployments');
    expect(reg.byApiVersionKind('v1', 'Pod')?.namespaced).toBe(true);
  });

  it('keeps alpha versions off unless enabled', () => {
    expect(reg.byKind('coordination.k8s.io', 'v1alpha2', 'LeaseCandidate')).toBeUndefined();
    expect(reg.apiVersions()).not.toContain('coordination.k8s.io/v1alpha2');
    const alpha = new KindRegistry({ includeAlpha: true });
    expect(alpha.apiVersions()).toContain('coordination.k8s.io/v1alpha2');
    expect(alpha.versions('coordination.k8s.io')).toEqual(['v1', 'v1alpha2']);
  });

  it('lists api-versions sorted as kubectl prints them', () => {
    const v = reg.apiVersions();
    expect(v).toEqual([...v].sort());
    expect(v.at(-1)).toBe('v1');
    expect(v).toContain('apps/v1');
    expect(v).toContain('autoscaling/v1');
    expect(v).toContain('autoscaling/v2');
  });

  it('lists discovery resources sorted, with subresources, scale as autoscaling/v1', () => {
    const core = reg.resources('', 'v1').map((r) => r.name);
    expect(core).toEqual([...core].sort());
    expect(core).toContain('pods/status');
    expect(core).toContain('pods/log');
    const scale = reg.resources('apps', 'v1').find((r) => r.name === 'deployments/scale');
    expect(scale).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    const eviction = reg.resources('', 'v1').find((r) => r.name === 'pods/eviction');
    expect(eviction).toMatchObject({ group: 'policy', version: 'v1', kind: 'Eviction' });
    expect(reg.resources('', 'v1').find((r) => r.name === 'pods')).toMatchObject({ shortNames: ['po'], categories: ['all'], namespaced: true });
  });

  it('orders api-resources by group name, core first, preferred versions only', () => {
    const rows = reg.apiResources();
    expect(rows[0]?.apiVersion).toBe('v1');
    const groups = rows.map((r) => (r.apiVersion.includes('/') ? r.apiVersion.split('/')[0] : ''));
    expect(groups).toEqual([...groups].sort());
    expect(rows.filter((r) => r.name === 'horizontalpodautoscalers').map((r) => r.apiVersion)).toEqual(['autoscaling/v2']);
    expect(rows.some((r) => r.name.includes('/'))).toBe(false);
  });

  it('orders groups as kube-apiserver, custom groups last', () => {
    const r = new KindRegistry();
    r.register({ group: 'a.example.com', version: 'v1beta1', kind: 'Thing', plural: 'things', namespaced: true });
    const names = r.groups().map((g) => g.name);
    expect(names.slice(0, 5)).toEqual(['apps', 'events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'autoscaling']);
    expect(names.at(-1)).toBe('a.example.com');
    expect(r.groups().find((g) => g.name === 'autoscaling')?.preferredVersion).toBe('v2');
  });

  it('registers custom kinds and refuses to shadow built-ins', () => {
    const r = new KindRegistry();
    const w = r.register({ group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', shortNames: ['wd'], namespaced: true, categories: ['all'] });
    expect(w).toMatchObject({ custom: true, singular: 'widget', listKind: 'WidgetList', stability: 'stable' });
    expect(r.resolve('wd')?.kind).toBe('Widget');
    expect(r.category('all').map((k) => k.plural)).toContain('widgets');
    expect(() => r.register({ group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true })).toThrow(/built in/);
    expect(r.unregister('example.com', 'widgets')).toBe(1);
    expect(r.resolve('wd')).toBeUndefined();
  });

  it('sorts versions by Kubernetes priority', () => {
    const vs = ['v1alpha1', 'v2beta1', 'foo', 'v1', 'v2', 'v1beta2', 'v1beta1', 'v10'];
    expect([...vs].sort(compareKubeVersions)).toEqual(['v10', 'v2', 'v1', 'v2beta1', 'v1beta2', 'v1beta1', 'v1alpha1', 'foo']);
    expect(stabilityOf('v1alpha3')).toBe('alpha');
    expect(stabilityOf('v2beta2')).toBe('beta');
  });
});

describe('apiVersions options', () => {
  it('can list alpha versions on request', () => {
    const reg = new KindRegistry();
    expect(reg.apiVersions({ includeAlpha: true })).toContain('coordination.k8s.io/v1alpha2');
    expect(reg.apiVersions()).not.toContain('coordination.k8s.io/v1alpha2');
  });
});
