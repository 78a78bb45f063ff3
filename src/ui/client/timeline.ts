/// <reference lib="dom" />
/**
 * The timeline: event density over time (stacked bars per busiest actor, so
 * bursts stand out), invariant failures as red bands, faults as marks, and
 * the cursor. Pointer down/drag scrubs (reported as a run time), the wheel
 * zooms around the pointer, a double-click zooms back out. Only density
 * buckets cross the wire, never the events.
 */
import { actorColour, getJson } from './dom.js';
import type { Density, FaultMark, InvariantMarks } from './types.js';

export interface TimelineHost {
  /** The user scrubbed to run time `t` (at `stamp`, performance.now() of the input event). */
  scrub(t: number, stamp: number): void;
}

export interface TimedRange {
  readonly name: string;
  readonly fromTime: number;
  readonly toTime: number;
  readonly message: string;
}

const OTHER = '#9aa3b5';

export class Timeline {
  private view: { from: number; to: number };
  private density: Density | undefined;
  private cursor = 0;
  private failures: readonly TimedRange[] = [];
  private dragging = false;
  private drawQueued = false;
  private fetching = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly legend: HTMLElement,
    private full: { from: number; to: number },
    private faults: readonly FaultMark[],
    private readonly host: TimelineHost,
    private noise: boolean,
  ) {
    this.view = { ...full };
    canvas.addEventListener('pointerdown', (e) => {
      this.dragging = true;
      canvas.setPointerCapture(e.pointerId);
      this.host.scrub(this.timeAt(e.offsetX), performance.now());
    });
    canvas.addEventListener('pointermove', (e) => {
      if (this.dragging) this.host.scrub(this.timeAt(e.offsetX), performance.now());
    });
    const stop = (): void => void (this.dragging = false);
    canvas.addEventListener('pointerup', stop);
    canvas.addEventListener('pointercancel', stop);
    canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      const t = this.timeAt(e.offsetX);
      const k = e.deltaY > 0 ? 1.5 : 1 / 1.5;
      const from = Math.max(this.full.from, t - (t - this.view.from) * k);
      const to = Math.min(this.full.to, t + (this.view.to - t) * k);
      if (to - from < 50) return;
      this.view = { from, to };
      void this.load();
    });
    canvas.addEventListener('dblclick', () => {
      this.view = { ...this.full };
      void this.load();
    });
    new ResizeObserver(() => this.redraw()).observe(canvas);
  }

  /** Whether the scrubber is being dragged (slow panels wait for it to be let go). */
  get scrubbing(): boolean {
    return this.dragging;
  }

  setNoise(noise: boolean): void {
    this.noise = noise;
    void this.load();
  }

  /** The history grew to run time `to` (a live cluster): a view that showed the end keeps showing it, a zoom into the past stays put. */
  extend(to: number, faults: readonly FaultMark[]): void {
    if (this.view.to >= this.full.to) this.view = { from: this.view.from, to };
    this.full = { from: this.full.from, to };
    this.faults = faults;
    void this.load();
  }

  setCursor(t: number): void {
    this.cursor = t;
    this.redraw();
  }

  setFailures(f: readonly TimedRange[]): void {
    this.failures = f;
    this.redraw();
  }

  async load(): Promise<void> {
    const n = ++this.fetching;
    const buckets = Math.max(20, Math.min(600, Math.floor(this.canvas.clientWidth / 3)));
    const span = this.view.to - this.view.from;
    const d = await getJson<Density>(`api/density?from=${this.view.from}&to=${this.view.to + (span === 0 ? 1 : 0)}&buckets=${buckets}&noise=${this.noise ? 1 : 0}`);
    if (n !== this.fetching) return;
    this.density = d;
    this.legend.replaceChildren(
      ...d.actors.map((a) => {
        const s = document.createElement('span');
        const i = document.createElement('i');
        i.style.background = actorColour(a);
        s.append(i, a);
        return s;
      }),
    );
    this.redraw();
  }

  private timeAt(x: number): number {
    const w = Math.max(1, this.canvas.clientWidth);
    return this.view.from + (Math.max(0, Math.min(w, x)) / w) * (this.view.to - this.view.from);
  }

  private xOf(t: number, w: number): number {
    const span = Math.max(1, this.view.to - this.view.from);
    return ((t - this.view.from) / span) * w;
  }

  private redraw(): void {
    if (this.drawQueued) return;
    this.drawQueued = true;
    requestAnimationFrame(() => {
      this.drawQueued = false;
      this.draw();
    });
  }

  /** Draws now (the scrub's repaint is measured to the frame this lands in). */
  draw(): void {
    const c = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth;
    const hgt = c.clientHeight;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(hgt * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(hgt * dpr);
    }
    const g = c.getContext('2d');
    if (g === null) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, hgt);
    const top = 14;
    const base = hgt - 14;
    const d = this.density;
    if (d !== undefined && d.max > 0) {
      const bw = w / d.counts.length;
      const colours = [...d.actors.map(actorColour), OTHER];
      const total = d.counts.map((row) => row.reduce((a, b) => a + b, 0));
      d.counts.forEach((row, i) => {
        let y = base;
        row.forEach((n, j) => {
          if (n === 0) return;
          // Square-root scale: a burst still towers, and the quiet stretches stay visible.
          const bh = (Math.sqrt(total[i] as number) / Math.sqrt(d.max)) * (base - top) * (n / (total[i] as number));
          g.fillStyle = colours[j] ?? OTHER;
          g.fillRect(i * bw, y - bh, Math.max(1, bw - 0.5), bh);
          y -= bh;
        });
      });
    }
    // Invariant failures: a red band per failing range along the top.
    g.fillStyle = 'rgba(211,51,51,0.85)';
    for (const f of this.failures) {
      const x0 = this.xOf(f.fromTime, w);
      const x1 = this.xOf(f.toTime, w);
      if (x1 < 0 || x0 > w) continue;
      g.fillRect(x0, 2, Math.max(3, x1 - x0), 7);
    }
    // Faults: an orange mark and line.
    g.strokeStyle = 'rgba(230,120,0,0.9)';
    g.fillStyle = 'rgb(230,120,0)';
    for (const f of this.faults) {
      const x = this.xOf(f.time, w);
      if (x < 0 || x > w) continue;
      g.beginPath();
      g.moveTo(x, top);
      g.lineTo(x, base);
      g.stroke();
      g.beginPath();
      g.moveTo(x - 5, base + 12);
      g.lineTo(x + 5, base + 12);
      g.lineTo(x, base + 2);
      g.fill();
    }
    // Axis labels: the view's ends.
    g.fillStyle = '#667';
    g.font = '10px system-ui';
    g.fillText(`${((this.view.from - this.full.from) / 1000).toFixed(1)} s`, 3, hgt - 2);
    const endLabel = `${((this.view.to - this.full.from) / 1000).toFixed(1)} s`;
    g.fillText(endLabel, w - g.measureText(endLabel).width - 3, hgt - 2);
    // The cursor.
    const cx = this.xOf(this.cursor, w);
    g.strokeStyle = '#1d2330';
    g.lineWidth = 2;
    g.beginPath();
    g.moveTo(cx, 0);
    g.lineTo(cx, hgt);
    g.stroke();
    g.lineWidth = 1;
  }
}

/** Invariant marks as the timeline draws them. */
export function timedFailures(marks: readonly InvariantMarks[]): TimedRange[] {
  return marks.flatMap((m) => m.ranges.map((r) => ({ name: m.name, fromTime: r.fromTime, toTime: r.toTime, message: r.messages[0] ?? '' })));
}
