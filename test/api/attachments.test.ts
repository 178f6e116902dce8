import request from 'supertest';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_ORDER } from '../../src/engine/attachments/attachment.service';
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';
import { DOCX, EXE, HTML, JPEG, PDF, PNG, ZIP } from '../helpers/sample-files';

jest.setTimeout(120_000);

/** Photos and documents of orders (issue 13 point 6), on whichever database DATABASE_URL names. */
let h: ApiHarness;
let op: Client;
let xh: Client;
let wd: Client;
let sup: Client;
let other: Client;

beforeAll(async () => {
  h = await openApiHarness('2026-02-09T09:00:00+08:00');
  op = await h.login('pingdingshan.pds-op1');
  xh = await h.login('pingdingshan.xh-handler');
  wd = await h.login('pingdingshan.wd-handler');
  sup = await h.login('pingdingshan.pds-sup1');
  other = await h.login('sample.op1');
});
afterAll(async () => {
  await h.close();
});

function upload(c: Client, orderId: string, bytes: Buffer, name: string, type = 'application/octet-stream'): request.Test {
  return c.postBytes(`/api/orders/${orderId}/attachments`, bytes, { 'Content-Type': type, 'X-File-Name': encodeURIComponent(name) });
}

function expectProblem(res: { status: number; body: { code?: string } }, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
}

/** A mayor's-mailbox order of 新华区 (PDS-13), signed and its requester informed: ready for 盖章回复. */
async function sealedReplyTask(): Promise<{ orderId: string; number: string; taskId: string }> {
  const created = await op.post('/api/orders', {
    city: 'pingdingshan',
    category: 'B',
    channel: 'mayorMailbox',
    content: '市长您好：小区自交房至今未办理不动产权证',
    requester: { name: '网民钢城业主', phone: '13403751501' },
    location: { district: '新华区' },
  });
  expect(created.status).toBe(201);
  const orderId = created.body.order.id as string;
  const sign = await xh.post(`/api/tasks/${created.body.tasks[0].id}/complete`, { outcome: 'done' });
  expect(sign.status).toBe(200);
  const handle = sign.body.openTasks.find((t: { formKey: string }) => t.formKey === 'handle').id as string;
  const informed = await xh.post(`/api/tasks/${handle}/complete`, {
    outcome: 'inform',
    data: { informedAt: '2026-02-09T09:00:00+08:00', informedBy: '电话', feedback: '已电话告知办理进展' },
  });
  expect(informed.status).toBe(200);
  const taskId = informed.body.openTasks.find((t: { formKey: string }) => t.formKey === 'handle').id as string;
  return { orderId, number: created.body.order.number, taskId };
}

async function attachmentCount(orderId: string): Promise<number> {
  return (await op.get(`/api/orders/${orderId}/attachments`).expect(200)).body.items.length;
}

const sealed = (document: unknown) => ({ outcome: 'sealedReply', data: { result: '已督促开发企业办证', document, seal: '已加盖本单位公章', copies: 3 } });

describe('POST /api/orders/:id/attachments', () => {
  let order: Awaited<ReturnType<typeof sealedReplyTask>>;
  beforeAll(async () => {
    order = await sealedReplyTask();
  });

  it('stores a photo of the handling unit, typed by its bytes, and audits it', async () => {
    const res = await upload(xh, order.orderId, PNG, '现场照片.jpg', 'image/jpeg').expect(201);
    expect(res.body).toMatchObject({ name: '现场照片.jpg.png', type: 'image/png', size: PNG.length, image: true, uploadedUnit: '新华区' });
    const list = await sup.get(`/api/orders/${order.orderId}/attachments`).expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(res.body.id);
    const timeline = await op.get(`/api/orders/${order.orderId}/timeline`).expect(200);
    expect(timeline.body.items ?? timeline.body).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'attachment.uploaded', actor: 'pingdingshan.xh-handler' })]));
  });

  it('recognises PDF, JPEG and DOCX by their first bytes', async () => {
    expect((await upload(op, order.orderId, PDF, '回复.pdf').expect(201)).body.type).toBe('application/pdf');
    expect((await upload(op, order.orderId, JPEG, 'IMG_0001.JPG').expect(201)).body).toMatchObject({ type: 'image/jpeg', name: 'IMG_0001.JPG' });
    expect((await upload(op, order.orderId, DOCX, '情况说明.docx').expect(201)).body.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it.each([
    ['a program renamed .jpg', EXE, '照片.jpg', 'image/jpeg'],
    ['a web page declared an image', HTML, 'a.png', 'image/png'],
    ['a ZIP that is not an Office document', ZIP, '材料.docx', 'application/zip'],
  ])('refuses %s with ATTACHMENT_TYPE_REFUSED naming the file, storing nothing', async (_what, bytes, name, type) => {
    const before = await attachmentCount(order.orderId);
    const res = await upload(xh, order.orderId, bytes, name, type);
    expectProblem(res, 400, 'ATTACHMENT_TYPE_REFUSED');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'file' })]);
    expect(res.body.detail).toContain(name);
    expect(await attachmentCount(order.orderId)).toBe(before);
  });

  it('refuses a file over 10 MB with 413 ATTACHMENT_TOO_LARGE and an empty one with ATTACHMENT_EMPTY', async () => {
    const before = await attachmentCount(order.orderId);
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES + 1 - PDF.length)]);
    const res = await upload(xh, order.orderId, big, '大文件.pdf');
    expectProblem(res, 413, 'ATTACHMENT_TOO_LARGE');
    expect(res.body.detail).toContain('10 MB');
    expectProblem(await upload(xh, order.orderId, Buffer.alloc(0), '空.pdf'), 400, 'ATTACHMENT_EMPTY');
    expect(await attachmentCount(order.orderId)).toBe(before);
  });

  it("refuses another city's order (404), another unit's (403) and a read-only role (403)", async () => {
    expectProblem(await upload(other, order.orderId, PNG, 'x.png'), 404, 'ORDER_NOT_FOUND');
    expectProblem(await upload(wd, order.orderId, PNG, 'x.png'), 403, 'ORDER_NOT_VISIBLE');
    expectProblem(await upload(sup, order.orderId, PNG, 'x.png'), 403, 'ATTACHMENT_NOT_ALLOWED');
    expectProblem(await other.get(`/api/orders/${order.orderId}/attachments`), 404, 'ORDER_NOT_FOUND');
    expectProblem(await wd.get(`/api/orders/${order.orderId}/attachments`), 403, 'ORDER_NOT_VISIBLE');
  });

  it('refuses without a login before reading the body, and a file name that is not URL-encoded', async () => {
    const anonymous = await request(h.app).post(`/api/orders/${order.orderId}/attachments`).set('Content-Type', 'image/png').send(PNG);
    expectProblem(anonymous, 401, 'AUTH_REQUIRED');
    const res = await xh.postBytes(`/api/orders/${order.orderId}/attachments`, PNG, { 'Content-Type': 'image/png', 'X-File-Name': '%E4%B8' });
    expectProblem(res, 400, 'FILE_NAME_INVALID');
  });
});

describe('GET /api/attachments/:id', () => {
  let order: Awaited<ReturnType<typeof sealedReplyTask>>;
  let photo: string;
  let pdf: string;
  beforeAll(async () => {
    order = await sealedReplyTask();
    photo = (await upload(xh, order.orderId, PNG, '楼道 照片.png').expect(201)).body.id;
    pdf = (await upload(xh, order.orderId, PDF, '舞政办函〔2026〕12号.pdf').expect(201)).body.id;
  });

  it('serves an image inline with its sniffed type, never sniffed by the browser, and audits the download', async () => {
    const res = await sup.get(`/api/attachments/${photo}`).buffer(true).parse((r, cb) => {
      const parts: Buffer[] = [];
      r.on('data', (c: Buffer) => parts.push(c));
      r.on('end', () => cb(null, Buffer.concat(parts)));
    });
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body as Buffer, PNG)).toBe(0);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(`inline; filename="__ __.png"; filename*=UTF-8''${encodeURIComponent('楼道 照片.png')}`);
    const timeline = await op.get(`/api/orders/${order.orderId}/timeline`).expect(200);
    const events = (timeline.body.items ?? timeline.body) as Array<{ type: string; actor: string; data: { attachmentId?: string } }>;
    expect(events.filter((e) => e.type === 'attachment.downloaded')).toEqual([expect.objectContaining({ actor: 'pingdingshan.pds-sup1', data: expect.objectContaining({ attachmentId: photo }) })]);
  });

  it('serves a document as a download under its Chinese name', async () => {
    const res = await xh.get(`/api/attachments/${pdf}`).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('舞政办函〔2026〕12号.pdf')}`);
  });

  it("is not found for another city's staff and forbidden to another unit, each audited nowhere", async () => {
    const before = (await op.get(`/api/orders/${order.orderId}/timeline`).expect(200)).body;
    expectProblem(await other.get(`/api/attachments/${photo}`), 404, 'ATTACHMENT_NOT_FOUND');
    expectProblem(await wd.get(`/api/attachments/${photo}`), 403, 'ORDER_NOT_VISIBLE');
    expectProblem(await xh.get('/api/attachments/00000000-0000-4000-8000-000000000000'), 404, 'ATTACHMENT_NOT_FOUND');
    expect((await op.get(`/api/orders/${order.orderId}/timeline`).expect(200)).body).toEqual(before);
  });

  it('never shows in Open311 reads', async () => {
    const res = await request(h.app).get(`/open311/v2/requests/${order.number}.json?jurisdiction_id=pingdingshan`);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(photo);
    expect(text).not.toMatch(/attachment|\.png|\.pdf/i);
  });
});

describe('a files field of a task form (盖章回复, PDS-13)', () => {
  it('takes the ids of files its unit uploaded to the order, and refuses any other, naming the field and changing nothing', async () => {
    const order = await sealedReplyTask();
    const elsewhere = await sealedReplyTask();
    const foreign = (await upload(xh, elsewhere.orderId, PDF, '别的工单.pdf').expect(201)).body.id;
    const centres = (await upload(op, order.orderId, PDF, '中心上传.pdf').expect(201)).body.id;
    const own = (await upload(xh, order.orderId, PDF, '盖章回复.pdf').expect(201)).body.id;

    for (const [document, code] of [
      [[foreign], 'ATTACHMENT_NOT_ATTACHABLE'],
      [[own, centres], 'ATTACHMENT_NOT_ATTACHABLE'],
      ['00000000-0000-4000-8000-000000000000', 'ATTACHMENT_NOT_ATTACHABLE'],
      ['舞政办函〔2026〕12号', 'FORM_INVALID'],
      [[], 'FORM_INVALID'],
    ] as const) {
      const res = await xh.post(`/api/tasks/${order.taskId}/complete`, sealed(document));
      expectProblem(res, 400, code);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'data.document' })]);
    }
    expect((await xh.get(`/api/tasks/${order.taskId}`).expect(200)).body.task.status).toBe('open');

    const done = await xh.post(`/api/tasks/${order.taskId}/complete`, sealed(own));
    expect(done.status).toBe(200);
    expect(done.body.task.formData.document).toEqual([own]);
  });

  it('is described as a files field by the task form', async () => {
    const order = await sealedReplyTask();
    const res = await xh.get(`/api/tasks/${order.taskId}`).expect(200);
    const fields = JSON.stringify(res.body);
    expect(fields).toContain('"type":"files"');
  });
});

describe('the count limit per order', () => {
  it(`refuses the ${MAX_ATTACHMENTS_PER_ORDER + 1}th attachment of an order with ATTACHMENT_LIMIT_REACHED`, async () => {
    const order = await sealedReplyTask();
    for (let i = 0; i < MAX_ATTACHMENTS_PER_ORDER; i++) await upload(op, order.orderId, JPEG, `照片${i}.jpg`).expect(201);
    expectProblem(await upload(op, order.orderId, JPEG, '多一张.jpg'), 422, 'ATTACHMENT_LIMIT_REACHED');
    expect(await attachmentCount(order.orderId)).toBe(MAX_ATTACHMENTS_PER_ORDER);
  });
});
