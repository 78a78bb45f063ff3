import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../../../src/model/index.js';
import { toTable } from '../../../../src/api/table/index.js';
import { HOUR, MIN, NOW, SEC, ago, columnNames, row } from '../fixtures.js';

type Status = NonNullable<Pod['status']>;

const running = (name: string, ready = true, restartCount = 0): ContainerStatus => ({
  name,
  image: `${name}:1`,
  imageID: '',
  ready,
  restartCount,
  started: true,
  state: { running: { startedAt: ago(4 * MIN) } },
});
const waiting = (name: string, reason: string, restartCount = 0): ContainerStatus => ({
  name,
  image: `${name}:1`,
  imageID: '',
  ready: false,
  restartCount,
  state: { waiting: { reason } },
});
const terminated = (name: string, t: { exitCode: number; reason?: string; signal?: number }, restartCount = 0): ContainerStatus => ({
  name,
  image: `${name}:1`,
  imageID: '',
  ready: false,
  restartCount,
  state: { terminated: t },
});

function pod(status: Status, spec: Partial<NonNullable<Pod['spec']>> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-7d4b9c-x2x9q', namespace: 'default', creationTimestamp: ago(5 * MIN), ...meta },
    spec: { containers: [{ name: 'app', image: 'app:1' }], ...spec },
    status,
  };
}

const cells = (p: KubeObject) => row('', 'Pod', p);
const summary = (p: KubeObject) => {
  const r = cells(p);
  return [r['Ready'], r['Status'], r['Restarts']];
};

const READY_COND = [
  { type: 'Initialized', status: 'True' },
  { type: 'Ready', status: 'True' },
  { type: 'PodScheduled', status: 'True' },
];

describe('pod columns', () => {
  it('are NAME READY STATUS RESTARTS AGE, then the wide ones', () => {
    expect(columnNames('', 'Pod')).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP*', 'Node*', 'Nominated Node*', 'Readiness Gates*']);
  });

  it('shows a running pod with its IP and node', () => {
    const p = pod(
      { phase: 'Running', podIP: '10.244.1.7', podIPs: [{ ip: '10.244.1.7' }], conditions: READY_COND, containerStatuses: [running('app')] },
      { nodeName: 'worker-1' },
    );
    expect(cells(p)).toEqual({
      Name: 'web-7d4b9c-x2x9q',
      Ready: '1/1',
      Status: 'Running',
      Restarts: '0',
      Age: '5m',
      IP: '10.244.1.7',
      Node: 'worker-1',
      'Nominated Node': '<none>',
      'Readiness Gates': '<none>',
    });
  });

  it('counts readiness gates whose condition is True', () => {
    const p = pod(
      { phase: 'Running', conditions: [...READY_COND, { type: 'example.com/lb', status: 'True' }] },
      { readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
    );
    expect(cells(p)['Readiness Gates']).toBe('1/2');
    expect(cells(p)['IP']).toBe('<none>');
  });

  it('shows the nominated node of a preempting pod', () => {
    expect(cells(pod({ phase: 'Pending', nominatedNodeName: 'worker-2' }))['Nominated Node']).toBe('worker-2');
  });
});

describe('pod STATUS, READY and RESTARTS', () => {
  const initSpec = { initContainers: [{ name: 'migrate', image: 'm:1' }, { name: 'warm', image: 'w:1' }] };
  const sidecarSpec = { initContainers: [{ name: 'proxy', image: 'p:1', restartPolicy: 'Always' }] };

  it.each<[string, KubeObject, [string, string, string]]>([
    ['pending, unscheduled', pod({ phase: 'Pending' }), ['0/1', 'Pending', '0']],
    [
      'scheduling gated',
      pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
      ['0/1', 'SchedulingGated', '0'],
    ],
    ['image being pulled', pod({ phase: 'Pending', containerStatuses: [waiting('app', 'ContainerCreating')] }), ['0/1', 'ContainerCreating', '0']],
    ['bad image', pod({ phase: 'Pending', containerStatuses: [waiting('app', 'ImagePullBackOff')] }), ['0/1', 'ImagePullBackOff', '0']],
    [
      'the phase reason wins when no container says more',
      pod({ phase: 'Failed', reason: 'Evicted', message: 'low on memory' }),
      ['0/1', 'Evicted', '0'],
    ],
    [
      'completed',
      pod({ phase: 'Succeeded', containerStatuses: [terminated('app', { exitCode: 0, reason: 'Completed' })] }),
      ['0/1', 'Completed', '0'],
    ],
    ['failed with a reason', pod({ phase: 'Failed', containerStatuses: [terminated('app', { exitCode: 1, reason: 'Error' })] }), ['0/1', 'Error', '0']],
    ['killed by a signal', pod({ phase: 'Failed', containerStatuses: [terminated('app', { exitCode: 137, signal: 9 })] }), ['0/1', 'Signal:9', '0']],
    ['exit code without reason', pod({ phase: 'Failed', containerStatuses: [terminated('app', { exitCode: 2 })] }), ['0/1', 'ExitCode:2', '0']],
    ['first init container running', pod({ phase: 'Pending', initContainerStatuses: [running('migrate', false)] }, initSpec), ['0/1', 'Init:0/2', '0']],
    [
      'second init container running',
      pod({ phase: 'Pending', initContainerStatuses: [terminated('migrate', { exitCode: 0, reason: 'Completed' }), running('warm', false)] }, initSpec),
      ['0/1', 'Init:1/2', '0'],
    ],
    [
      'init container crash looping',
      pod({ phase: 'Pending', initContainerStatuses: [waiting('migrate', 'CrashLoopBackOff', 3)] }, initSpec),
      ['0/1', 'Init:CrashLoopBackOff', '3'],
    ],
    [
      'init container waiting to initialise counts as progress',
      pod({ phase: 'Pending', initContainerStatuses: [waiting('migrate', 'PodInitializing')] }, initSpec),
      ['0/1', 'Init:0/2', '0'],
    ],
    [
      'init container failed',
      pod({ phase: 'Pending', initContainerStatuses: [terminated('migrate', { exitCode: 1, reason: 'Error' })] }, initSpec),
      ['0/1', 'Init:Error', '0'],
    ],
    [
      'init container exit code',
      pod({ phase: 'Pending', initContainerStatuses: [terminated('migrate', { exitCode: 3 })] }, initSpec),
      ['0/1', 'Init:ExitCode:3', '0'],
    ],
    [
      'init container signal',
      pod({ phase: 'Pending', initContainerStatuses: [terminated('migrate', { exitCode: 143, signal: 15 })] }, initSpec),
      ['0/1', 'Init:Signal:15', '0'],
    ],
    [
      'crash loop',
      pod({ phase: 'Running', containerStatuses: [waiting('app', 'CrashLoopBackOff', 4)] }),
      ['0/1', 'CrashLoopBackOff', '4'],
    ],
    [
      'one of two containers done while the other still runs and the pod is ready',
      pod({
        phase: 'Running',
        conditions: READY_COND,
        containerStatuses: [running('app'), terminated('job', { exitCode: 0, reason: 'Completed' })],
      }, { containers: [{ name: 'app' }, { name: 'job' }] }),
      ['1/2', 'Running', '0'],
    ],
    [
      'the same when the pod is not ready',
      pod({
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [running('app'), terminated('job', { exitCode: 0, reason: 'Completed' })],
      }, { containers: [{ name: 'app' }, { name: 'job' }] }),
      ['1/2', 'NotReady', '0'],
    ],
    [
      'the first container in the list speaks last',
      pod({ phase: 'Running', containerStatuses: [waiting('app', 'CrashLoopBackOff'), waiting('side', 'ContainerCreating')] }, { containers: [{ name: 'app' }, { name: 'side' }] }),
      ['0/2', 'CrashLoopBackOff', '0'],
    ],
    [
      'a started sidecar counts toward READY',
      pod(
        { phase: 'Running', conditions: READY_COND, initContainerStatuses: [running('proxy')], containerStatuses: [running('app')] },
        sidecarSpec,
      ),
      ['2/2', 'Running', '0'],
    ],
    [
      'a sidecar that has not started holds initialisation',
      pod({ phase: 'Pending', initContainerStatuses: [{ ...waiting('proxy', 'PodInitializing'), started: false }] }, sidecarSpec),
      ['0/2', 'Init:0/1', '0'],
    ],
    [
      'being deleted',
      pod({ phase: 'Running', conditions: READY_COND, containerStatuses: [running('app')] }, {}, { deletionTimestamp: ago(10 * SEC) }),
      ['1/1', 'Terminating', '0'],
    ],
    [
      'deleted after it finished keeps its outcome',
      pod({ phase: 'Succeeded', containerStatuses: [terminated('app', { exitCode: 0, reason: 'Completed' })] }, {}, { deletionTimestamp: ago(SEC) }),
      ['0/1', 'Completed', '0'],
    ],
    [
      'deleted on a lost node',
      pod({ phase: 'Running', reason: 'NodeLost', containerStatuses: [running('app')] }, {}, { deletionTimestamp: ago(SEC) }),
      ['1/1', 'Unknown', '0'],
    ],
  ])('%s', (_title, p, expected) => {
    expect(summary(p)).toEqual(expected);
  });

  it('adds how long ago the last restart was', () => {
    const restarted: ContainerStatus = {
      ...running('app', true, 3),
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(200 * SEC) } },
    };
    const older: ContainerStatus = {
      ...running('side', true, 1),
      lastState: { terminated: { exitCode: 1, finishedAt: ago(2 * HOUR) } },
    };
    const p = pod({ phase: 'Running', conditions: READY_COND, containerStatuses: [restarted, older] }, { containers: [{ name: 'app' }, { name: 'side' }] });
    expect(summary(p)).toEqual(['2/2', 'Running', '4 (3m20s ago)']);
  });

  it('counts only sidecar restarts from init containers once initialised', () => {
    const sidecar: ContainerStatus = { ...running('proxy', true, 2), lastState: { terminated: { exitCode: 1, finishedAt: ago(30 * SEC) } } };
    const p = pod(
      { phase: 'Running', conditions: READY_COND, initContainerStatuses: [sidecar], containerStatuses: [running('app', true, 1)] },
      { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
    );
    expect(summary(p)).toEqual(['2/2', 'Running', '3 (30s ago)']);
  });

  it('shows restarts without "ago" when no restart time is known', () => {
    expect(summary(pod({ phase: 'Running', containerStatuses: [running('app', true, 2)] }))[2]).toBe('2');
  });
});

describe('pod rows', () => {
  it('carry a Completed condition once the pod is terminal', () => {
    const t = toTable({ group: '', kind: 'Pod' }, [pod({ phase: 'Succeeded' }), pod({ phase: 'Failed' }), pod({ phase: 'Running' })], { now: NOW });
    expect(t.rows.map((r) => r.conditions?.[0]?.reason)).toEqual(['Succeeded', 'Failed', undefined]);
    expect(t.rows[0]?.conditions?.[0]).toMatchObject({ type: 'Completed', status: 'True' });
    expect('conditions' in (t.rows[2] ?? {})).toBe(false);
  });
});
