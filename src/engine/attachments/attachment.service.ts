import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { DomainError, ForbiddenError, NotFoundError, RuleViolation, ValidationError } from '../../shared/errors';
import { CENTRE_ROLES, UNIT_ROLES } from '../access/order-access';
import type { CityCatalog } from '../city/city-catalog';
import type { UnitOfWork } from '../ports';
import { visibleOrder } from '../queries/order-view.service';
import type { Actor } from '../work-order/actor';
import type { Attachment, AttachmentInfo } from './attachment.ports';
import { ACCEPTED_KINDS, cleanFileName, sniffFileType } from './file-type';

/** Largest attachment, in bytes (10 MB); the upload route refuses a larger body before it is read whole. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Most attachments one order may carry (photos of the intake, replies, reports). */
export const MAX_ATTACHMENTS_PER_ORDER = 30;

export interface UploadInput {
  /** The file's name as the browser gives it (already URL-decoded). */
  name: string;
  /** The type the client declared: recorded in the refusal, never trusted. */
  declaredType?: string;
  bytes: Uint8Array;
}

/** ATTACHMENT_TOO_LARGE (413): the upload route throws it for a body over the limit too. */
export function attachmentTooLarge(): DomainError {
  return new DomainError('ATTACHMENT_TOO_LARGE', `附件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, {
    category: 'too-large',
    details: { maxBytes: MAX_ATTACHMENT_BYTES },
  });
}

function info(a: Attachment): AttachmentInfo {
  const { id, orderId, city, name, type, size, uploadedBy, uploadedUnit, uploadedAt } = a;
  return { id, orderId, city, name, type, size, uploadedBy, uploadedUnit, uploadedAt };
}

/**
 * Uploads, lists and downloads of an order's attachments, each authorized exactly like the order
 * (visibleOrder: another city's order is not found, another unit's forbidden). Uploads and
 * downloads are written to the order's audit log in the same transaction.
 */
export class AttachmentService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
  ) {}

  /** Stores one file on the order: the centre's staff or a handling unit's (supervisors and auditors only read). */
  async upload(actor: Actor, orderId: string, input: UploadInput): Promise<AttachmentInfo> {
    const kind = this.check(input);
    const now = this.clock.now();
    return this.uow.run(async (repos) => {
      const order = await visibleOrder(repos, this.catalog, actor, orderId);
      if (!CENTRE_ROLES.has(actor.role) && !UNIT_ROLES.has(actor.role)) {
        throw new ForbiddenError('ATTACHMENT_NOT_ALLOWED', '您的角色只能查看附件，不能上传', { role: actor.role });
      }
      await repos.instances.lockByOrderId(order.id); // one upload of the order at a time: the count below holds
      if ((await repos.attachments.countByOrder(order.id)) >= MAX_ATTACHMENTS_PER_ORDER) {
        throw new RuleViolation('ATTACHMENT_LIMIT_REACHED', `每张工单最多 ${MAX_ATTACHMENTS_PER_ORDER} 个附件`, { max: MAX_ATTACHMENTS_PER_ORDER });
      }
      const attachment: Attachment = {
        id: randomUUID(),
        orderId: order.id,
        city: order.city,
        name: cleanFileName(input.name, kind),
        type: kind.type,
        size: input.bytes.byteLength,
        uploadedBy: actor.id,
        uploadedUnit: actor.unit,
        uploadedAt: now,
        content: input.bytes,
      };
      await repos.attachments.insert(attachment);
      await repos.audit.append([
        {
          orderId: order.id,
          city: order.city,
          type: 'attachment.uploaded',
          actor: actor.id,
          at: now,
          data: { attachmentId: attachment.id, name: attachment.name, type: attachment.type, size: attachment.size, unit: actor.unit },
        },
      ]);
      return info(attachment);
    });
  }

  /** The order's attachments, oldest first, for whoever may see the order. */
  async list(actor: Actor, orderId: string): Promise<AttachmentInfo[]> {
    return this.uow.run(async (repos) => {
      const order = await visibleOrder(repos, this.catalog, actor, orderId);
      return repos.attachments.listByOrder(order.id);
    });
  }

  /** One attachment with its bytes, for whoever may see its order; every download is audited. */
  async download(actor: Actor, attachmentId: string): Promise<Attachment> {
    const now = this.clock.now();
    return this.uow.run(async (repos) => {
      const attachment = await repos.attachments.findById(attachmentId);
      if (!attachment || attachment.city !== actor.city) {
        throw new NotFoundError('ATTACHMENT_NOT_FOUND', `no attachment ${attachmentId}`, { attachmentId });
      }
      const order = await visibleOrder(repos, this.catalog, actor, attachment.orderId);
      await repos.audit.append([
        {
          orderId: order.id,
          city: order.city,
          type: 'attachment.downloaded',
          actor: actor.id,
          at: now,
          data: { attachmentId: attachment.id, name: attachment.name, role: actor.role, unit: actor.unit },
        },
      ]);
      return attachment;
    });
  }

  private check(input: UploadInput) {
    if (input.bytes.byteLength > MAX_ATTACHMENT_BYTES) throw attachmentTooLarge();
    if (input.bytes.byteLength === 0) {
      throw new ValidationError('ATTACHMENT_EMPTY', '附件是空文件', [{ path: 'file', message: 'expected the bytes of a file, got an empty body' }]);
    }
    const kind = sniffFileType(input.bytes);
    if (!kind) {
      const declared = input.declaredType ? `, declared ${input.declaredType}` : '';
      throw new ValidationError('ATTACHMENT_TYPE_REFUSED', `“${input.name}”不是允许的文件类型（照片：JPEG、PNG、GIF、WebP；文件：PDF、DOCX、XLSX）`, [
        { path: 'file', message: `expected a ${ACCEPTED_KINDS} file, got bytes of none of them (named "${input.name}"${declared})` },
      ]);
    }
    return kind;
  }
}
