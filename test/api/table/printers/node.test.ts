import { describe, expect, it } from 'vitest';
import { nodeRoles } from '../../../../src/api/table/printers/node.js';
import { DAY, HOUR, ago, columnNames, obj, row } from '../fixtures.js';

const node = (spec: Record<string, unknown>, status: Record<string, unknown>, labels: Record<string, string> = {}) =>
  obj('v1', 'Node', 'worker-1', { spec, status }, { namespace: undefined, labels, creationTimestamp: ago(2 * DAY + 3 * HOUR) });

const info = { kubeletVersion: 'v1.32.3', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0-18-amd64', containerRuntimeVersion: 'containerd://1.7.13' };
const ready = (status: string) => ({ type: 'Ready', status, reason: 'KubeletReady' });

describe('node table', () => {
  it('has kubectl 1.32 columns', () => {
    expect(columnNames('', 'Node')).toEqual([
      'Name',
      'Status',
      'Roles',
      'Age',
      'Version',
      'Internal-IP*',
      'External-IP*',
      'OS-Image*',
      'Kernel-Version*',
      'Container-Runtime*',
    ]);
  });

  it('prints a ready control-plane node', () => {
    const n = node(
      {},
      {
        conditions: [{ type: 'MemoryPressure', status: 'False' }, ready('True')],
        addresses: [
          { type: 'Hostname', address: 'worker-1' },
          { type: 'InternalIP', address: '172.18.0.2' },
          { type: 'InternalIP', address: '172.18.0.9' },
        ],
        nodeInfo: info,
      },
      { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'worker-1' },
    );
    expect(row('', 'Node', n)).toEqual({
      Name: 'worker-1',
      Status: 'Ready',
      Roles: 'control-plane',
      Age: '2d3h',
      Version: 'v1.32.3',
      'Internal-IP': '172.18.0.2',
      'External-IP': '<none>',
      'OS-Image': 'Debian GNU/Linux 12 (bookworm)',
      'Kernel-Version': '6.1.0-18-amd64',
      'Container-Runtime': 'containerd://1.7.13',
    });
  });

  it.each([
    ['Ready,SchedulingDisabled', { unschedulable: true }, [ready('True')]],
    ['NotReady', {}, [ready('False')]],
    ['NotReady', {}, [ready('Unknown')]],
    ['Unknown', {}, []],
    ['Unknown,SchedulingDisabled', { unschedulable: true }, [{ type: 'DiskPressure', status: 'False' }]],
  ])('STATUS %s', (expected, spec, conditions) => {
    expect(row('', 'Node', node(spec, { conditions }))['Status']).toBe(expected);
  });

  it('says <none> and <unknown> for what the node has not reported', () => {
    const r = row('', 'Node', node({}, {}));
    expect([r['Roles'], r['Version'], r['Internal-IP'], r['OS-Image'], r['Kernel-Version'], r['Container-Runtime']]).toEqual([
      '<none>',
      '',
      '<none>',
      '<unknown>',
      '<unknown>',
      '<unknown>',
    ]);
  });

  it('takes roles from node-role labels and kubernetes.io/role, sorted and de-duplicated', () => {
    expect(
      nodeRoles({
        'node-role.kubernetes.io/worker': '',
        'node-role.kubernetes.io/': 'ignored',
        'kubernetes.io/role': 'master',
        'node-role.kubernetes.io/master': 'true',
        'node-role.kubernetes.io/etcd': 'x',
      }),
    ).toEqual(['etcd', 'master', 'worker']);
    expect(nodeRoles({ 'kubernetes.io/role': '' })).toEqual([]);
    expect(row('', 'Node', node({}, {}, { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/infra': '' }))['Roles']).toBe('infra,worker');
  });
});
