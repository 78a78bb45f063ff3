/**
 * Turns a Kubernetes protobuf body into the JSON object kube-apiserver
 * would have stored: each field is read by its message table and written
 * under its JSON name the way Go's encoding/json writes the decoded struct
 * (omitempty zero scalars dropped, structs kept, a zero Time as null, bytes
 * as base64, Quantity as its string, IntOrString as a number or string).
 *
 * Guarantees: nothing is half-read. A field number a table does not know,
 * or a kind without a table, is 415 UnsupportedMediaType naming it ("send
 * JSON"); bytes that are not well-formed protobuf, or a field sent with the
 * wrong wire type, are 400 BadRequest.
 */
import { unsupportedMediaType } from '../../model/index.js';
import type { FieldSpec, Special, ValueType } from './field-spec.js';
import type { MessageTable } from './message-tables.js';
import { MESSAGES, messageOfKind } from './message-tables.js';
import type { WireField } from './wire-format.js';
import { malformed, openEnvelope, readFields, readVarint, toInt32, toInt64 } from './wire-format.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Decodes an enveloped protobuf body (as kubectl's typed clients send it) into its JSON object. */
export function decodeProtobufObject(body: Buffer): Record<string, Json> {
  const envelope = openEnvelope(body);
  const { apiVersion, kind } = envelope;
  const message = messageOfKind(apiVersion, kind);
  if (message === undefined) {
    const what = kind === '' ? 'an object without a kind' : `${apiVersion}, Kind=${kind}`;
    throw unsupportedMediaType(`chronokube cannot decode ${what} in protobuf; send JSON`);
  }
  return { apiVersion, kind, ...decodeMessage(message, envelope.raw, kind) };
}

function tableOf(name: string): MessageTable {
  const table = MESSAGES.get(name);
  if (table === undefined) throw new Error(`protobuf table: no message ${name}`);
  return table;
}

function cannotDecode(field: number, message: string, kind: string): Error {
  const where = message === kind ? message : `${message} (in ${kind})`;
  return unsupportedMediaType(`chronokube cannot decode field ${field} of ${where} in protobuf; send JSON`);
}

function decodeMessage(name: string, buf: Buffer, kind: string): Record<string, Json> {
  const table = tableOf(name);
  const out: Record<string, Json> = {};
  const specs = new Map<string, FieldSpec>();
  for (const f of readFields(buf)) {
    const spec = table.get(f.field);
    if (spec === undefined) throw cannotDecode(f.field, name, kind);
    const at = `field ${f.field} of ${name}`;
    if (spec.inline) {
      Object.assign(out, decodeMessage(messageName(spec.type), bytes(f, at), kind));
      continue;
    }
    specs.set(spec.json, spec);
    if ('map' in spec.type) {
      const [key, value] = mapEntry(spec.type.map, bytes(f, at), `${at} (a map entry)`, kind);
      const map = (out[spec.json] ??= {}) as Record<string, Json>;
      map[key] = value;
    } else if (spec.repeated) {
      const list = (out[spec.json] ??= []) as Json[];
      list.push(...repeatedValues(spec.type, f, at, kind));
    } else {
      out[spec.json] = value(spec.type, f, at, kind);
    }
  }
  for (const [json, spec] of specs) if (omitted(spec, out[json])) delete out[json];
  return out;
}

/** Go's omitempty: zero scalars of plain (non-pointer) fields, and empty lists and maps, are not written. */
function omitted(spec: FieldSpec, v: Json | undefined): boolean {
  if (v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if ('map' in spec.type) return typeof v === 'object' && v !== null && Object.keys(v).length === 0;
  if (spec.pointer || spec.keep || !('scalar' in spec.type)) return false;
  return v === '' || v === 0 || v === false;
}

function messageName(t: ValueType): string {
  if (!('message' in t)) throw new Error('protobuf table: an inline field must be a message');
  return t.message;
}

function bytes(f: WireField, at: string): Buffer {
  if (!Buffer.isBuffer(f.value) || f.wire !== 2) throw malformed(`${at} has wire type ${f.wire}, expected 2 (length-delimited)`);
  return f.value;
}

function varint(f: WireField, at: string): bigint {
  if (typeof f.value !== 'bigint') throw malformed(`${at} has wire type ${f.wire}, expected 0 (varint)`);
  return f.value;
}

/** A repeated field's values from one record: one value, or several when a varint list arrives packed. */
function repeatedValues(t: ValueType, f: WireField, at: string, kind: string): Json[] {
  if ('scalar' in t && t.scalar !== 'string' && t.scalar !== 'bytes' && f.wire === 2) {
    const packed = bytes(f, at);
    const out: Json[] = [];
    for (let i = 0; i < packed.length; ) {
      const [v, next] = readVarint(packed, i);
      out.push(scalarOf(t.scalar, v));
      i = next;
    }
    return out;
  }
  return [value(t, f, at, kind)];
}

function scalarOf(s: 'int32' | 'int64' | 'bool', v: bigint): Json {
  if (s === 'bool') return v !== 0n;
  return s === 'int32' ? toInt32(v) : toInt64(v);
}

function value(t: ValueType, f: WireField, at: string, kind: string): Json {
  if ('scalar' in t) {
    switch (t.scalar) {
      case 'string':
        return bytes(f, at).toString('utf8');
      case 'bytes':
        return bytes(f, at).toString('base64');
      case 'int32':
      case 'int64':
      case 'bool':
        return scalarOf(t.scalar, varint(f, at));
    }
  }
  if ('special' in t) return special(t.special, bytes(f, at), kind);
  if ('message' in t) return decodeMessage(t.message, bytes(f, at), kind);
  throw new Error(`protobuf table: a map nested in a map at ${at}`);
}

/** One protobuf map entry: key 1 (a string in every Kubernetes map), value 2 (its zero value when absent). */
function mapEntry(t: ValueType, buf: Buffer, at: string, kind: string): [string, Json] {
  let key = '';
  let v: Json | undefined;
  for (const f of readFields(buf)) {
    if (f.field === 1) key = bytes(f, `${at} key`).toString('utf8');
    else if (f.field === 2) v = value(t, f, `${at} value`, kind);
    else throw cannotDecode(f.field, 'a map entry', kind);
  }
  return [key, v ?? zeroOf(t, kind)];
}

function zeroOf(t: ValueType, kind: string): Json {
  if ('scalar' in t) return t.scalar === 'int32' || t.scalar === 'int64' ? 0 : t.scalar === 'bool' ? false : '';
  if ('special' in t) return special(t.special, Buffer.alloc(0), kind);
  return {};
}

/** Fields of a special message by number; any other number is refused like an unknown field. */
function fieldsOf(name: string, buf: Buffer, known: readonly number[], kind: string): Map<number, WireField> {
  const out = new Map<number, WireField>();
  for (const f of readFields(buf)) {
    if (!known.includes(f.field)) throw cannotDecode(f.field, name, kind);
    out.set(f.field, f);
  }
  return out;
}

function special(s: Special, buf: Buffer, kind: string): Json {
  switch (s) {
    case 'quantity': {
      // resource.Quantity {1 string}; the zero Quantity is written "0".
      const f = fieldsOf('Quantity', buf, [1], kind).get(1);
      const text = f === undefined ? '' : bytes(f, 'field 1 of Quantity').toString('utf8');
      return text === '' ? '0' : text;
    }
    case 'intstr': {
      // intstr.IntOrString {1 type (0 int, 1 string), 2 intVal, 3 strVal}.
      const f = fieldsOf('IntOrString', buf, [1, 2, 3], kind);
      const type = f.get(1);
      if (type !== undefined && toInt64(varint(type, 'field 1 of IntOrString')) === 1) {
        const str = f.get(3);
        return str === undefined ? '' : bytes(str, 'field 3 of IntOrString').toString('utf8');
      }
      const int = f.get(2);
      return int === undefined ? 0 : toInt32(varint(int, 'field 2 of IntOrString'));
    }
    case 'time':
    case 'microtime':
      return timestamp(s, buf, kind);
    case 'fieldsv1':
    case 'rawextension': {
      // FieldsV1 and runtime.RawExtension: {1 raw}, JSON bytes written as the JSON they hold.
      const name = s === 'fieldsv1' ? 'FieldsV1' : 'RawExtension';
      const raw = fieldsOf(name, buf, [1], kind).get(1);
      if (raw === undefined) return null;
      try {
        return JSON.parse(bytes(raw, `field 1 of ${name}`).toString('utf8')) as Json;
      } catch {
        throw malformed(`a ${name} does not hold JSON`);
      }
    }
    case 'extra':
      // authentication's ExtraValue {repeated string items = 1}.
      return readFields(buf).map((f) => {
        if (f.field !== 1) throw cannotDecode(f.field, 'ExtraValue', kind);
        return bytes(f, 'field 1 of ExtraValue').toString('utf8');
      });
  }
}

/**
 * metav1.Time / MicroTime {1 seconds, 2 nanos} as Go writes them: RFC 3339
 * in UTC, to the second (Time) or microsecond (MicroTime); an empty
 * message is the zero time, written null.
 */
function timestamp(s: 'time' | 'microtime', buf: Buffer, kind: string): Json {
  if (buf.length === 0) return null;
  const name = s === 'time' ? 'Time' : 'MicroTime';
  const f = fieldsOf(name, buf, [1, 2], kind);
  const sf = f.get(1);
  const nf = f.get(2);
  const seconds = sf === undefined ? 0 : toInt64(varint(sf, `field 1 of ${name}`));
  const nanos = nf === undefined ? 0 : toInt32(varint(nf, `field 2 of ${name}`));
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) throw malformed(`a ${name} of ${seconds} seconds is out of range`);
  const iso = date.toISOString().replace(/\.\d{3}Z$/, '');
  if (s === 'time') return `${iso}Z`;
  return `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}
