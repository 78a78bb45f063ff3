import { describe, expect, it } from 'vitest';
import { decodeReview, isProtobuf } from '../../src/http/review-protobuf.js';
import { envelope, int, msg, str } from './protobuf/encode.js';

describe('protobuf reviews', () => {
  it('reads a SelfSubjectAccessReview as kubectl auth can-i sends it', () => {
    const body = envelope(
      'authorization.k8s.io/v1',
      'SelfSubjectAccessReview',
      msg(1, str(3, '')),
      msg(2, msg(1, str(1, 'team'), str(2, 'get'), str(3, ''), str(4, ''), str(5, 'pods'), str(6, ''), str(7, ''))),
      msg(3, int(1, false), str(2, ''), str(3, '')),
    );
    expect(decodeReview(body)).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: {},
      spec: { resourceAttributes: { namespace: 'team', verb: 'get', resource: 'pods' } },
      status: { allowed: false },
    });
  });

  it('reads a SubjectAccessReview with its user, groups and extra', () => {
    const body = envelope(
      'authorization.k8s.io/v1',
      'SubjectAccessReview',
      msg(2, msg(2, str(1, '/healthz'), str(2, 'get')), str(3, 'bob'), str(4, 'devs'), str(4, 'ops'), msg(5, str(1, 'scope'), msg(2, str(1, 'a'), str(1, 'b')))),
    );
    expect(decodeReview(body)).toMatchObject({ spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' }, user: 'bob', groups: ['devs', 'ops'], extra: { scope: ['a', 'b'] } } });
  });

  it('is still recognised by media type', () => {
    expect(isProtobuf('application/vnd.kubernetes.protobuf')).toBe(true);
  });
});
