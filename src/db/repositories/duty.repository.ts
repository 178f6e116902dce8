import { sql, type Kysely, type Selectable } from 'kysely';
import type { DutyLogEntry, DutyLogKind, DutyRole, DutyStore, RotaEntry, RotaMonth } from '../../engine/duty/duty.ports';
import type { DatabaseSchema } from '../database.types';
import type { DutyLogEntriesTable, DutyMonthsTable, DutyRotaEntriesTable } from '../duty-tables.types';
import { isUuidText } from '../uuid-text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toMonth(row: Selectable<DutyMonthsTable>): RotaMonth {
  return { city: row.city, month: row.month, status: row.status as RotaMonth['status'], publishedBy: row.published_by, publishedAt: row.published_at };
}

function toEntry(row: Selectable<DutyRotaEntriesTable>): RotaEntry {
  return { id: row.id, city: row.city, date: row.duty_date, unit: row.unit, person: row.person, role: row.role as DutyRole, createdBy: row.created_by, createdAt: row.created_at };
}

function toLog(row: Selectable<DutyLogEntriesTable>): DutyLogEntry {
  return {
    id: row.id,
    city: row.city,
    date: row.duty_date,
    kind: row.kind as DutyLogKind,
    text: row.text,
    author: row.author,
    authorName: row.author_name,
    authorUnit: row.author_unit,
    at: row.at,
  };
}

/** The duty rota, its months and the duty log (tables duty_months, duty_rota_entries, duty_log_entries). */
export function createDutyRepository(db: Kysely<DatabaseSchema>): DutyStore {
  return {
    async lockMonth(city: string, month: string): Promise<RotaMonth> {
      await db.insertInto('duty_months').values({ city, month, status: 'draft', published_by: null, published_at: null }).onConflict((oc) => oc.doNothing()).execute();
      const row = await db.selectFrom('duty_months').selectAll().where('city', '=', city).where('month', '=', month).forUpdate().executeTakeFirstOrThrow();
      return toMonth(row);
    },

    async findMonth(city: string, month: string): Promise<RotaMonth | null> {
      const row = await db.selectFrom('duty_months').selectAll().where('city', '=', city).where('month', '=', month).executeTakeFirst();
      return row ? toMonth(row) : null;
    },

    async publishMonth(city: string, month: string, by: string, at: Date): Promise<void> {
      await db.updateTable('duty_months').set({ status: 'published', published_by: by, published_at: at }).where('city', '=', city).where('month', '=', month).execute();
    },

    async entriesBetween(city: string, from: string, to: string): Promise<RotaEntry[]> {
      const rows = await db
        .selectFrom('duty_rota_entries')
        .selectAll()
        .where('city', '=', city)
        .where('duty_date', '>=', from)
        .where('duty_date', '<=', to)
        .orderBy('duty_date')
        .orderBy(sql`CASE role WHEN 'head' THEN 0 ELSE 1 END`)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toEntry);
    },

    async insertEntry(e: RotaEntry): Promise<void> {
      await db
        .insertInto('duty_rota_entries')
        .values({ id: e.id, city: e.city, duty_date: e.date, unit: e.unit, person: e.person, role: e.role, created_by: e.createdBy, created_at: e.createdAt })
        .execute();
    },

    async findEntry(id: string): Promise<RotaEntry | null> {
      if (!isUuidText(id)) return null;
      if (!UUID.test(id)) return null;
      const row = await db.selectFrom('duty_rota_entries').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toEntry(row) : null;
    },

    async deleteEntry(id: string): Promise<void> {
      await db.deleteFrom('duty_rota_entries').where('id', '=', id).execute();
    },

    async logOf(city: string, date: string): Promise<DutyLogEntry[]> {
      const rows = await db.selectFrom('duty_log_entries').selectAll().where('city', '=', city).where('duty_date', '=', date).orderBy('at').orderBy('id').execute();
      return rows.map(toLog);
    },

    async insertLog(e: DutyLogEntry): Promise<boolean> {
      const values = { id: e.id, city: e.city, duty_date: e.date, kind: e.kind, text: e.text, author: e.author, author_name: e.authorName, author_unit: e.authorUnit, at: e.at };
      if (e.kind === 'log') {
        await db.insertInto('duty_log_entries').values(values).execute();
        return true;
      }
      const result = await db
        .insertInto('duty_log_entries')
        .values(values)
        .onConflict((oc) => oc.columns(['city', 'duty_date']).where('kind', '=', 'handover').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
  };
}
