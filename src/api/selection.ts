/**
 * Label and field selectors from a request, turned into one predicate over
 * objects. Parse errors and unsupported fields are 400 BadRequest with
 * Kubernetes' wording, before anything is read.
 */
import type { KindInfo, KubeObject } from '../model/index.js';
import {
  badRequest,
  checkFieldSelector,
  fieldsMatch,
  isEverything,
  matches,
  parseFieldSelector,
  parseSelector,
  selectableFields,
} from '../model/index.js';

export interface SelectorParams {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

/** A predicate for `params` on objects of `info`, or undefined when it selects everything. */
export function selectionFilter(info: KindInfo, params: SelectorParams): ((o: KubeObject) => boolean) | undefined {
  const label = params.labelSelector === undefined || params.labelSelector === '' ? undefined : parseLabels(params.labelSelector);
  const field = params.fieldSelector === undefined || params.fieldSelector === '' ? undefined : parseFields(info, params.fieldSelector);
  if (label === undefined && field === undefined) return undefined;
  return (o) =>
    (label === undefined || matches(label, o.metadata.labels)) && (field === undefined || fieldsMatch(field, selectableFields(info, o)));
}

function parseLabels(s: string): ReturnType<typeof parseSelector> | undefined {
  try {
    const sel = parseSelector(s);
    return isEverything(sel) ? undefined : sel;
  } catch (e) {
    throw badRequest(`unable to parse requirement: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function parseFields(info: KindInfo, s: string): ReturnType<typeof parseFieldSelector> {
  let sel: ReturnType<typeof parseFieldSelector>;
  try {
    sel = parseFieldSelector(s);
  } catch (e) {
    throw badRequest(`invalid field selector: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    checkFieldSelector(info, sel);
  } catch (e) {
    throw badRequest(e instanceof Error ? e.message : String(e));
  }
  return sel;
}
