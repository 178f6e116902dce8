import type { Kysely, Selectable } from 'kysely';
import type { Attachment, AttachmentInfo, AttachmentStore } from '../../engine/attachments/attachment.ports';
import type { DatabaseSchema } from '../database.types';

const INFO = ['id', 'order_id', 'city', 'name', 'type', 'size', 'uploaded_by', 'uploaded_unit', 'uploaded_at'] as const;

type InfoRow = Pick<Selectable<DatabaseSchema['attachments']>, (typeof INFO)[number]>;

function toInfo(r: InfoRow): AttachmentInfo {
  return {
    id: r.id,
    orderId: r.order_id,
    city: r.city,
    name: r.name,
    type: r.type,
    size: r.size,
    uploadedBy: r.uploaded_by,
    uploadedUnit: r.uploaded_unit,
    uploadedAt: r.uploaded_at,
  };
}

/** Attachments in the `attachments` table, their bytes in a bytea column read only by `findById`. */
export function createAttachmentRepository(db: Kysely<DatabaseSchema>): AttachmentStore {
  return {
    async insert(a: Attachment): Promise<void> {
      await db
        .insertInto('attachments')
        .values({
          id: a.id,
          order_id: a.orderId,
          city: a.city,
          name: a.name,
          type: a.type,
          size: a.size,
          content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
          uploaded_by: a.uploadedBy,
          uploaded_unit: a.uploadedUnit,
          uploaded_at: a.uploadedAt,
        })
        .execute();
    },

    async findById(id: string): Promise<Attachment | null> {
      const row = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? { ...toInfo(row), content: new Uint8Array(row.content) } : null;
    },

    async findInfoByIds(ids: string[]): Promise<AttachmentInfo[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('attachments').select(INFO).where('id', 'in', ids).execute();
      return rows.map(toInfo);
    },

    async listByOrder(orderId: string): Promise<AttachmentInfo[]> {
      const rows = await db.selectFrom('attachments').select(INFO).where('order_id', '=', orderId).orderBy('uploaded_at').orderBy('id').execute();
      return rows.map(toInfo);
    },

    async countByOrder(orderId: string): Promise<number> {
      const row = await db.selectFrom('attachments').select((eb) => eb.fn.countAll<string>().as('n')).where('order_id', '=', orderId).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
