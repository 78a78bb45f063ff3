import { describe, expect, it } from 'vitest';
import {
  checkFieldSelector,
  FieldLabelNotSupportedError,
  fieldSelectorToString,
  fieldsMatch,
  parseFieldSelector,
  selectableFields,
} from '../../../src/model/fields/index.js';
import { KindRegistry } from '../../../src/model/kinds/index.js';

const reg = new KindRegistry();
const pods = reg.resolve('pods')!;

describe('field selectors', () => {
  it('parses =, == and != and matches absent fields as empty', () => {
    const sel = parseFieldSelector('spec.nodeName=n1,status.phase!=Failed,metadata.name==p');
    expect(fieldsMatch(sel, { 'spec.nodeName': 'n1', 'status.phase': 'Running', 'metadata.name': 'p' })).toBe(true);
    expect(fieldsMatch(parseFieldSelector('spec.nodeName='), {})).toBe(true);
    expect(fieldsMatch(parseFieldSelector('spec.nodeName!='), {})).toBe(false);
    expect(fieldsMatch(parseFieldSelector(''), {})).toBe(true);
  });

  it('handles escapes and reports malformed terms as Kubernetes', () => {
    const sel = parseFieldSelector('metadata.name=a\\,b\\=c');
    expect(sel[0]?.value).toBe('a,b=c');
    expect(fieldSelectorToString(sel)).toBe('metadata.name=a\\,b\\=c');
    expect(() => parseFieldSelector('foo')).toThrow("invalid selector: 'foo'; can't understand 'foo'");
    expect(() => parseFieldSelector('a=b=c')).toThrow('invalid field selector: unescaped character =');
    expect(() => parseFieldSelector('a=b\\x')).toThrow('invalid field selector: invalid escape sequence: \\x');
  });

  it('refuses unsupported fields with "field label not supported"', () => {
    expect(() => checkFieldSelector(pods, parseFieldSelector('spec.nodeName=a,status.phase=Running'))).not.toThrow();
    expect(() => checkFieldSelector(pods, parseFieldSelector('spec.containers=a'))).toThrow(
      new FieldLabelNotSupportedError('spec.containers'),
    );
    expect(() => checkFieldSelector(reg.resolve('deploy')!, parseFieldSelector('status.replicas=1'))).toThrow(
      'field label not supported: status.replicas',
    );
    expect(() => checkFieldSelector(reg.resolve('rs')!, parseFieldSelector('status.replicas=1'))).not.toThrow();
  });

  it('computes per-kind values the way Kubernetes does', () => {
    const pod = {
      metadata: { name: 'p', namespace: 'ns' },
      spec: { nodeName: 'n1', restartPolicy: 'Always' },
      status: { phase: 'Running', podIPs: [{ ip: '10.0.0.1' }] },
    };
    const f = selectableFields(pods, pod);
    expect(f).toMatchObject({
      'metadata.name': 'p',
      'metadata.namespace': 'ns',
      'spec.nodeName': 'n1',
      'spec.hostNetwork': 'false',
      'status.podIP': '10.0.0.1',
      'spec.serviceAccountName': '',
    });
    expect(selectableFields(reg.resolve('nodes')!, { metadata: { name: 'n' } })['spec.unschedulable']).toBe('false');
    expect(selectableFields(reg.resolve('events')!, { metadata: { name: 'e' }, source: { component: 'kubelet' } }).source).toBe('kubelet');
    expect(selectableFields(reg.resolve('jobs')!, { metadata: { name: 'j' }, status: { succeeded: 1 } })['status.successful']).toBe('0');
    expect(selectableFields(reg.resolve('rs')!, { metadata: { name: 'r' }, status: { replicas: 3 } })['status.replicas']).toBe('3');
  });
});
