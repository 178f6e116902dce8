import type { Kysely, Selectable } from 'kysely';
import type { KnowledgeEntry, KnowledgeSearch, KnowledgeStatus, KnowledgeStore } from '../../engine/knowledge/knowledge.ports';
import type { DatabaseSchema, KnowledgeEntriesTable } from '../database.types';
import { isUuidText } from '../uuid-text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `%`, `_` and `\` match themselves in a LIKE pattern built from a user's words. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function toEntry(row: Selectable<KnowledgeEntriesTable>): KnowledgeEntry {
  return {
    id: row.id,
    city: row.city,
    title: row.title,
    answer: row.answer,
    category: row.category,
    topic: row.topic,
    status: row.status as KnowledgeStatus,
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}

/** The knowledge base of every city (table knowledge_entries). */
export function createKnowledgeRepository(db: Kysely<DatabaseSchema>): KnowledgeStore {
  const filtered = (q: KnowledgeSearch) => {
    let query = db.selectFrom('knowledge_entries').where('city', '=', q.city).where('status', '=', q.status);
    if (q.category !== undefined) query = query.where('category', '=', q.category);
    if (q.topic !== undefined) query = query.where('topic', '=', q.topic);
    if (q.proposedBy !== undefined) query = query.where('proposed_by', '=', q.proposedBy);
    const words = (q.text ?? '').split(/\s+/).filter(Boolean);
    for (const word of words) {
      const pattern = likePattern(word);
      query = query.where((eb) => eb.or([eb('title', 'ilike', pattern), eb('answer', 'ilike', pattern)]));
    }
    return query;
  };

  return {
    async insert(e: KnowledgeEntry): Promise<void> {
      await db
        .insertInto('knowledge_entries')
        .values({
          id: e.id,
          city: e.city,
          title: e.title,
          answer: e.answer,
          category: e.category,
          topic: e.topic,
          status: e.status,
          proposed_by: e.proposedBy,
          proposed_at: e.proposedAt,
          decided_by: e.decidedBy,
          decided_at: e.decidedAt,
        })
        .execute();
    },

    async findById(id: string): Promise<KnowledgeEntry | null> {
      if (!isUuidText(id)) return null;
      if (!UUID.test(id)) return null;
      const row = await db.selectFrom('knowledge_entries').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toEntry(row) : null;
    },

    async findApproved(city: string, id: string): Promise<KnowledgeEntry | null> {
      if (!isUuidText(id)) return null;
      if (!UUID.test(id)) return null;
      const row = await db
        .selectFrom('knowledge_entries')
        .selectAll()
        .where('id', '=', id)
        .where('city', '=', city)
        .where('status', '=', 'approved')
        .executeTakeFirst();
      return row ? toEntry(row) : null;
    },

    async search(q: KnowledgeSearch): Promise<{ entries: KnowledgeEntry[]; total: number }> {
      const rows = await filtered(q).selectAll().orderBy('proposed_at', 'desc').orderBy('id').offset(q.offset).limit(q.limit).execute();
      const count = await filtered(q).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return { entries: rows.map(toEntry), total: Number(count.n) };
    },

    async decide(id: string, status: 'approved' | 'rejected', by: string, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('knowledge_entries')
        .set({ status, decided_by: by, decided_at: at })
        .where('id', '=', id)
        .where('status', '=', 'proposed')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
