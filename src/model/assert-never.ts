/** Ends every switch over a tagged union, so a new case fails to compile where it is not handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
