/**
 * How a message table names its fields. Each generated.proto field is one
 * entry `number: 'jsonName<mark>:type'`, short enough that a table reads
 * like the .proto it copies:
 *
 * - marks: `[]` repeated; `*` a Go pointer (sent only when set, so kept in
 *   JSON even when zero); `!` a Go field without `omitempty` (kept in JSON
 *   even when zero); none: a Go `omitempty` field, dropped when zero.
 * - type (default `string`): `string`, `bytes` (base64 in JSON), `int32`,
 *   `int64`, `bool`, `quantity`, `intstr`, `time`, `microtime`,
 *   `fieldsv1` and `rawextension` (raw JSON bytes), `extra` (authentication's ExtraValue, a list of strings),
 *   `map<T>` (protobuf map entries with key 1, value 2 of type T), or a
 *   message's name.
 * - the name `...` embeds the message inline (Go's embedded struct).
 *
 * Go's `encoding/json` decides what the stored object holds: omitempty
 * drops "", 0, false, empty lists and maps, never a struct; a zero
 * metav1.Time is `null`.
 */

export type Scalar = 'string' | 'bytes' | 'int32' | 'int64' | 'bool';
export type Special = 'quantity' | 'intstr' | 'time' | 'microtime' | 'fieldsv1' | 'rawextension' | 'extra';
export type ValueType = { readonly scalar: Scalar } | { readonly special: Special } | { readonly message: string } | { readonly map: ValueType };

export interface FieldSpec {
  readonly json: string;
  readonly type: ValueType;
  readonly repeated: boolean;
  readonly pointer: boolean;
  readonly keep: boolean;
  readonly inline: boolean;
}

/** A message's fields by number, as written in a table. */
export type MessageSource = Readonly<Record<number, string>>;

const SCALARS = new Set<string>(['string', 'bytes', 'int32', 'int64', 'bool']);
const SPECIALS = new Set<string>(['quantity', 'intstr', 'time', 'microtime', 'fieldsv1', 'rawextension', 'extra']);

function valueType(text: string): ValueType {
  const map = /^map<(.+)>$/.exec(text);
  if (map !== null) return { map: valueType(map[1] ?? '') };
  if (SCALARS.has(text)) return { scalar: text as Scalar };
  if (SPECIALS.has(text)) return { special: text as Special };
  if (/^[A-Z][A-Za-z0-9]*$/.test(text)) return { message: text };
  throw new Error(`protobuf table: unknown type ${JSON.stringify(text)}`);
}

/** Parses one table entry; a mistake in a table throws at load, so a test catches it. */
export function parseField(source: string): FieldSpec {
  const m = /^(\.\.\.|[A-Za-z][A-Za-z0-9]*)(\[\]|\*|!)?(?::(.+))?$/.exec(source);
  if (m === null) throw new Error(`protobuf table: cannot read ${JSON.stringify(source)}`);
  const [, json = '', mark, type = 'string'] = m;
  return {
    json,
    type: valueType(type),
    repeated: mark === '[]',
    pointer: mark === '*',
    keep: mark === '!',
    inline: json === '...',
  };
}

/** The message names a type refers to (for checking that every table a table names exists). */
export function referencedMessages(t: ValueType): string[] {
  if ('message' in t) return [t.message];
  if ('map' in t) return referencedMessages(t.map);
  return [];
}
