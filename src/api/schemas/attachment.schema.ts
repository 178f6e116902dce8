import { z } from 'zod';
import type { AttachmentInfo } from '../../engine/attachments/attachment.ports';

export const AttachmentSchema = z
  .object({
    id: z.string(),
    name: z.string().describe('the file name as uploaded (folders and control characters removed; the sniffed kind’s extension added when missing)'),
    type: z.string().describe('media type sniffed from the bytes: image/jpeg, image/png, image/gif, image/webp, application/pdf, or the DOCX/XLSX types'),
    size: z.number().int().describe('bytes'),
    image: z.boolean().describe('shown inline (a thumbnail) on the order page'),
    uploadedBy: z.string(),
    uploadedUnit: z.string(),
    uploadedAt: z.string(),
    url: z.string().describe('GET it here'),
  })
  .meta({ id: 'Attachment' });

export const AttachmentListSchema = z.object({ items: z.array(AttachmentSchema) }).meta({ id: 'AttachmentList' });

export function presentAttachment(a: AttachmentInfo): z.infer<typeof AttachmentSchema> {
  return {
    id: a.id,
    name: a.name,
    type: a.type,
    size: a.size,
    image: a.type.startsWith('image/'),
    uploadedBy: a.uploadedBy,
    uploadedUnit: a.uploadedUnit,
    uploadedAt: a.uploadedAt.toISOString(),
    url: `/api/attachments/${a.id}`,
  };
}
