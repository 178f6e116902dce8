/**
 * 附件 in a real headless Chromium: a handler of 新华区 uploads a photo in the 盖章回复 form of a
 * mayor's-mailbox order (PDS-13) and replies; the centre's reviewer sees its thumbnail on the order page.
 */
import { mkdirSync } from 'node:fs';
import { BrowserApp, openBrowserApp } from '../helpers/browser-app';
import { PDF, samplePng } from '../helpers/sample-files';

jest.setTimeout(180_000);

let app: BrowserApp;
let orderId: string;
let taskId: string;

beforeAll(async () => {
  app = await openBrowserApp();
  const op = await app.harness.login('pingdingshan.pds-op1');
  const xh = await app.harness.login('pingdingshan.xh-handler');
  const created = await op.post('/api/orders', {
    city: 'pingdingshan',
    category: 'B',
    channel: 'mayorMailbox',
    content: '市长您好：小区自交房至今未办理不动产权证，恳请督促解决',
    requester: { name: '网民钢城业主', phone: '13403751501' },
    location: { district: '新华区' },
  });
  orderId = created.body.order.id;
  const sign = await xh.post(`/api/tasks/${created.body.tasks[0].id}/complete`, { outcome: 'done' });
  const handle = sign.body.openTasks.find((t: { formKey: string }) => t.formKey === 'handle').id;
  const informedAt = new Date(app.harness.clock.now().getTime() - 60_000).toISOString();
  const informed = await xh.post(`/api/tasks/${handle}/complete`, { outcome: 'inform', data: { informedAt, informedBy: '电话', feedback: '已电话告知办理进展' } });
  taskId = informed.body.openTasks.find((t: { formKey: string }) => t.formKey === 'handle').id;
  // the centre's own scan of the letter, a document beside the photo
  await op.postBytes(`/api/orders/${orderId}/attachments`, PDF, { 'Content-Type': 'application/pdf', 'X-File-Name': encodeURIComponent('市长信箱来信.pdf') }).expect(201);
});
afterAll(async () => {
  await app?.close();
});

it('a handler attaches a photo to the sealed reply and the reviewer sees its thumbnail on the order page', async () => {
  const page = await app.loggedIn('pingdingshan.xh-handler', `/tasks/${taskId}`);
  const form = page.locator('#outcome-sealedReply');
  await form.locator('#f-sealedReply-result').fill('开发企业已补缴相关税费，3月31日前分批办理完毕');
  await form.locator('#f-sealedReply-seal').selectOption('已加盖本单位公章');
  await form.locator('#f-sealedReply-copies').fill('3');
  // a program renamed .jpg is refused at the field, in words
  await form.locator('#f-sealedReply-document').setInputFiles({ name: '盖章页.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('MZ\x90\x00 not a picture') });
  await form.locator('#f-sealedReply-document-error', { hasText: '不允许的文件类型' }).waitFor();
  await form.locator('#f-sealedReply-document').setInputFiles({ name: '盖章回复.png', mimeType: 'image/png', buffer: samplePng(320, 220) });
  await form.locator('.attach-chosen li', { hasText: '盖章回复.png' }).waitFor();
  await form.getByRole('button', { name: '盖章回复市指挥中心' }).click();
  // the handler lands on their inbox with a sentence saying where the order went
  await page.waitForURL(/\/inbox\?done=/);

  const reviewer = await app.loggedIn('pingdingshan.pds-disp1', `/orders/${orderId}`);
  const thumb = reviewer.locator('#attachments .attach-thumbs img[alt="盖章回复.png"]');
  await thumb.waitFor();
  // the picture itself arrived and was decoded (not a broken image)
  await reviewer.waitForFunction('(() => { const img = document.querySelector("#attachments .attach-thumbs img"); return img !== null && img.complete && img.naturalWidth === 320; })()');
  expect(await reviewer.locator('#attachments .attach-docs a').textContent()).toBe('市长信箱来信.pdf');
  expect(await reviewer.locator('#attachments').textContent()).toContain('新华区');
  mkdirSync('screenshots', { recursive: true });
  await reviewer.locator('#attachments').scrollIntoViewIfNeeded();
  await reviewer.screenshot({ path: 'screenshots/order-attachments.png', fullPage: true });
});
