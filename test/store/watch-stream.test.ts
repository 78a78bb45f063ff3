import { Subject, VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../src/model/index.js';
import { checkpointOf, createStore } from '../../src/store/index.js';
import { Recorder, pod, podKey } from './records.js';

const pods = { group: '', resource: 'pods' };
const brief = (e: WatchEvent) => (e.type === 'ERROR' ? `ERROR ${e.object.code}` : `${e.type} ${e.object.metadata.name ?? ''}@${e.rev}:${e.object.metadata.resourceVersion}`);

function setup() {
  const s = createStore();
  const r = new Recorder();
  s.fold(r.put(pod('a', { labels: { app: 'web' } }))); // 1
  s.fold(r.put(pod('b', { ns: 'other' }))); // 2
  s.fold(r.write('apps/deployments/default/d', { op: 'put', object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' } } })); // 3
  return { s, r };
}

describe('watch', () => {
  it('replays from a revision, then follows the fold, in scope only', () => {
    const { s, r } = setup();
    const got: string[] = [];
    const sub = s.watch({ scope: pods, afterRev: 0 }).subscribe((e) => got.push(brief(e)));
    s.fold(r.write(podKey('a'), { op: 'patch', patch: [{ op: 'add', path: '/status/x', value: 1 }] })); // 4
    s.fold(r.write(podKey('a'), { op: 'remove' })); // 5
    sub.unsubscribe();
    s.fold(r.put(pod('z'))); // 6, not seen
    expect(got).toEqual(['ADDED a@1:1', 'ADDED b@2:2', 'MODIFIED a@4:4', 'DELETED a@5:5']);
  });

  it('scopes by namespace and sends the initial state without afterRev', () => {
    const { s, r } = setup();
    const got: string[] = [];
    s.watch({ scope: { ...pods, namespace: 'default' } }).subscribe((e) => got.push(brief(e)));
    s.fold(r.put(pod('c'))); // 4
    s.fold(r.put(pod('q', { ns: 'other' }))); // 5
    expect(got).toEqual(['ADDED a@1:1', 'ADDED c@4:4']);
  });

  it('turns objects leaving and entering the filter into DELETED and ADDED', () => {
    const { s, r } = setup();
    const got: string[] = [];
    s.watch({ scope: pods, afterRev: 3, filter: (o) => o.metadata.labels?.['app'] === 'web' }).subscribe((e) => got.push(brief(e)));
    const relabel = (v: string) => r.write(podKey('a'), { op: 'patch', patch: [{ op: 'replace', path: '/metadata/labels/app', value: v }] });
    s.fold(relabel('db')); // 4: leaves
    s.fold(relabel('db2')); // 5: stays out
    s.fold(relabel('web')); // 6: enters
    s.fold(r.write(podKey('a'), { op: 'remove' })); // 7
    expect(got).toEqual(['DELETED a@4:4', 'ADDED a@6:6', 'DELETED a@7:7']);
  });

  it('errors with 410 Expired below the compacted revision', () => {
    const { s } = setup();
    const t = createStore({ base: checkpointOf(s.head()) });
    const got: string[] = [];
    let done = false;
    t.watch({ scope: pods, afterRev: 1 }).subscribe({ next: (e) => got.push(brief(e)), complete: () => (done = true) });
    expect(got).toEqual(['ERROR 410']);
    expect(done).toBe(true);
    const ok: string[] = [];
    t.watch({ scope: pods, afterRev: 3 }).subscribe((e) => ok.push(brief(e)));
    expect(ok).toEqual([]);
  });

  it('emits bookmarks with the head revision', () => {
    const { s, r } = setup();
    const ticks = new Subject<void>();
    const got: WatchEvent[] = [];
    s.watch({ scope: pods, afterRev: 3, bookmarks$: ticks }).subscribe((e) => got.push(e));
    ticks.next();
    s.fold(r.put(pod('c')));
    s.fold(r.write('apps/deployments/default/d', { op: 'remove' }));
    ticks.next();
    expect(got.map((e) => `${e.type}@${e.rev}`)).toEqual(['BOOKMARK@3', 'ADDED@4', 'BOOKMARK@5']);
    const bm = got[2]!;
    expect(bm.object).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { resourceVersion: '5' } });
  });

  it('delivers in revision order when a subscriber folds from inside its callback', () => {
    const { s, r } = setup();
    const got: number[] = [];
    s.watch({ scope: pods, afterRev: 3 }).subscribe((e) => {
      got.push(e.rev!);
      if (e.rev === 4) s.fold(r.put(pod('reentrant')));
    });
    const late: number[] = [];
    s.watch({ scope: pods, afterRev: 3 }).subscribe((e) => late.push(e.rev!));
    s.fold(r.put(pod('c')));
    expect(got).toEqual([4, 5]);
    expect(late).toEqual([4, 5]);
  });

  it('with a scheduler, the fold does not wait: the watcher catches up from the history', () => {
    const { s, r } = setup();
    const sched = new VirtualTimeScheduler();
    const got: number[] = [];
    s.watch({ scope: pods, afterRev: 0, scheduler: sched }).subscribe((e) => got.push(e.rev!));
    for (let i = 0; i < 100; i++) s.fold(r.put(pod(`p${i}`)));
    expect(got).toEqual([]);
    sched.flush();
    expect(got).toHaveLength(102);
    expect(got).toEqual([...got].sort((a, b) => a - b));
  });
});
