/**
 * JSON Pointers for the JSON Patch verb: parsing comes from the model's one
 * pointer module (so escaping has exactly one implementation); this adds the
 * verb's needs — a malformed pointer as `undefined` rather than a throw, and
 * RFC 6902's array-index rule (decimal, no leading zeros, `-` meaning "past
 * the end" for `add` only).
 */
import { parsePointer as parseModelPointer } from '../../model/index.js';

/** The reference tokens of a pointer; `''` is the whole document (no tokens). Undefined when malformed. */
export function parsePointer(pointer: string): string[] | undefined {
  try {
    return parseModelPointer(pointer);
  } catch {
    return undefined;
  }
}

/** An array index token as a number, or undefined if the token is not one (`-` is handled by callers). */
export function arrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}
