/// <reference lib="dom" />
/**
 * The debugger page. A cursor (revision) and a selected object drive every
 * panel. What a scrub repaints at once — cursor, revision, events around it,
 * the selected object — comes in one small `api/frame` answer, with at most
 * one request in flight (the newest position wins); the tree, the nodes and
 * the why chain follow when the cursor rests. The URL names the history,
 * the revision, the selected object and the field picked in its YAML (whose
 * why replaces the object's). Over a running cluster's history
 * (`meta.live`) the page polls for new events and follows them the way a log
 * viewer does: the timeline grows, and the cursor moves with the head only
 * while it is at the head.
 */
import { byId, fill, formatTime, getJson, h } from './dom.js';
import { labelPointer, fieldLabel } from '../field-label.js';
import { markPicked } from './field-pick.js';
import { renderFieldWhy, renderFieldWhyError } from './field-why-panel.js';
import { renderEvents, renderNodes, renderObject, renderWhy } from './panels.js';
import type { Nav } from './nav.js';
import { Timeline, timedFailures } from './timeline.js';
import { renderTree } from './tree-panel.js';
import type { FieldWhyView, Frame, InvariantMarks, Meta, NamespaceEntry, NodeEntry, SearchAnswer, WhyNode } from './types.js';

interface Probe {
  rev: number;
  head: number;
  following: boolean;
  renderedRev: number;
  scrubMs: number[];
  ready: boolean;
  whyKey: string;
}

declare global {
  interface Window {
    __chronokube: Probe;
  }
}

/** How often a live page asks whether the history grew. */
const LIVE_POLL_MS = 1000;

type LiveMeta = { -readonly [K in keyof Meta]: Meta[K] };

const probe: Probe = { rev: 0, head: 0, following: false, renderedRev: -1, scrubMs: [], ready: false, whyKey: '' };
window.__chronokube = probe;

async function start(): Promise<void> {
  const meta: LiveMeta = { ...(await getJson<Meta>('api/meta')) };
  probe.head = meta.head;
  const params = new URLSearchParams(location.search);
  const state = {
    rev: clamp(Number(params.get('rev') ?? meta.at), meta),
    key: params.get('object') ?? undefined,
    /** The field picked in the object's YAML (a JSON Pointer): the why panel explains it instead of the whole object. */
    field: params.get('object') === null || (params.get('field') ?? '') === '' ? undefined : labelPointer(params.get('field') as string),
    tab: 'yaml' as 'yaml' | 'diff',
    noise: false,
    open: new Set<string>(['default']),
    playing: undefined as number | undefined,
    failures: [] as { from: number; to: number }[],
    lastMatch: undefined as number | undefined,
    /** At the head of a live history: new events move the cursor. */
    following: false,
  };
  if (state.key !== undefined) state.open.add(namespaceOf(state.key));
  const revInput = byId<HTMLInputElement>('rev');
  const timeline = new Timeline(byId<HTMLCanvasElement>('tl'), byId('legend'), { from: meta.firstTime, to: meta.lastTime }, meta.faults, { scrub: (t, stamp) => want({ time: t, stamp }) }, state.noise);
  void timeline.load();

  const nav: Nav = {
    go: (rev) => want({ rev: clamp(rev, meta) }),
    select: (key, rev) => {
      if (key !== state.key) state.field = undefined;
      state.key = key;
      state.open.add(namespaceOf(key));
      want({ rev: rev === undefined ? state.rev : clamp(rev, meta) });
      slowSoon(0);
    },
    pick: (field) => {
      state.field = field;
      markPicked(byId('objbody'), field);
      history.replaceState(null, '', link());
      slowSoon(0);
    },
  };

  /** The page's own URL: history, revision, selected object and picked field — a moment to share. */
  function link(): string {
    const object = state.key === undefined ? '' : `&object=${encodeURIComponent(state.key)}`;
    const field = state.key === undefined || state.field === undefined ? '' : `&field=${encodeURIComponent(fieldLabel(state.field))}`;
    return `?history=${encodeURIComponent(meta.history)}&rev=${state.rev}${object}${field}`;
  }

  // The frame: one request in flight at most; the newest wanted position wins.
  let pending: { rev?: number; time?: number; stamp?: number } | undefined;
  let inflight = false;
  function want(w: { rev?: number; time?: number; stamp?: number }): void {
    // Following is the user's intent, set when a position is asked for (never by a late answer): to the head follows, elsewhere stops.
    if (meta.live) state.following = w.rev !== undefined && w.rev >= meta.head;
    pending = w;
    void pump();
  }
  async function pump(): Promise<void> {
    if (inflight || pending === undefined) return;
    const w = pending;
    pending = undefined;
    inflight = true;
    try {
      const where = w.time !== undefined ? `time=${w.time}` : `rev=${w.rev ?? state.rev}`;
      const key = state.key === undefined ? '' : `&key=${encodeURIComponent(state.key)}`;
      const frame = await getJson<Frame>(`api/frame?${where}${key}&noise=${state.noise ? 1 : 0}`);
      apply(frame, w);
    } catch (e) {
      fill(byId('evbody'), h('p', { class: 'error' }, String(e)));
    } finally {
      inflight = false;
      void pump();
    }
  }

  function apply(f: Frame, w: { time?: number; stamp?: number }): void {
    const stamp = w.stamp;
    const moved = f.rev !== probe.renderedRev;
    state.rev = f.rev;
    probe.rev = f.rev;
    revInput.value = String(f.rev);
    // A scrub to the timeline's end lands on the head, and follows from there (unless a newer position is already asked for).
    if (meta.live && w.time !== undefined && pending === undefined && f.rev >= meta.head) state.following = true;
    showWhen(f.time);
    timeline.setCursor(f.time);
    renderEvents(byId('evbody'), f.events, f.faults, f.rev, meta.epoch, nav);
    if (f.object !== undefined) renderObject(byId('objbody'), f.object, state.tab, meta.epoch, nav, state.field);
    history.replaceState(null, '', link());
    timeline.draw();
    const rendered = (): void => {
      probe.renderedRev = f.rev;
      document.body.dataset['rev'] = String(f.rev);
    };
    if (stamp !== undefined) {
      requestAnimationFrame(() => {
        probe.scrubMs.push(performance.now() - stamp);
        rendered();
      });
    } else rendered();
    if (moved || f.object !== undefined) slowSoon(150);
  }

  let cursorTime = meta.lastTime;
  function showWhen(time: number): void {
    cursorTime = time;
    byId('when').textContent = `${formatTime(meta.epoch, time)} · ${state.rev}/${meta.head}`;
    probe.head = meta.head;
    probe.following = state.following;
    document.body.dataset['head'] = String(meta.head);
    document.body.dataset['following'] = state.following ? '1' : '0';
    if (!meta.live) return;
    const live = byId('live');
    live.hidden = false;
    live.classList.toggle('on', state.following);
    live.textContent = state.following ? '● live' : '❚❚ live · End follows';
  }

  // A running cluster: ask for the head now and then; follow it only from the head.
  async function follow(): Promise<void> {
    try {
      const m = await getJson<Meta>('api/meta');
      if (m.head !== meta.head || m.faults.length !== meta.faults.length) {
        meta.head = m.head;
        meta.lastTime = m.lastTime;
        meta.faults = m.faults;
        meta.actors = m.actors;
        timeline.extend(m.lastTime, m.faults);
        if (state.following) nav.go(m.head);
        else showWhen(cursorTime);
      }
    } catch {
      // The cluster stopped or a request failed: try again at the next tick.
    } finally {
      window.setTimeout(() => void follow(), LIVE_POLL_MS);
    }
  }
  if (meta.live) {
    window.setTimeout(() => void follow(), LIVE_POLL_MS);
    byId('live').addEventListener('click', () => nav.go(meta.head));
  }

  // Tree, nodes and why: when the cursor rests.
  let slowTimer: number | undefined;
  let slowSeq = 0;
  function slowSoon(ms: number): void {
    window.clearTimeout(slowTimer);
    slowTimer = window.setTimeout(() => void slow(), ms);
  }
  async function slow(): Promise<void> {
    // While the scrubber is dragged, only the frame follows it: the heavier panels would hold the server up.
    if (timeline.scrubbing) return slowSoon(150);
    const seq = ++slowSeq;
    const rev = state.rev;
    const key = state.key;
    const field = key === undefined ? undefined : state.field;
    const open = [...state.open].map(encodeURIComponent).join(',');
    const whyOf = (k: string): Promise<{ root: WhyNode | null } | { field: FieldWhyView } | { error: string }> =>
      field === undefined
        ? getJson<{ root: WhyNode | null }>(`api/why?rev=${rev}&key=${encodeURIComponent(k)}`)
        : getJson<FieldWhyView>(`api/why-field?rev=${rev}&key=${encodeURIComponent(k)}&field=${encodeURIComponent(fieldLabel(field))}`).then(
            (f) => ({ field: f }),
            // No such field at this revision (or any refusal): said in the why panel, the other panels still drawn.
            (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }),
          );
    const [tree, nodes, why] = await Promise.all([
      getJson<{ namespaces: NamespaceEntry[] }>(`api/tree?rev=${rev}&open=${open}`),
      getJson<{ nodes: NodeEntry[] }>(`api/nodes?rev=${rev}`),
      key === undefined ? Promise.resolve({ root: null }) : whyOf(key),
    ]);
    if (seq !== slowSeq) return;
    byId('treeinfo').textContent = `at revision ${rev}`;
    renderTree(byId('treebody'), tree.namespaces, state.open, key, nav, () => slowSoon(0));
    renderNodes(byId('nodebody'), nodes.nodes, key, nav);
    if ('field' in why) renderFieldWhy(byId('whybody'), why.field, meta.epoch, nav);
    else if ('error' in why) renderFieldWhyError(byId('whybody'), field ?? '', why.error, nav);
    else renderWhy(byId('whybody'), why.root, meta.epoch, nav);
    probe.whyKey = key === undefined ? '' : `${key}@${rev}`;
    document.body.dataset['why'] = probe.whyKey;
    document.body.dataset['whyfield'] = field === undefined ? '' : `${fieldLabel(field)}${'error' in why ? ' (error)' : ''}`;
  }

  // Invariant failures: scanned in the background by the server; poll until done.
  async function invariants(): Promise<void> {
    const r = await getJson<{ done: boolean; invariants: InvariantMarks[] }>('api/invariants');
    state.failures = r.invariants.flatMap((m) => m.ranges.map((x) => ({ from: x.from, to: x.to })));
    timeline.setFailures(timedFailures(r.invariants));
    // A live history keeps growing, so its scan is never finished for good.
    if (!r.done || meta.live) window.setTimeout(() => void invariants(), meta.live ? 2000 : 1000);
    if (r.done) document.body.dataset['invariants'] = String(state.failures.length);
  }
  void invariants();

  // Controls.
  const step = (d: number): void => nav.go(state.rev + d);
  byId('first').addEventListener('click', () => nav.go(meta.first));
  byId('last').addEventListener('click', () => nav.go(meta.head));
  byId('back').addEventListener('click', () => step(-1));
  byId('fwd').addEventListener('click', () => step(1));
  revInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') nav.go(Number(revInput.value));
  });
  const speed = byId<HTMLSelectElement>('speed');
  const play = byId('play');
  const togglePlay = (): void => {
    if (state.playing !== undefined) {
      window.clearInterval(state.playing);
      state.playing = undefined;
      play.textContent = '▶ play';
      return;
    }
    const perSecond = Number(speed.value);
    const stride = Math.max(1, Math.round(perSecond / 20));
    state.playing = window.setInterval(() => (state.rev >= meta.head ? togglePlay() : step(stride)), (1000 * stride) / perSecond);
    play.textContent = '❚❚ pause';
  };
  play.addEventListener('click', togglePlay);
  byId<HTMLInputElement>('noise').addEventListener('change', (e) => {
    state.noise = (e.target as HTMLInputElement).checked;
    timeline.setNoise(state.noise);
    nav.go(state.rev);
  });
  const tab = (t: 'yaml' | 'diff'): void => {
    state.tab = t;
    byId('tabyaml').classList.toggle('on', t === 'yaml');
    byId('tabdiff').classList.toggle('on', t === 'diff');
    nav.go(state.rev);
  };
  byId('tabyaml').addEventListener('click', () => tab('yaml'));
  byId('tabdiff').addEventListener('click', () => tab('diff'));
  const version = async (dir: 1 | -1): Promise<void> => {
    if (state.key === undefined) return;
    const o = await getJson<{ versionRev: number; prevRev: number; nextRev: number }>(`api/object?rev=${state.rev}&key=${encodeURIComponent(state.key)}`);
    const target = dir > 0 ? o.nextRev : o.versionRev === state.rev ? o.prevRev : o.versionRev;
    if (target > 0) nav.go(target);
  };
  byId('pver').addEventListener('click', () => void version(-1));
  byId('nver').addEventListener('click', () => void version(1));

  // Search.
  const search = byId<HTMLInputElement>('search');
  const results = byId('results');
  const find = async (dir: 'next' | 'prev'): Promise<void> => {
    if (search.value.trim() === '') return;
    try {
      const r = await getJson<SearchAnswer>(`api/search?q=${encodeURIComponent(search.value)}&from=${state.rev}&dir=${dir}&limit=50`);
      const list = dir === 'prev' ? [...r.events].reverse() : r.events;
      results.style.display = 'block';
      fill(
        results,
        h('div', { class: 'muted' }, `${r.events.length} match${r.events.length === 1 ? '' : 'es'} ${dir === 'next' ? 'after' : 'before'} revision ${state.rev}${r.done ? '' : ` (searched to ${r.scannedTo}; press again for more)`} · n / N to step · Esc closes`),
        ...list.map((e) => {
          const row = h('div', { class: 'row', 'data-rev': String(e.rev) }, `${String(e.rev).padStart(7)}  ${e.actor.padEnd(34)} ${e.verb.padEnd(14)} ${e.key}`);
          row.addEventListener('click', () => nav.select(e.key, e.rev));
          return row;
        }),
      );
      const nearest = r.events[0]; // the search answers nearest first in either direction
      if (nearest !== undefined) nav.select(nearest.key, nearest.rev);
    } catch (e) {
      results.style.display = 'block';
      fill(results, h('p', { class: 'error' }, String(e instanceof Error ? e.message : e)));
    }
  };
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') void find(e.shiftKey ? 'prev' : 'next');
    if (e.key === 'Escape') {
      results.style.display = 'none';
      search.blur();
    }
    e.stopPropagation();
  });

  // Keyboard.
  const help = byId('help');
  byId('helpbtn').addEventListener('click', () => (help.style.display = help.style.display === 'block' ? 'none' : 'block'));
  document.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
    const k = e.key;
    if (k === 'ArrowRight' && e.shiftKey) void version(1);
    else if (k === 'ArrowLeft' && e.shiftKey) void version(-1);
    else if (k === 'ArrowRight') step(1);
    else if (k === 'ArrowLeft') step(-1);
    else if (k === 'PageDown') step(100);
    else if (k === 'PageUp') step(-100);
    else if (k === 'Home') nav.go(meta.first);
    else if (k === 'End') nav.go(meta.head);
    else if (k === ' ') togglePlay();
    else if (k === '/') search.focus();
    else if (k === 'n') void find('next');
    else if (k === 'N') void find('prev');
    else if (k === 'f') {
      const next = meta.faults.find((f) => f.atRev > state.rev);
      if (next !== undefined) nav.go(next.atRev);
    } else if (k === 'i') {
      const next = state.failures.map((f) => f.from).filter((r) => r > state.rev).sort((a, b) => a - b)[0];
      if (next !== undefined) nav.go(next);
    } else if (k === '?') help.style.display = help.style.display === 'block' ? 'none' : 'block';
    else if (k === 'Escape') {
      help.style.display = 'none';
      results.style.display = 'none';
    } else return;
    e.preventDefault();
  });

  nav.go(state.rev);
  slowSoon(0);
  probe.ready = true;
  document.body.dataset['ready'] = '1';
}

function clamp(rev: number, meta: Meta): number {
  return Number.isFinite(rev) ? Math.max(meta.first, Math.min(meta.head, Math.round(rev))) : meta.head;
}

function namespaceOf(key: string): string {
  const ns = key.split('/')[2] ?? '';
  return ns === '_' ? '(cluster)' : ns;
}

start().catch((e: unknown) => {
  document.body.prepend(h('p', { class: 'error' }, `chronokube UI failed to start: ${String(e)}`));
});
