/**
 * `chronokube import --format audit|watch|snapshot FILE --out HISTORY [--force]`:
 * builds a history from what a real cluster left behind — a Kubernetes
 * audit log (audit.k8s.io/v1 Event lines), a saved watch stream
 * (`kubectl get -w --output-watch-events -o json`) or a multi-document YAML
 * snapshot — and writes it atomically. A bad input fails with the line (and
 * column) that failed, and nothing is written.
 */
import { readFileSync } from 'node:fs';
import { ImportError, importText, isImportFormat, IMPORT_FORMATS, writeImportedHistory } from '../../debug/index.js';
import type { CliIo } from '../io.js';
import { CliError } from '../session.js';

export interface ImportOptions {
  readonly format: string;
  readonly out: string;
  readonly force?: boolean;
}

export async function importCommand(io: CliIo, file: string, opts: ImportOptions): Promise<number> {
  if (!isImportFormat(opts.format)) throw new CliError(`--format ${opts.format} is not one of ${IMPORT_FORMATS.join(', ')}`);
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
  }
  let imported;
  try {
    imported = importText(opts.format, text, file === '-' ? '<stdin>' : file);
  } catch (e) {
    if (e instanceof ImportError) throw new CliError(`${e.message} (nothing was written)`);
    throw e;
  }
  try {
    await writeImportedHistory(opts.out, imported, { overwrite: opts.force === true });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const s = imported.stats;
  const unknown = s.unknownBodies === 0 ? '' : `, ${s.unknownBodies} with bodies the source did not log`;
  io.out(`imported ${s.read} ${opts.format === 'audit' ? 'lines' : opts.format === 'watch' ? 'events' : 'objects'} from ${file}: ${s.writes} writes${unknown}, ${s.attempts} refused requests, ${s.skipped} skipped → ${opts.out}`);
  io.out(`open it: chronokube history --history ${opts.out}`);
  return 0;
}
