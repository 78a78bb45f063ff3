/**
 * The CLI's one error edge: anything thrown becomes one clear line on stderr
 * and a non-zero exit code. Kubernetes Status errors read as kubectl prints
 * them (`Error from server (NotFound): ...`).
 */
import { asStatus } from '../model/index.js';
import type { CliIo } from './io.js';

export function reportError(io: CliIo, e: unknown): number {
  const status = asStatus(e);
  if (status !== undefined) {
    io.err(`Error from server (${status.reason}): ${status.message}`);
  } else {
    io.err(`error: ${e instanceof Error ? e.message : String(e)}`);
  }
  return 1;
}
