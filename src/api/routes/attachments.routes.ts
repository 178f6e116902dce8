import express, { type RequestHandler, type Response } from 'express';
import type { Attachment } from '../../engine/attachments/attachment.ports';
import { attachmentTooLarge, AttachmentService, MAX_ATTACHMENT_BYTES } from '../../engine/attachments/attachment.service';
import { kindOfType } from '../../engine/attachments/file-type';
import { ValidationError } from '../../shared/errors';
import type { ApiRouter } from '../openapi/api-router';
import { AttachmentListSchema, AttachmentSchema, presentAttachment } from '../schemas/attachment.schema';
import { IdParams, problems } from '../schemas/common.schema';
import { actorOf } from './tasks.routes';

/** The file's bytes, whatever Content-Type is declared, up to the limit: over it, 413 ATTACHMENT_TOO_LARGE. */
const readFile: RequestHandler = (req, res, next) => {
  express.raw({ type: () => true, limit: MAX_ATTACHMENT_BYTES })(req, res, (err?: unknown) => {
    if ((err as { type?: unknown } | undefined)?.type === 'entity.too.large') next(attachmentTooLarge());
    else next(err);
  });
};

function bodyBytes(body: unknown): Uint8Array {
  if (Buffer.isBuffer(body)) return body;
  throw new ValidationError('ATTACHMENT_BODY_INVALID', '请上传文件本身', [
    { path: 'body', message: "expected the file's bytes as the body (Content-Type: application/octet-stream or the file's type), not JSON" },
  ]);
}

function fileName(header: string | undefined): string {
  try {
    return decodeURIComponent(header ?? '');
  } catch {
    throw new ValidationError('FILE_NAME_INVALID', '文件名无法识别', [{ path: 'X-File-Name', message: 'expected the file name URL-encoded (encodeURIComponent)' }]);
  }
}

function sendFile(res: Response, a: Attachment): undefined {
  const image = kindOfType(a.type)?.image === true;
  const ascii = a.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res
    .status(200)
    .set('Content-Type', a.type)
    .set('X-Content-Type-Options', 'nosniff')
    .set('Content-Security-Policy', "default-src 'none'; sandbox")
    .set('Cache-Control', 'private, no-store')
    .set('Content-Disposition', `${image ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.name)}`)
    .send(Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength));
  return undefined;
}

/** Photos and documents of an order: upload (the raw bytes), list, download. */
export function attachmentRoutes(api: ApiRouter, attachments: AttachmentService): void {
  api.add({
    method: 'post',
    path: '/api/orders/:id/attachments',
    tag: 'orders',
    summary:
      "Upload one photo or document to an order (the centre's staff and the order's handling units): the body is the file's bytes, at most 10 MB (413 ATTACHMENT_TOO_LARGE), at most 30 per order (422 ATTACHMENT_LIMIT_REACHED). " +
      'The type is recognised from the bytes — JPEG, PNG, GIF, WebP, PDF, DOCX, XLSX — never from the declared type or the name (anything else: 400 ATTACHMENT_TYPE_REFUSED). ' +
      'A task form lists the returned id in a `files` field. Written to the audit log (attachment.uploaded).',
    params: IdParams,
    headers: { 'X-File-Name': { description: 'the file name, URL-encoded (encodeURIComponent); 附件 when absent' } },
    rawBody: { description: "the file's bytes", parser: readFile },
    responses: { 201: { description: 'stored', schema: AttachmentSchema }, ...problems(400, 401, 403, 404, 413, 422) },
    handler: async ({ auth, params, req, res }) => {
      const stored = await attachments.upload(actorOf(auth), params.id, { name: fileName(req.get('x-file-name')), declaredType: req.get('content-type'), bytes: bodyBytes(req.body) });
      res.status(201).json(presentAttachment(stored));
      return undefined;
    },
  });

  api.add({
    method: 'get',
    path: '/api/orders/:id/attachments',
    tag: 'orders',
    summary: "The order's attachments, oldest first, for whoever may see the order (another city's: 404; another unit's: 403 ORDER_NOT_VISIBLE).",
    params: IdParams,
    responses: { 200: { description: 'the attachments (without their bytes)', schema: AttachmentListSchema }, ...problems(400, 401, 403, 404) },
    handler: async ({ auth, params }) => ({ items: (await attachments.list(actorOf(auth), params.id)).map(presentAttachment) }),
  });

  api.add({
    method: 'get',
    path: '/api/attachments/:id',
    tag: 'orders',
    summary:
      'Download an attachment, for whoever may see its order; images inline, documents as a download (Content-Disposition with the name), never sniffed by the browser. Every download is written to the audit log (attachment.downloaded).',
    params: IdParams,
    responses: { 200: { description: "the file's bytes, with its sniffed type", contentType: 'application/octet-stream' }, ...problems(400, 401, 403, 404) },
    handler: async ({ auth, params, res }) => sendFile(res, await attachments.download(actorOf(auth), params.id)),
  });
}
