/**
 * Loads Kubernetes manifests: multi-document YAML and JSON (a single object,
 * an array, or a `kind: List` / `*List` with `items`) from a string, a file,
 * or a folder of `.yaml`/`.yml`/`.json` files (non-recursive, sorted by
 * name). Every object carries its source (file and document index), and
 * every error names the file and document, so a user can find the bad one.
 *
 * This is the only module of model/ that reads files, and only the files
 * the caller names.
 *
 * @example
 * const docs = loadManifestPath('fixtures/web');   // folder or file
 * for (const d of docs) console.log(d.source.file, d.source.document, d.object.kind);
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { KubeObject } from './object.js';

export interface ManifestSource {
  /** The file path, or the name given for a string (default `<string>`). */
  readonly file: string;
  /** 0-based index of the YAML document in the file. */
  readonly document: number;
  /** For objects unpacked from a List or a JSON array: their index in it. */
  readonly item?: number;
}

export interface ManifestObject {
  readonly object: KubeObject;
  readonly source: ManifestSource;
}

export class ManifestError extends Error {
  constructor(
    message: string,
    readonly source: ManifestSource,
  ) {
    super(`${where(source)}: ${message}`);
    this.name = 'ManifestError';
  }
}

const where = (s: ManifestSource): string =>
  `${s.file} (document ${s.document}${s.item === undefined ? '' : `, item ${s.item}`})`;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function toObject(value: unknown, source: ManifestSource, out: ManifestObject[]): void {
  if (Array.isArray(value)) {
    if (source.item !== undefined) throw new ManifestError('nested lists are not supported', source);
    value.forEach((v, i) => toObject(v, { ...source, item: i }, out));
    return;
  }
  if (!isPlainObject(value)) {
    throw new ManifestError(`expected an object with apiVersion and kind, found ${value === null ? 'null' : typeof value}`, source);
  }
  const kind = value.kind;
  const apiVersion = value.apiVersion;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items) && source.item === undefined) {
    value.items.forEach((v, i) => toObject(v, { ...source, item: i }, out));
    return;
  }
  if (typeof apiVersion !== 'string' || apiVersion === '') throw new ManifestError("object has no 'apiVersion'", source);
  if (typeof kind !== 'string' || kind === '') throw new ManifestError("object has no 'kind'", source);
  const metadata = value.metadata;
  if (metadata !== undefined && !isPlainObject(metadata)) throw new ManifestError("'metadata' must be an object", source);
  out.push({ object: { ...value, apiVersion, kind, metadata: metadata ?? {} } as KubeObject, source });
}

/**
 * Parses manifest text. JSON is YAML, so one parser reads both; a JSON file
 * holding one array or List is unpacked. Empty documents (`---` with
 * nothing, comments only) are skipped but still counted in document indexes.
 */
export function loadManifestString(text: string, file = '<string>'): ManifestObject[] {
  const out: ManifestObject[] = [];
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { prettyErrors: false, lineCounter });
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, document) => {
    const source: ManifestSource = { file, document };
    const err = doc.errors[0];
    if (err !== undefined) {
      const pos = lineCounter.linePos(err.pos[0]);
      throw new ManifestError(`invalid ${file.endsWith('.json') ? 'JSON' : 'YAML'} at line ${pos.line}, column ${pos.col}: ${err.message}`, source);
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return;
    toObject(value, source, out);
  });
  return out;
}

/** Reads and parses one file. */
export function loadManifestFile(path: string): ManifestObject[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ManifestError(`cannot read file: ${(e as Error).message}`, { file: path, document: 0 });
  }
  return loadManifestString(text, path);
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** The manifest files of a folder, sorted by name (code-unit order, not locale), non-recursive. */
export function manifestFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => MANIFEST_EXTENSIONS.has(extname(f).toLowerCase()))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile());
}

/** A file or a folder: every object, in file order then document order. */
export function loadManifestPath(path: string): ManifestObject[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw new ManifestError(`cannot read: ${(e as Error).message}`, { file: path, document: 0 });
  }
  return isDir ? manifestFiles(path).flatMap(loadManifestFile) : loadManifestFile(path);
}

/** Alias of `loadManifestPath`: a file or a folder. */
export const loadManifests = loadManifestPath;
