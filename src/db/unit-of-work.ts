import type { Kysely } from 'kysely';
import type { Repositories, UnitOfWork } from '../engine/ports';
import type { DatabaseSchema } from './database.types';
import { createRepositories } from './repositories/repositories';

/**
 * One kysely transaction per `run`: everything `fn` writes through the repositories it is
 * given commits together, or rolls back when `fn` throws (the error is rethrown as is).
 */
export function createUnitOfWork(db: Kysely<DatabaseSchema>): UnitOfWork {
  return {
    run<T>(fn: (repos: Repositories) => Promise<T>): Promise<T> {
      return db.transaction().execute((trx) => fn(createRepositories(trx)));
    },
    read<T>(fn: (repos: Repositories) => Promise<T>): Promise<T> {
      return fn(createRepositories(db));
    },
  };
}
