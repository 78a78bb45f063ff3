import { describe, expect, it } from 'vitest';
import { printTable, toTable } from '../../../src/api/table/index.js';
import type { Table } from '../../../src/api/table/index.js';
import { cellText } from '../../../src/api/table/print-table.js';
import { DAY, HOUR, MIN, NOW, SEC, ago, obj } from './fixtures.js';

const pod = (name: string, ns: string, phase: string, created: number, extra: Record<string, unknown> = {}) =>
  obj(
    'v1',
    'Pod',
    name,
    {
      spec: { nodeName: 'kind-worker', containers: [{ name: 'app', image: 'app:1' }] },
      status: {
        phase,
        podIPs: [{ ip: '10.244.1.17' }],
        conditions: [{ type: 'Ready', status: phase === 'Running' ? 'True' : 'False' }],
        containerStatuses: [
          phase === 'Running'
            ? { name: 'app', image: 'app:1', imageID: '', ready: true, restartCount: 0, state: { running: {} } }
            : { name: 'app', image: 'app:1', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } },
        ],
      },
      ...extra,
    },
    { namespace: ns, creationTimestamp: ago(created) },
  );

const pods = [pod('web-7d4b9c-x2x9q', 'shop', 'Running', 2 * DAY + 3 * HOUR), pod('api-0', 'default', 'Pending', 45 * SEC)];
const table = toTable({ group: '', kind: 'Pod' }, pods, { now: NOW });

describe('printTable', () => {
  it('prints the default columns as kubectl get does', () => {
    expect(printTable(table)).toBe(
      [
        'NAME               READY   STATUS              RESTARTS   AGE',
        'web-7d4b9c-x2x9q   1/1     Running             0          2d3h',
        'api-0              0/1     ContainerCreating   0          45s',
        '',
      ].join('\n'),
    );
  });

  it('adds wide columns with -o wide', () => {
    expect(printTable(table, { wide: true })).toBe(
      [
        'NAME               READY   STATUS              RESTARTS   AGE    IP            NODE          NOMINATED NODE   READINESS GATES',
        'web-7d4b9c-x2x9q   1/1     Running             0          2d3h   10.244.1.17   kind-worker   <none>           <none>',
        'api-0              0/1     ContainerCreating   0          45s    10.244.1.17   kind-worker   <none>           <none>',
        '',
      ].join('\n'),
    );
  });

  it('puts NAMESPACE first with -A, from each row object', () => {
    expect(printTable(table, { withNamespace: true }).split('\n').slice(0, 3)).toEqual([
      'NAMESPACE   NAME               READY   STATUS              RESTARTS   AGE',
      'shop        web-7d4b9c-x2x9q   1/1     Running             0          2d3h',
      'default     api-0              0/1     ContainerCreating   0          45s',
    ]);
    const bare = toTable({ group: '', kind: 'Pod' }, pods, { now: NOW, includeObject: 'None' });
    expect(printTable(bare, { withNamespace: true }).split('\n')[1]?.startsWith('            web-')).toBe(true);
  });

  it('drops the header with --no-headers', () => {
    expect(printTable(table, { noHeaders: true }).split('\n')[0]).toBe('web-7d4b9c-x2x9q   1/1   Running             0     2d3h');
  });

  it('returns nothing for no rows, header or not', () => {
    const empty = toTable({ group: '', kind: 'Pod' }, [], { now: NOW });
    expect(printTable(empty)).toBe('');
    expect(printTable(empty, { noHeaders: true, wide: true })).toBe('');
  });

  it('prints numbers and booleans plainly and nulls as nothing', () => {
    const t: Table = {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: {},
      columnDefinitions: [
        { name: 'Name', type: 'string', format: 'name', description: '', priority: 0 },
        { name: 'Count', type: 'integer', format: '', description: '', priority: 0 },
        { name: 'Flag', type: 'boolean', format: '', description: '', priority: 0 },
        { name: 'Note', type: 'string', format: '', description: '', priority: 0 },
      ],
      rows: [{ cells: ['a', 12, false, null, 'extra cells are ignored'] }, { cells: ['b', 1.5, true, 'x'] }],
    };
    expect(printTable(t)).toBe('NAME   COUNT   FLAG    NOTE\na      12      false   \nb      1.5     true    x\n');
  });

  it('cuts a cell at its first line break and neutralises terminal escapes', () => {
    expect(cellText('first line\nsecond')).toBe('first line...');
    expect(cellText('a\rb')).toBe('a...');
    expect(cellText('page\fbreak')).toBe('page...');
    expect(cellText('\x1b[31mred')).toBe('^[[31mred');
    expect(cellText(null)).toBe('');
  });

  it('prints a custom resource with NAME and AGE', () => {
    const w = obj('example.com/v1', 'Widget', 'w1', {}, { creationTimestamp: ago(3 * MIN + 20 * SEC) });
    expect(printTable(toTable({ group: 'example.com', kind: 'Widget' }, [w], { now: NOW }))).toBe('NAME   AGE\nw1     3m20s\n');
  });
});
