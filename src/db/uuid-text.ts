/** A uuid as PostgreSQL reads one (any version; upper or lower case; with its hyphens). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `id` can be a row's uuid key. Lookups by id check it first: `/tasks/abc` is a record
 * that does not exist (null, then the caller's NOT_FOUND), never PostgreSQL's 22P02 as a 500.
 */
export function isUuidText(id: string): boolean {
  return UUID.test(id);
}
