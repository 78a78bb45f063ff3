import { describe, expect, it } from 'vitest';
import { truncateMessage, unschedulableMessage } from '../../../src/controllers/scheduler/fit-error.js';
import { rejection } from '../../../src/controllers/scheduler/filters/filter.js';

const cpu = rejection('NodeResourcesFit', 'Unschedulable', 'Insufficient cpu');
const cpuMem = rejection('NodeResourcesFit', 'Unschedulable', 'Insufficient cpu', 'Insufficient memory');
const taint = rejection('TaintToleration', 'UnschedulableAndUnresolvable', 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }');
const affinity = rejection('NodeAffinity', 'UnschedulableAndUnresolvable', "node(s) didn't match Pod's node affinity/selector");

describe('unschedulableMessage', () => {
  it("words kube-scheduler's FitError and preemption result", () => {
    expect(unschedulableMessage({ numAllNodes: 3, statuses: [cpu, cpu, cpu] }, false)).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    );
  });

  it('counts every reason of a node and sorts "N reason" as strings', () => {
    const statuses = [...Array(10).fill(affinity), cpuMem, cpuMem, cpu, taint];
    expect(unschedulableMessage({ numAllNodes: 14, statuses }, false)).toBe(
      "0/14 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 10 node(s) didn't match Pod's node affinity/selector, 2 Insufficient memory, 3 Insufficient cpu. " +
        'preemption: 0/14 nodes are available: 11 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    );
  });

  it('reports nodes a PreFilter excluded with its status', () => {
    const absent = rejection('NodeAffinity', 'UnschedulableAndUnresolvable', "node(s) didn't satisfy plugin(s) [NodeAffinity]");
    expect(unschedulableMessage({ numAllNodes: 46, statuses: [rejection('NodeResourcesFit', 'Unschedulable', 'Too many pods')], absent }, false)).toBe(
      "0/46 nodes are available: 1 Too many pods, 45 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/46 nodes are available: 1 No preemption victims found for incoming pod, 45 Preemption is not helpful for scheduling.",
    );
  });

  it('says so when the pod may not preempt', () => {
    expect(unschedulableMessage({ numAllNodes: 1, statuses: [cpu] }, true)).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('uses a PreFilter rejection instead of per-node reasons', () => {
    const conflict = rejection('NodeAffinity', 'UnschedulableAndUnresolvable', 'pod affinity terms conflict');
    expect(unschedulableMessage({ numAllNodes: 2, statuses: [], absent: conflict, preFilterMsg: 'pod affinity terms conflict' }, false)).toBe(
      '0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('truncates event notes to 1024 characters', () => {
    expect(truncateMessage('x'.repeat(1024))).toHaveLength(1024);
    const cut = truncateMessage('x'.repeat(2000));
    expect(cut).toHaveLength(1024);
    expect(cut.endsWith('x ...')).toBe(true);
  });
});
