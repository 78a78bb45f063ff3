import { describe, expect, it } from 'vitest';
import { parseField, referencedMessages } from '../../../src/http/protobuf/field-spec.js';

describe('protobuf table entries', () => {
  it('read name, mark and type', () => {
    expect(parseField('name')).toEqual({ json: 'name', type: { scalar: 'string' }, repeated: false, pointer: false, keep: false, inline: false });
    expect(parseField('replicas*:int32')).toMatchObject({ json: 'replicas', type: { scalar: 'int32' }, pointer: true });
    expect(parseField('containerPort!:int32')).toMatchObject({ keep: true });
    expect(parseField('ports[]:ContainerPort')).toMatchObject({ repeated: true, type: { message: 'ContainerPort' } });
    expect(parseField('limits:map<quantity>')).toMatchObject({ type: { map: { special: 'quantity' } } });
    expect(parseField('...:LocalObjectReference')).toMatchObject({ inline: true, type: { message: 'LocalObjectReference' } });
  });

  it('refuse what they cannot read, so a mistyped table fails at load', () => {
    expect(() => parseField('x:float')).toThrow(/unknown type "float"/);
    expect(() => parseField('x?')).toThrow(/cannot read/);
    expect(() => parseField('x*[]')).toThrow(/cannot read/);
  });

  it('name the messages a type refers to, through maps', () => {
    expect(referencedMessages(parseField('a:map<Foo>').type)).toEqual(['Foo']);
    expect(referencedMessages(parseField('a:int64').type)).toEqual([]);
  });
});
