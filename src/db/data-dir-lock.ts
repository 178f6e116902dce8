import fs from 'node:fs';
import path from 'node:path';
import { OperationalError } from '../shared/errors';
import type { Logger } from '../shared/logger';

/**
 * PGlite has no lock of its own: two processes opening one data directory would corrupt it.
 * `<dataDir>/minhu.lock` holds the pid of the process that has the directory open. It is
 * created atomically (written to a temporary file, then hard-linked into place, which fails
 * if the lock exists), so no one ever sees a half-written lock.
 *
 * A lock whose pid is no longer running (the holder was killed with -9) is stale: it is
 * taken over with a warning. A live pid, even our own, refuses the open (DATA_DIR_LOCKED).
 */
export interface DataDirLock {
  readonly file: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

const LOCK_FILE = 'minhu.lock';
const ATTEMPTS = 3;

export function acquireDataDirLock(dataDir: string, logger: Logger): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const content = `${process.pid}\n`;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (tryCreate(file, content)) return ownLock(file, content);
    const holder = readLock(file);
    if (holder === null) continue; // released between our attempt and the read
    if (holder.pid !== null && isAlive(holder.pid)) {
      throw new OperationalError(
        'DATA_DIR_LOCKED',
        `the data directory is in use: ${file} is held by process ${holder.pid} (stop it first, or delete the file if that process is not minhu)`,
        { file, pid: holder.pid },
      );
    }
    logger.warn(
      { file, stalePid: holder.pid },
      `taking over stale lock ${file} (process ${holder.pid ?? '?'} is not running)`,
    );
    removeIfUnchanged(file, holder.raw);
  }
  throw new OperationalError('DATA_DIR_LOCKED', `could not take the lock ${file}: another process keeps taking it`, {
    file,
  });
}

function tryCreate(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function readLock(file: string): { raw: string; pid: number | null } | null {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
    throw err;
  }
  const pid = Number.parseInt(raw.trim(), 10);
  return { raw, pid: Number.isInteger(pid) && pid > 0 ? pid : null };
}

/** Narrows the take-over race: only remove the lock we judged stale, not a fresh one. */
function removeIfUnchanged(file: string, raw: string): void {
  const now = readLock(file);
  if (now !== null && now.raw === raw) fs.rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM'; // exists, owned by another user
  }
}

function ownLock(file: string, content: string): DataDirLock {
  let released = false;
  return {
    file,
    release(): void {
      if (released) return;
      released = true;
      const now = readLock(file);
      if (now !== null && now.raw === content) fs.rmSync(file, { force: true });
    },
  };
}

function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
}
