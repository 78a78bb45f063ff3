/** The Status a call throws (its code, reason and message), for asserting refusals. */
export function refusal(f: () => unknown): { code: number; reason: string; message: string } {
  try {
    f();
  } catch (e) {
    const status = (e as { status?: { code?: number; reason?: string; message?: string } }).status;
    if (status === undefined) throw e;
    return { code: status.code ?? 0, reason: status.reason ?? '', message: status.message ?? '' };
  }
  throw new Error('expected a Status error');
}
