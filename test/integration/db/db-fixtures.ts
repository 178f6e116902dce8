import crypto from 'node:crypto';
import type { NewWorkOrder, ProcessInstance, Repositories, Task, WorkOrder } from '../../../src/engine/ports';

export const at = (iso: string): Date => new Date(iso);

export function newOrder(overrides: Partial<NewWorkOrder> = {}): NewWorkOrder {
  return {
    id: crypto.randomUUID(),
    city: 'pds',
    category: 'complaint',
    channel: 'phone',
    topic: 'noise',
    content: '楼下广场舞噪音扰民',
    requester: { name: '张三', phone: '13800000000' },
    location: { district: '新华区', address: '建设路 1 号' },
    status: 'received',
    leadUnit: null,
    coUnits: [],
    dueAt: null,
    dueProvisional: false,
    flags: [],
    data: {},
    processKey: 'pds',
    processVersion: 1,
    policyVersion: 1,
    createdAt: at('2026-03-02T02:00:00Z'),
    ...overrides,
  };
}

/** Draws the order's number with `prefix` and inserts it, in the transaction of `repos`. */
export async function insertOrder(repos: Repositories, order: NewWorkOrder, prefix: string): Promise<WorkOrder> {
  return repos.orders.insert(order, await repos.orders.drawNumber(order.city, order.createdAt, prefix));
}

export function newInstance(orderId: string): Omit<ProcessInstance, 'rowVersion' | 'createdAt' | 'updatedAt'> {
  return {
    id: crypto.randomUUID(),
    orderId,
    processKey: 'pds',
    processVersion: 1,
    status: 'running',
    state: { engine: 'state', waiting: ['dispatch'], nested: { n: 1 } },
  };
}

export function newTask(orderId: string, instanceId: string, overrides: Partial<Task> = {}): Task {
  return {
    id: crypto.randomUUID(),
    orderId,
    instanceId,
    city: 'pds',
    executionId: `dispatch_${crypto.randomUUID()}`,
    activityId: 'dispatch',
    formKey: 'dispatch',
    name: '派单',
    candidateUnit: '市12345中心',
    candidateRoles: ['dispatcher'],
    assignee: null,
    createdAt: at('2026-03-02T02:00:01Z'),
    dueAt: at('2026-03-02T04:00:00Z'),
    status: 'open',
    completedBy: null,
    completedAt: null,
    outcome: null,
    formData: null,
    flags: [],
    ...overrides,
  };
}
