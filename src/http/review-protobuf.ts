/**
 * Decoding of the protobuf bodies kubectl sends for access and identity
 * reviews (`kubectl auth can-i` posts its SelfSubjectAccessReview as
 * `application/vnd.kubernetes.protobuf`, accepting JSON back). Only what a
 * review carries is read: Kubernetes' envelope (`k8s\0` then a
 * runtime.Unknown whose `raw` is the object), ObjectMeta's namespace, and
 * the review specs by their generated.proto field numbers. Any other kind
 * in protobuf stays 415.
 */
import { badRequest } from '../model/index.js';

type Fields = Map<number, (Buffer | number)[]>;

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

function varint(buf: Buffer, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (let i = at; i < buf.length; i++) {
    const b = buf[i] ?? 0;
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [value, i + 1];
    if (shift > 63) break;
  }
  throw badRequest('the protobuf body is malformed');
}

/** A message's fields: varints as numbers, length-delimited fields as bytes (other wire types are skipped). */
function fields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let at = 0;
  while (at < buf.length) {
    const [key, next] = varint(buf, at);
    at = next;
    const field = Math.floor(key / 8);
    const wire = key % 8;
    let value: Buffer | number;
    if (wire === 0) [value, at] = varint(buf, at);
    else if (wire === 2) {
      const [len, start] = varint(buf, at);
      if (start + len > buf.length) throw badRequest('the protobuf body is malformed');
      value = buf.subarray(start, start + len);
      at = start + len;
    } else if (wire === 1 || wire === 5) {
      value = 0;
      at += wire === 1 ? 8 : 4;
    } else {
      throw badRequest('the protobuf body is malformed');
    }
    const list = out.get(field);
    if (list === undefined) out.set(field, [value]);
    else list.push(value);
  }
  return out;
}

const bytesOf = (f: Fields, n: number): Buffer | undefined => {
  const v = f.get(n)?.at(-1);
  return Buffer.isBuffer(v) ? v : undefined;
};
const strOf = (f: Fields, n: number): string => bytesOf(f, n)?.toString('utf8') ?? '';
const msgOf = (f: Fields, n: number): Fields | undefined => {
  const b = bytesOf(f, n);
  return b === undefined ? undefined : fields(b);
};

function compact(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ''));
}

function resourceAttributes(f: Fields): Record<string, string> {
  return compact({ namespace: strOf(f, 1), verb: strOf(f, 2), group: strOf(f, 3), version: strOf(f, 4), resource: strOf(f, 5), subresource: strOf(f, 6), name: strOf(f, 7) });
}

function accessSpec(f: Fields | undefined, withSubject: boolean): Record<string, unknown> {
  if (f === undefined) return {};
  const ra = msgOf(f, 1);
  const na = msgOf(f, 2);
  const groups = (f.get(4) ?? []).filter(Buffer.isBuffer).map((b) => b.toString('utf8'));
  return {
    ...(ra === undefined ? {} : { resourceAttributes: resourceAttributes(ra) }),
    ...(na === undefined ? {} : { nonResourceAttributes: compact({ path: strOf(na, 1), verb: strOf(na, 2) }) }),
    ...(withSubject && strOf(f, 3) !== '' ? { user: strOf(f, 3) } : {}),
    ...(withSubject && groups.length > 0 ? { groups } : {}),
  };
}

/** Whether a Content-Type names Kubernetes' protobuf encoding. */
export function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/vnd.kubernetes.protobuf';
}

/** The JSON form of a protobuf-encoded review, as the JSON decoder would have given it. */
export function decodeReview(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw badRequest('the protobuf body lacks the k8s envelope');
  const unknown = fields(body.subarray(4));
  const typeMeta = msgOf(unknown, 1);
  const raw = bytesOf(unknown, 2) ?? Buffer.alloc(0);
  const apiVersion = typeMeta === undefined ? '' : strOf(typeMeta, 1);
  const kind = typeMeta === undefined ? '' : strOf(typeMeta, 2);
  const o = fields(raw);
  const meta = msgOf(o, 1);
  const namespace = meta === undefined ? '' : strOf(meta, 3);
  const spec = msgOf(o, 2);
  const base = { apiVersion, kind, metadata: namespace === '' ? {} : { namespace } };
  switch (kind) {
    case 'SelfSubjectAccessReview':
      return { ...base, spec: accessSpec(spec, false) };
    case 'SubjectAccessReview':
    case 'LocalSubjectAccessReview':
      return { ...base, spec: accessSpec(spec, true) };
    case 'SelfSubjectRulesReview':
      return { ...base, spec: compact({ namespace: spec === undefined ? '' : strOf(spec, 1) }) };
    case 'SelfSubjectReview':
      return base;
    default:
      throw badRequest(`protobuf is not supported for ${kind === '' ? 'this kind' : kind}`);
  }
}
