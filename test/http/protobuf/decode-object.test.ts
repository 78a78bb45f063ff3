import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../src/http/body-reader.js';
import { decodeProtobufObject } from '../../../src/http/protobuf/decode-object.js';
import { bytes, entry, envelope, fixed, int, msg, str } from './encode.js';
import { refusal } from './refusal.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const meta = (name: string): Buffer => msg(1, str(1, name));

describe('protobuf bodies kubectl 1.32 sent (captured with -v=9)', () => {
  const names = readdirSync(FIXTURES)
    .filter((n) => n.endsWith('.bin'))
    .map((n) => n.slice(0, -4))
    .sort();

  it('has a capture for every imperative create that sends protobuf', () => {
    expect(names.length).toBeGreaterThanOrEqual(21);
  });

  it.each(names)('%s decodes to the JSON kubectl prints for --dry-run=client -o json', (name) => {
    const got = decodeProtobufObject(readFileSync(join(FIXTURES, `${name}.bin`)));
    const want = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as unknown;
    expect(got).toEqual(want);
  });

  it('refuses any truncation of a real body inside its object with 400, never a half-read object', () => {
    const body = readFileSync(join(FIXTURES, 'deploy.bin'));
    // The last four bytes are the envelope's empty contentEncoding and contentType: cutting there leaves a whole body.
    for (let end = 5; end < body.length - 4; end += 3) {
      const r = refusal(() => decodeProtobufObject(body.subarray(0, end)));
      expect(r.code, `cut at ${end}`).toBe(400);
      expect(r.message).toMatch(/^the protobuf body is malformed: /);
    }
  });
});

describe('decodeProtobufObject on hand-encoded bytes', () => {
  it('writes Go JSON: omitempty zeros dropped, pointers and required fields kept, structs kept', () => {
    const d = decodeProtobufObject(
      envelope(
        'apps/v1',
        'Deployment',
        msg(1, str(1, 'web'), str(2, ''), int(7, 0), msg(8)),
        msg(2, int(1, 0), int(5, 0), int(7, false), msg(4, str(1, '')), msg(3, msg(2, msg(2, str(1, 'c'), msg(6, int(3, 0)), msg(8))))),
      ),
    );
    expect(d).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', creationTimestamp: null },
      spec: { replicas: 0, strategy: {}, template: { spec: { containers: [{ name: 'c', ports: [{ containerPort: 0 }], resources: {} }] } } },
    });
  });

  it('reads maps, bytes as base64, Quantity, IntOrString both ways, negative ints and packed lists', () => {
    const secret = decodeProtobufObject(envelope('v1', 'Secret', meta('s'), entry(2, 'bin', bytes(2, Buffer.from([0, 0xff, 0x10]))), entry(2, 'empty'), str(3, 'Opaque')));
    expect(secret).toMatchObject({ data: { bin: 'AP8Q', empty: '' }, type: 'Opaque' });
    const quota = decodeProtobufObject(envelope('v1', 'ResourceQuota', meta('q'), msg(2, entry(1, 'cpu', msg(2, str(1, '500m'))), entry(1, 'pods', msg(2)))));
    expect(quota).toMatchObject({ spec: { hard: { cpu: '500m', pods: '0' } } });
    const svc = decodeProtobufObject(
      envelope('v1', 'Service', meta('s'), msg(2, msg(1, int(3, 80), msg(4, int(1, 0), int(2, 8080))), msg(1, int(3, 81), msg(4, int(1, 1), str(3, 'http'))))),
    );
    expect(svc).toMatchObject({ spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 81, targetPort: 'http' }] } });
    const pod = decodeProtobufObject(
      envelope('v1', 'Pod', meta('p'), msg(2, msg(14, int(2, -1), bytes(4, Buffer.from([1, 2, 0x90, 0x03])), int(4, 7)), int(25, -5))),
    );
    expect(pod).toMatchObject({ spec: { securityContext: { runAsUser: -1, supplementalGroups: [1, 2, 400, 7] }, priority: -5 } });
  });

  it('writes times as RFC 3339 in UTC, a zero time as null', () => {
    const job = decodeProtobufObject(envelope('batch/v1', 'Job', msg(1, str(1, 'j'), msg(8, int(1, 1700000000))), msg(3, msg(2, int(1, 1700000000), int(2, 5)), msg(3))));
    expect(job).toMatchObject({ metadata: { creationTimestamp: '2023-11-14T22:13:20Z' }, status: { startTime: '2023-11-14T22:13:20Z', completionTime: null } });
  });

  it('reads a StatefulSet with its claim templates and a ControllerRevision\'s raw JSON data', () => {
    const sts = decodeProtobufObject(
      envelope(
        'apps/v1',
        'StatefulSet',
        meta('db'),
        msg(2, int(1, 3), str(5, 'db'), msg(4, meta('data'), msg(2, str(1, 'ReadWriteOnce'), msg(2, entry(2, 'storage', msg(2, str(1, '1Gi'))))), msg(3)), msg(7, str(1, 'OnDelete'))),
        msg(3, int(2, 0), int(11, 0)),
      ),
    );
    expect(sts).toMatchObject({
      spec: { replicas: 3, serviceName: 'db', updateStrategy: { type: 'OnDelete' }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }, status: {} }] },
      status: { replicas: 0, availableReplicas: 0 },
    });
    const rev = decodeProtobufObject(envelope('apps/v1', 'ControllerRevision', meta('db-1'), msg(2, str(1, '{"spec":{"x":1}}')), int(3, 1)));
    expect(rev).toMatchObject({ data: { spec: { x: 1 } }, revision: 1 });
    expect(refusal(() => decodeProtobufObject(envelope('apps/v1', 'ControllerRevision', meta('r'), msg(2, str(1, '{oops')))))).toMatchObject({ code: 400, message: expect.stringMatching(/RawExtension does not hold JSON/) });
  });

  it('reads pod affinity and anti-affinity terms', () => {
    const term = msg(1, msg(1, entry(1, 'app', str(2, 'web'))), str(3, 'kubernetes.io/hostname'));
    const pod = decodeProtobufObject(
      envelope(
        'v1',
        'Pod',
        meta('p'),
        msg(2, msg(18, msg(1, msg(1, msg(1, msg(1, str(1, 'zone'), str(2, 'In'), str(3, 'a'))))), msg(3, msg(2, int(1, 50), msg(2, msg(1, entry(1, 'app', str(2, 'web'))), str(3, 'zone')))), msg(2, term))),
      ),
    );
    expect(pod).toMatchObject({
      spec: {
        affinity: {
          nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } },
          podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'zone' } }] },
          podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] },
        },
      },
    });
  });

  it('merges embedded structs into their parent (ConfigMapKeySelector carries name inline)', () => {
    const pod = decodeProtobufObject(
      envelope('v1', 'Pod', meta('p'), msg(2, msg(2, str(1, 'c'), msg(7, str(1, 'A'), msg(3, msg(3, msg(1, str(1, 'cfg')), str(2, 'k'), int(3, true))))))),
    );
    expect(pod).toMatchObject({ spec: { containers: [{ name: 'c', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k', optional: true } } }] }] } });
  });

  it('refuses a field number its table lacks with 415 naming the message, the kind and the number', () => {
    const r = refusal(() => decodeProtobufObject(envelope('apps/v1', 'Deployment', meta('x'), msg(2, msg(3, msg(2, int(99, 1)))))));
    expect(r).toEqual({ code: 415, reason: 'UnsupportedMediaType', message: 'chronokube cannot decode field 99 of PodSpec (in Deployment) in protobuf; send JSON' });
    expect(refusal(() => decodeProtobufObject(envelope('v1', 'ConfigMap', meta('x'), str(9, 'y')))).message).toBe(
      'chronokube cannot decode field 9 of ConfigMap in protobuf; send JSON',
    );
    expect(refusal(() => decodeProtobufObject(envelope('v1', 'Secret', meta('x'), msg(2, str(1, 'k'), str(3, 'extra'))))).message).toBe(
      'chronokube cannot decode field 3 of a map entry (in Secret) in protobuf; send JSON',
    );
    expect(refusal(() => decodeProtobufObject(envelope('v1', 'Service', meta('x'), msg(2, msg(1, msg(4, int(4, 1))))))).message).toMatch(/field 4 of IntOrString \(in Service\)/);
  });

  it('refuses a kind without a table with 415', () => {
    const r = refusal(() => decodeProtobufObject(envelope('v1', 'Node', meta('x'))));
    expect(r).toEqual({ code: 415, reason: 'UnsupportedMediaType', message: 'chronokube cannot decode v1, Kind=Node in protobuf; send JSON' });
    expect(refusal(() => decodeProtobufObject(envelope('', '', meta('x')))).message).toMatch(/an object without a kind/);
  });

  it('refuses a field sent with the wrong wire type with 400', () => {
    expect(refusal(() => decodeProtobufObject(envelope('v1', 'ConfigMap', int(1, 5))))).toMatchObject({ code: 400, message: expect.stringMatching(/field 1 of ConfigMap has wire type 0, expected 2/) });
    expect(refusal(() => decodeProtobufObject(envelope('apps/v1', 'Deployment', msg(2, str(1, 'x'))))).message).toMatch(/field 1 of DeploymentSpec has wire type 2, expected 0/);
    expect(refusal(() => decodeProtobufObject(envelope('apps/v1', 'Deployment', msg(2, fixed(1, 4))))).code).toBe(400);
  });

  it('is what decodeBody gives for the protobuf media type', () => {
    const body = envelope('v1', 'Namespace', meta('n1'));
    expect(decodeBody(body, 'application/vnd.kubernetes.protobuf')).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n1' } });
    expect(refusal(() => decodeBody(body, 'application/cbor'))).toMatchObject({ code: 415 });
  });
});
