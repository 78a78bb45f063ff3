import { describe, expect, it } from 'vitest';
import { isProtobuf, openEnvelope, readFields, readVarint, toInt32, toInt64 } from '../../../src/http/protobuf/wire-format.js';
import { envelope, fixed, int, str, varint } from './encode.js';
import { refusal as statusOf } from './refusal.js';

describe('protobuf wire format', () => {
  it('reads varints of one to ten bytes', () => {
    expect(readVarint(Buffer.from([0x05]), 0)).toEqual([5n, 1]);
    expect(readVarint(Buffer.from([0xac, 0x02]), 0)).toEqual([300n, 2]);
    expect(readVarint(varint(-1), 0)).toEqual([2n ** 64n - 1n, 10]);
    expect(toInt32(readVarint(varint(-2), 0)[0])).toBe(-2);
    expect(toInt64(readVarint(varint(-62135596800), 0)[0])).toBe(-62135596800);
  });

  it('refuses a truncated varint and one longer than ten bytes with 400', () => {
    expect(statusOf(() => readVarint(Buffer.from([0x80, 0x80]), 0))).toMatchObject({ code: 400, reason: 'BadRequest', message: expect.stringMatching(/varint at byte 0 is truncated/) });
    expect(statusOf(() => readVarint(Buffer.alloc(11, 0xff), 0)).message).toMatch(/longer than 10 bytes/);
  });

  it('splits a message into its records in order, keeping repeats', () => {
    const fields = readFields(Buffer.concat([str(1, 'a'), int(3, 7), str(1, 'b'), fixed(4, 8), fixed(5, 4)]));
    expect(fields.map((f) => [f.field, f.wire])).toEqual([
      [1, 2],
      [3, 0],
      [1, 2],
      [4, 1],
      [5, 5],
    ]);
    expect(fields[2]?.value).toEqual(Buffer.from('b'));
    expect(fields[1]?.value).toBe(7n);
  });

  it('refuses a length past the end, a truncated fixed field, groups and field 0 with 400', () => {
    const long = Buffer.from([0x0a, 0x05, 0x61]);
    expect(statusOf(() => readFields(long))).toMatchObject({ code: 400, message: expect.stringMatching(/field 1 at byte 0 has a length \(5\) past the end/) });
    expect(statusOf(() => readFields(Buffer.from([0x09, 0x00]))).message).toMatch(/field 1 at byte 0 is truncated/);
    expect(statusOf(() => readFields(Buffer.from([0x0b]))).message).toMatch(/wire type 3/);
    expect(statusOf(() => readFields(Buffer.from([0x02, 0x00]))).message).toMatch(/field number 0/);
  });

  it('opens the k8s envelope and refuses bodies without it', () => {
    const e = openEnvelope(envelope('apps/v1', 'Deployment', str(1, 'x')));
    expect(e.apiVersion).toBe('apps/v1');
    expect(e.kind).toBe('Deployment');
    expect(e.raw).toEqual(str(1, 'x'));
    expect(statusOf(() => openEnvelope(Buffer.from('{"kind":"Pod"}')))).toMatchObject({ code: 400, message: 'the protobuf body lacks the k8s envelope' });
  });

  it('refuses an encoded (compressed) raw object rather than misread it', () => {
    const gz = Buffer.concat([Buffer.from('k8s\0', 'latin1'), str(2, 'x'), str(3, 'gzip')]);
    expect(statusOf(() => openEnvelope(gz)).message).toMatch(/content encoding "gzip" is not supported/);
  });

  it('recognises the protobuf media type with or without parameters', () => {
    expect(isProtobuf('application/vnd.kubernetes.protobuf')).toBe(true);
    expect(isProtobuf('Application/Vnd.Kubernetes.Protobuf; charset=x')).toBe(true);
    expect(isProtobuf('application/vnd.kubernetes.protobuf;stream=watch')).toBe(true);
    expect(isProtobuf('application/json')).toBe(false);
    expect(isProtobuf(undefined)).toBe(false);
  });
});
