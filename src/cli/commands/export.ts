/**
 * `chronokube export --history FILE --out FILE [--from REV] [--to REV] [-n NS]...`:
 * writes a slice of a history — a revision (or time) range, some namespaces —
 * to a new self-contained history file (the state at `--from` first, then
 * the later records, revisions renumbered). Secrets' values are redacted
 * unless `--include-secrets`.
 */
import { existsSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { exportHistory } from '../../debug/index.js';
import { openFileLog } from '../../log/index.js';
import type { CliIo } from '../io.js';
import { CliError, withSession } from '../session.js';
import { revOption } from './check.js';
import { prepareAt } from '../at-arg.js';

export interface ExportOptions {
  readonly history?: string;
  readonly out: string;
  readonly from?: string;
  readonly to?: string;
  readonly namespace?: readonly string[];
  readonly includeSecrets?: boolean;
  readonly force?: boolean;
}

export async function exportCommand(io: CliIo, opts: ExportOptions): Promise<number> {
  if (existsSync(opts.out)) {
    if (opts.force !== true) throw new CliError(`${opts.out} exists: pass --force to replace it`);
    for (const suffix of ['', '.checkpoints', '.lock']) rmSync(`${opts.out}${suffix}`, { force: true });
  }
  return withSession(opts.history, 'read', io.err, async (session) => {
    const header = session.log.header;
    await prepareAt(session, opts.from, opts.to);
    const fromRev = revOption(session.store, header.epoch, 'from', opts.from);
    const toRev = revOption(session.store, header.epoch, 'to', opts.to);
    const namespaces = opts.namespace ?? [];
    const meta = {
      ...header.meta,
      exportOf: basename(session.path),
      exportFrom: String(fromRev ?? session.store.compactedRev),
      exportTo: String(toRev ?? session.store.rev),
      ...(namespaces.length === 0 ? {} : { exportNamespaces: namespaces.join(',') }),
      secrets: opts.includeSecrets === true ? 'included' : 'redacted',
    };
    const log = await openFileLog(opts.out, { mode: 'write', header: { ...header, meta }, onWarning: io.err });
    try {
      let report;
      try {
        report = await exportHistory({
          store: session.store,
          records: session.log.read(),
          log,
          ...(fromRev === undefined ? {} : { fromRev }),
          ...(toRev === undefined ? {} : { toRev }),
          namespaces,
          includeSecrets: opts.includeSecrets === true,
        });
      } catch (e) {
        throw new CliError(e instanceof Error ? e.message : String(e));
      }
      const ns = namespaces.length === 0 ? 'every namespace' : `namespace${namespaces.length === 1 ? '' : 's'} ${namespaces.join(', ')}`;
      io.out(
        `exported revisions ${report.fromRev}..${report.toRev} of ${basename(session.path)} (${ns}): ${report.baseObjects} objects as of revision ${report.fromRev}, then ${report.writes - report.baseObjects} writes and ${report.others} other records → ${opts.out} (revisions 1..${report.writes})`,
      );
      io.out(opts.includeSecrets === true ? "Secrets' values are included" : `Secrets' values redacted (${report.redactedSecrets} objects; --include-secrets keeps them)`);
      return 0;
    } finally {
      await log.close();
    }
  });
}
