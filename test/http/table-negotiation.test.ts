import { describe, expect, it } from 'vitest';
import { negotiate } from '../../src/http/table-negotiation.js';

describe('negotiate', () => {
  it('gives a Table to clients that prefer one, JSON otherwise', () => {
    expect(negotiate('application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json')).toBe('table');
    expect(negotiate('application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json')).toBe('json');
    expect(negotiate('application/json, */*')).toBe('json');
    expect(negotiate(undefined)).toBe('json');
    expect(negotiate('application/vnd.kubernetes.protobuf,application/json')).toBe('json');
  });

  it('is 406 when nothing acceptable is offered', () => {
    expect(() => negotiate('application/vnd.kubernetes.protobuf')).toThrow(/application\/json/);
    expect(() => negotiate('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io')).toThrow();
  });
});
