/// <reference lib="dom" />
/** Tiny DOM helpers: build elements without a framework. */

type Child = Node | string | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') el.className = v;
    else el.setAttribute(k, v);
  }
  for (const c of children) if (c !== undefined && c !== false) el.append(c);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`missing #${id}`);
  return el as T;
}

/** Replaces an element's content in one DOM operation. */
export function fill(el: HTMLElement, ...children: Child[]): void {
  const frag = document.createDocumentFragment();
  for (const c of children) if (c !== undefined && c !== false) frag.append(c);
  el.replaceChildren(frag);
}

export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path);
  const body = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `${res.status} ${path}`);
  return body;
}

/** A stable colour per actor: users green, faults red, controllers and nodes spread over the other hues. */
export function actorColour(actor: string): string {
  if (actor.startsWith('user:')) return 'hsl(140 55% 38%)';
  let hash = 0;
  for (let i = 0; i < actor.length; i++) hash = (hash * 31 + actor.charCodeAt(i)) >>> 0;
  const hue = actor.startsWith('node:') ? 190 + (hash % 60) : (hash % 300) + 30;
  const light = actor.startsWith('node:') ? 45 + (hash % 20) : 48;
  return `hsl(${hue} 60% ${light}%)`;
}

export function formatTime(epoch: number, t: number): string {
  return new Date(epoch + t).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}
