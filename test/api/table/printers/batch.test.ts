import { describe, expect, it } from 'vitest';
import { HOUR, MIN, SEC, ago, columnNames, obj, row } from '../fixtures.js';

const tmpl = { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } };
const job = (spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}) =>
  obj('batch/v1', 'Job', 'pi', { spec: { template: tmpl, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'c0ffee' } }, ...spec }, status }, meta);
const cond = (type: string, status = 'True') => ({ type, status });

describe('Job', () => {
  it('has the STATUS column added in 1.30', () => {
    expect(columnNames('batch', 'Job')).toEqual(['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers*', 'Images*', 'Selector*']);
  });

  it('prints a completed job with its duration', () => {
    const j = job({ completions: 1 }, { startTime: ago(5 * MIN), completionTime: ago(5 * MIN - 12 * SEC), succeeded: 1, conditions: [cond('Complete')] });
    expect(row('batch', 'Job', j)).toEqual({
      Name: 'pi',
      Status: 'Complete',
      Completions: '1/1',
      Duration: '12s',
      Age: '5m',
      Containers: 'pi',
      Images: 'perl:5.34',
      Selector: 'batch.kubernetes.io/controller-uid=c0ffee',
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, string]>([
    ['Running', {}, {}, {}, 'Running'],
    ['Failed', {}, { conditions: [cond('FailureTarget'), cond('Failed')] }, {}, 'Failed'],
    ['Complete beats Terminating', {}, { conditions: [cond('Complete')] }, { deletionTimestamp: ago(SEC) }, 'Complete'],
    ['Terminating', {}, { conditions: [cond('Suspended')] }, { deletionTimestamp: ago(SEC) }, 'Terminating'],
    ['Suspended', { suspend: true }, { conditions: [cond('Suspended')] }, {}, 'Suspended'],
    ['resumed', {}, { conditions: [cond('Suspended', 'False')] }, {}, 'Running'],
    ['FailureTarget', {}, { conditions: [cond('FailureTarget')] }, {}, 'FailureTarget'],
  ])('STATUS: %s', (_t, spec, status, meta, expected) => {
    expect(row('batch', 'Job', job(spec, status, meta))['Status']).toBe(expected);
  });

  it.each([
    [{ completions: 5 }, { succeeded: 2 }, '2/5'],
    [{ parallelism: 3 }, { succeeded: 1 }, '1/1 of 3'],
    [{ parallelism: 1 }, {}, '0/1'],
    [{}, {}, '0/1'],
  ])('COMPLETIONS for %j', (spec, status, expected) => {
    expect(row('batch', 'Job', job(spec, status))['Completions']).toBe(expected);
  });

  it('runs DURATION to now until the job completes, and leaves it empty before it starts', () => {
    expect(row('batch', 'Job', job({}, { startTime: ago(200 * SEC) }))['Duration']).toBe('3m20s');
    expect(row('batch', 'Job', job({}, {}))['Duration']).toBe('');
  });
});

describe('CronJob', () => {
  const cj = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) =>
    obj('batch/v1', 'CronJob', 'nightly', { spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: tmpl } }, ...spec }, status });

  it('prints schedule, timezone, suspend, active and last schedule', () => {
    expect(columnNames('batch', 'CronJob')).toEqual([
      'Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age', 'Containers*', 'Images*', 'Selector*',
    ]);
    expect(row('batch', 'CronJob', cj({ suspend: false, timeZone: 'Europe/Paris' }, { active: [{ name: 'nightly-1' }], lastScheduleTime: ago(9 * HOUR) }))).toEqual({
      Name: 'nightly',
      Schedule: '0 3 * * *',
      Timezone: 'Europe/Paris',
      Suspend: 'False',
      Active: 1,
      'Last Schedule': '9h',
      Age: '5m',
      Containers: 'pi',
      Images: 'perl:5.34',
      Selector: '<none>',
    });
  });

  it('says <none> and <unset> for what is not there', () => {
    expect(row('batch', 'CronJob', cj({}))).toMatchObject({ Timezone: '<none>', Suspend: '<unset>', Active: 0, 'Last Schedule': '<none>' });
    expect(row('batch', 'CronJob', cj({ suspend: true }))['Suspend']).toBe('True');
  });
});
