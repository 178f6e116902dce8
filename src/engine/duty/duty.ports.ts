/**
 * The duty rota of member-unit heads (HK-9), its log and handover (HK-10), and the leaders'
 * answering days (PDS-18, HZ-10): domain shapes and what they need from storage
 * (`Repositories.duty`, `Repositories.leaderDays` in ports.ts).
 */

/** 主要负责人 (does the online handling on the duty day) or 分管领导 (the rest of the day). */
export type DutyRole = 'head' | 'deputy';

/** One person of a unit on duty on one duty day (which starts at the policy's `dayStarts`). */
export interface RotaEntry {
  id: string;
  city: string;
  /** The duty day, YYYY-MM-DD: from `dayStarts` on this date to `dayStarts` the next day. */
  date: string;
  unit: string;
  person: string;
  role: DutyRole;
  createdBy: string;
  createdAt: Date;
}

/** A month's rota: a draft the centre edits, then published (HK-9: before the month begins). */
export interface RotaMonth {
  city: string;
  /** YYYY-MM */
  month: string;
  status: 'draft' | 'published';
  publishedBy: string | null;
  publishedAt: Date | null;
}

export type DutyLogKind = 'log' | 'handover';

/** A line of the duty log of one duty day, or its handover note (one per day). */
export interface DutyLogEntry {
  id: string;
  city: string;
  date: string;
  kind: DutyLogKind;
  text: string;
  author: string;
  authorName: string;
  authorUnit: string;
  at: Date;
}

/** A leader answering calls at the centre for a span of time (PDS-18, HZ-10). */
export interface LeaderDay {
  id: string;
  city: string;
  leader: string;
  /** 职务: 副市长, 市住建局局长 … */
  title: string;
  startsAt: Date;
  endsAt: Date;
  /** When it was announced: recorded at entry, public to the city at once. */
  announcedAt: Date;
  announcedBy: string;
  cancelledAt: Date | null;
  cancelledBy: string | null;
  cancelReason: string | null;
}

export interface DutyStore {
  /**
   * The month's row, created as a draft when missing, locked for the rest of the transaction:
   * every change to a month's rota takes it first, so two writers never race.
   */
  lockMonth(city: string, month: string): Promise<RotaMonth>;
  findMonth(city: string, month: string): Promise<RotaMonth | null>;
  publishMonth(city: string, month: string, by: string, at: Date): Promise<void>;
  /** Entries whose date lies in [from, to] (YYYY-MM-DD, inclusive), by date, head first. */
  entriesBetween(city: string, from: string, to: string): Promise<RotaEntry[]>;
  insertEntry(entry: RotaEntry): Promise<void>;
  findEntry(id: string): Promise<RotaEntry | null>;
  deleteEntry(id: string): Promise<void>;
  /** The day's log and handover, oldest first. */
  logOf(city: string, date: string): Promise<DutyLogEntry[]>;
  /** False when the entry is a handover and the day already has one. */
  insertLog(entry: DutyLogEntry): Promise<boolean>;
}

export interface LeaderDayStore {
  insert(day: LeaderDay): Promise<void>;
  findById(id: string): Promise<LeaderDay | null>;
  /** Sessions starting in [from, to), by start. */
  between(city: string, from: Date, to: Date): Promise<LeaderDay[]>;
  /** False when it was cancelled already. */
  cancel(id: string, by: string, at: Date, reason: string): Promise<boolean>;
}
