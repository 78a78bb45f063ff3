/**
 * One entry for the three input formats, for the CLI and library users.
 *
 * @example
 * const h = importText('watch', text, 'pods.watch.json');
 */
import { importAudit } from './audit-import.js';
import type { ImportedHistory } from './imported-history.js';
import { importSnapshot } from './snapshot-import.js';
import { importWatchStream } from './watch-import.js';

export const IMPORT_FORMATS = ['audit', 'watch', 'snapshot'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export function isImportFormat(s: string): s is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(s);
}

export function importText(format: ImportFormat, text: string, file: string): ImportedHistory {
  switch (format) {
    case 'audit':
      return importAudit(text, { file });
    case 'watch':
      return importWatchStream(text, { file });
    case 'snapshot':
      return importSnapshot(text, { file });
  }
}
