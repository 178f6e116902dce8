/**
 * Orders with chosen dates for the report and assessment-page tests, inserted as rows through
 * the repositories (the unit of work), because the process would need weeks of virtual time and
 * many task steps to close an order late or leave one overdue on a chosen day. Also reads an
 * .xlsx download back with exceljs.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Runtime } from '../../src/app/create-runtime';
import type { NewWorkOrder, Task } from '../../src/engine/ports';
import { insertOrder } from '../integration/db/db-fixtures';

const at = (iso: string): Date => new Date(iso);

export interface SeedOrder {
  city?: string;
  unit: string | null;
  category: string;
  channel: string;
  created: string;
  due?: string;
  closed?: string;
  data?: Record<string, unknown>;
  /** A task of this form key: completed at `done` (or open), due at `due`. */
  task?: { formKey: string; due: string; done?: string };
}

export async function seedOrder(runtime: Runtime, o: SeedOrder): Promise<string> {
  const city = o.city ?? 'haikou';
  const order: NewWorkOrder = {
    id: crypto.randomUUID(),
    city,
    category: o.category,
    channel: o.channel,
    topic: null,
    content: '测试工单',
    requester: { name: '张三', phone: '13800000000' },
    location: {},
    status: 'in-progress',
    leadUnit: o.unit,
    coUnits: [],
    dueAt: o.due ? at(o.due) : null,
    dueProvisional: false,
    flags: [],
    data: o.data ?? {},
    processKey: city,
    processVersion: 1,
    policyVersion: 1,
    createdAt: at(o.created),
  };
  return runtime.uow.run(async (repos) => {
    const stored = await insertOrder(repos, order, 'T');
    if (o.closed)
      await repos.orders.update({ ...stored, status: 'closed', closedAt: at(o.closed), updatedAt: at(o.closed) });
    if (o.task) {
      const instance = await repos.instances.insert(
        {
          id: crypto.randomUUID(),
          orderId: stored.id,
          processKey: city,
          processVersion: 1,
          status: 'running',
          state: {},
        },
        stored.createdAt,
      );
      const task: Task = {
        id: crypto.randomUUID(),
        orderId: stored.id,
        instanceId: instance.id,
        city,
        executionId: `${o.task.formKey}_${crypto.randomUUID()}`,
        activityId: o.task.formKey,
        formKey: o.task.formKey,
        name: o.task.formKey,
        candidateUnit: o.unit ?? '',
        candidateRoles: ['handler'],
        assignee: null,
        createdAt: stored.createdAt,
        dueAt: at(o.task.due),
        status: o.task.done ? 'completed' : 'open',
        completedBy: o.task.done ? 'test' : null,
        completedAt: o.task.done ? at(o.task.done) : null,
        outcome: null,
        formData: null,
        flags: [],
      };
      await repos.tasks.insert(task);
    }
    return stored.id;
  });
}

/**
 * Haikou, autumn 2026 (UTC times; Asia/Shanghai is +8). The week of Monday 2026-10-05 runs from
 * 2026-10-04T16:00Z to 2026-10-11T16:00Z; October from 2026-09-30T16:00Z to 2026-10-31T16:00Z.
 */
export const HAIKOU_ORDERS: SeedOrder[] = [
  // 1. 秀英区 complaint by phone, received Mon 10-05, closed on time in the week, satisfied, contacted in time
  {
    unit: '秀英区',
    category: 'complaint',
    channel: 'hotline',
    created: '2026-10-05T02:00:00Z',
    due: '2026-10-09T15:59:59Z',
    closed: '2026-10-08T02:00:00Z',
    data: { satisfaction: '满意' },
    task: { formKey: 'contact', due: '2026-10-05T02:30:00Z', done: '2026-10-05T02:10:00Z' },
  },
  // 2. 秀英区 complaint on the web, received 10-06, due 10-08, closed late on 10-10
  {
    unit: '秀英区',
    category: 'complaint',
    channel: 'web',
    created: '2026-10-06T02:00:00Z',
    due: '2026-10-08T15:59:59Z',
    closed: '2026-10-10T02:00:00Z',
  },
  // 3. 龙华区 consultation by phone, received 10-07, due 10-09, never closed: overdue
  {
    unit: '龙华区',
    category: 'consultation',
    channel: 'hotline',
    created: '2026-10-07T02:00:00Z',
    due: '2026-10-09T15:59:59Z',
  },
  // 4. 龙华区 suggestion by WeChat, received Sunday 10-11 23:30 local (still the week), due 10-20, never closed
  {
    unit: '龙华区',
    category: 'suggestion',
    channel: 'wechat',
    created: '2026-10-11T15:30:00Z',
    due: '2026-10-20T15:59:59Z',
  },
  // 5. 秀英区 complaint by phone, received Sunday 10-04 23:59 local (the week before), closed on time on 10-06
  {
    unit: '秀英区',
    category: 'complaint',
    channel: 'hotline',
    created: '2026-10-04T15:59:00Z',
    due: '2026-10-07T15:59:59Z',
    closed: '2026-10-06T02:00:00Z',
  },
  // 6. 龙华区 emergency by phone, received Mon 10-12 (the next week), contacted late (HK-15), closed on time
  {
    unit: '龙华区',
    category: 'emergency',
    channel: 'hotline',
    created: '2026-10-12T00:00:00Z',
    due: '2026-10-13T15:59:59Z',
    closed: '2026-10-13T02:00:00Z',
    task: { formKey: 'contact', due: '2026-10-12T00:30:00Z', done: '2026-10-12T02:00:00Z' },
  },
  // 7. another city in the same week: never counted for Haikou
  {
    city: 'pingdingshan',
    unit: '新华区',
    category: 'complaint',
    channel: 'hotline',
    created: '2026-10-06T02:00:00Z',
    closed: '2026-10-07T02:00:00Z',
  },
  // 8. 秀英区 complaint by mail, received 09-30 23:00 local (September), closed on time on 10-02
  {
    unit: '秀英区',
    category: 'complaint',
    channel: 'mailbox',
    created: '2026-09-30T15:00:00Z',
    due: '2026-10-09T15:59:59Z',
    closed: '2026-10-02T02:00:00Z',
  },
];

/** Every worksheet of an .xlsx as rows of cell values (row 1 first; exceljs's values as read). */
export async function readXlsx(body: Buffer): Promise<Map<string, unknown[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const out = new Map<string, unknown[][]>();
  book.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      rows[n - 1] = (row.values as unknown[]).slice(1);
    });
    out.set(
      sheet.name,
      Array.from(rows, (r) => r ?? []),
    );
  });
  return out;
}

/** A sheet's data rows keyed by their first cell (row 2 is the headings). */
export function rowsByFirstCell(sheet: unknown[][] | undefined): Map<string, unknown[]> {
  const rows = new Map<string, unknown[]>();
  for (const r of (sheet ?? []).slice(2)) if (r.length > 1 && typeof r[0] === 'string') rows.set(r[0], r);
  return rows;
}

/** supertest: collect a binary body as a Buffer. */
export function binary(response: unknown, done: (err: Error | null, body: Buffer) => void): void {
  const res = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
