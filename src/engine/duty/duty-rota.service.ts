import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { NotFoundError, ValidationError } from '../../shared/errors';
import { ANY_ROLE, assertCityRole } from '../access/city-access';
import { assertLocalDate, ZoneClock } from '../calendar/local-date';
import type { CityCatalog } from '../city/city-catalog';
import type { DutyRotaPolicy } from '../policy/duty.schema';
import { allUnitNames } from '../policy/load-policies';
import type { Repositories, UnitOfWork } from '../ports';
import type { Actor, Role } from '../work-order/actor';
import { assertMonth, dutyDateAt, dutyPeriod, monthDates, onlineWindows, type OnlineWindow } from './duty-time';
import type { RotaEntry, RotaMonth } from './duty.ports';
import { assertChangeReason, assertDayNotStarted, assertFitsDay, assertPublishable, NewRotaEntry, publishDeadline, RotaContext, uncoveredDates } from './rota-rules';

/** The centre edits and publishes the rota (HK-9: "按热线管理机构的值班安排"). */
export const ROTA_EDITORS: readonly Role[] = ['dispatcher', 'admin'];
/** Who sees a month's rota before it is published: the centre and the city's read-only roles. */
export const ROTA_DRAFT_READERS: readonly Role[] = ['operator', 'dispatcher', 'admin', 'supervisor', 'auditor'];

export interface RotaDay {
  date: string;
  startsAt: Date;
  /** The duty unit, or null when nobody is on duty yet (or the draft is not shown to the caller). */
  unit: string | null;
  entries: RotaEntry[];
}

export interface RotaMonthView {
  city: string;
  month: string;
  status: 'draft' | 'published';
  publishedAt: Date | null;
  publishedBy: string | null;
  /** The month must be published before this instant (its first duty day's start). */
  publishBy: Date;
  rule: string;
  dayStarts: string;
  onlineHours: Array<{ from: string; to: string }>;
  /** False for a unit's user reading a draft: its days are shown empty. */
  visible: boolean;
  days: RotaDay[];
  uncovered: string[];
}

export interface DutyToday {
  city: string;
  at: Date;
  date: string;
  startsAt: Date;
  endsAt: Date;
  unit: string | null;
  entries: RotaEntry[];
  published: boolean;
  online: boolean;
  onlineHours: OnlineWindow[];
  rule: string;
}

/** The duty rota of member-unit heads (HK-9); the log and handover are in duty-log.service.ts. */
export class DutyRotaService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
  ) {}

  /** The city's rota rules and zone; DUTY_ROTA_NOT_CONFIGURED for a city without `duty.rota`. */
  context(city: string): RotaContext & { units: string[] } {
    const { policy } = this.catalog.policy(city);
    const rota: DutyRotaPolicy | undefined = policy.duty?.rota;
    if (!rota) throw new NotFoundError('DUTY_ROTA_NOT_CONFIGURED', `the policy of ${city} has no duty rota (duty.rota)`, { city });
    return { rota, zone: new ZoneClock(policy.timezone), now: this.clock.now(), units: allUnitNames(policy) };
  }

  async month(actor: Actor, city: string, month: string): Promise<RotaMonthView> {
    assertCityRole(actor, city, ANY_ROLE, "read the city's duty rota");
    assertMonth(month);
    const ctx = this.context(city);
    const dates = monthDates(month);
    const [found, entries] = await this.uow.run(async (repos) => [
      await repos.duty.findMonth(city, month),
      await repos.duty.entriesBetween(city, dates[0]!, dates[dates.length - 1]!),
    ] as const);
    const status = found?.status ?? 'draft';
    const visible = status === 'published' || ROTA_DRAFT_READERS.includes(actor.role);
    const shown = visible ? entries : [];
    return {
      city,
      month,
      status,
      publishedAt: found?.publishedAt ?? null,
      publishedBy: found?.publishedBy ?? null,
      publishBy: publishDeadline(ctx, month),
      rule: ctx.rota.rule,
      dayStarts: ctx.rota.dayStarts,
      onlineHours: ctx.rota.onlineHours,
      visible,
      days: dates.map((date) => {
        const day = shown.filter((e) => e.date === date);
        return { date, startsAt: dutyPeriod(date, ctx.zone, ctx.rota.dayStarts).startsAt, unit: day[0]?.unit ?? null, entries: day };
      }),
      uncovered: visible ? uncoveredDates(month, entries) : [],
    };
  }

  async addEntry(actor: Actor, city: string, input: NewRotaEntry & { reason?: string }): Promise<RotaEntry> {
    assertCityRole(actor, city, ROTA_EDITORS, 'edit the duty rota');
    assertLocalDate(input.date, 'date');
    const ctx = this.context(city);
    if (!ctx.units.includes(input.unit)) {
      throw new ValidationError('DUTY_UNIT_UNKNOWN', `${input.unit} is not a member unit of ${city}`, [
        { path: 'unit', message: `expected a unit of the policy of ${city}, got "${input.unit}"` },
      ]);
    }
    assertDayNotStarted(ctx, input.date);
    const entry: RotaEntry = { id: randomUUID(), city, date: input.date, unit: input.unit, person: input.person, role: input.role, createdBy: actor.id, createdAt: ctx.now };
    await this.uow.run(async (repos) => {
      const month = await repos.duty.lockMonth(city, input.date.slice(0, 7));
      assertChangeReason(ctx, month, input.reason);
      assertFitsDay(ctx, await repos.duty.entriesBetween(city, input.date, input.date), input);
      await repos.duty.insertEntry(entry);
      await audit(repos, actor, ctx.now, 'duty.rota.entry-added', { ...describe(entry), published: month.status === 'published', reason: input.reason ?? null });
    });
    return entry;
  }

  async removeEntry(actor: Actor, city: string, id: string, reason: string | undefined): Promise<RotaEntry> {
    assertCityRole(actor, city, ROTA_EDITORS, 'edit the duty rota');
    const ctx = this.context(city);
    return this.uow.run(async (repos) => {
      const entry = await repos.duty.findEntry(id);
      if (!entry || entry.city !== city) throw new NotFoundError('DUTY_ENTRY_NOT_FOUND', `no rota entry ${id} in ${city}`, { id });
      assertDayNotStarted(ctx, entry.date);
      const month = await repos.duty.lockMonth(city, entry.date.slice(0, 7));
      assertChangeReason(ctx, month, reason);
      await repos.duty.deleteEntry(id);
      await audit(repos, actor, ctx.now, 'duty.rota.entry-removed', { ...describe(entry), published: month.status === 'published', reason: reason ?? null });
      return entry;
    });
  }

  async publish(actor: Actor, city: string, month: string): Promise<RotaMonthView> {
    assertCityRole(actor, city, ROTA_EDITORS, 'publish the duty rota');
    assertMonth(month);
    const ctx = this.context(city);
    const dates = monthDates(month);
    await this.uow.run(async (repos) => {
      const row: RotaMonth = await repos.duty.lockMonth(city, month);
      const entries = await repos.duty.entriesBetween(city, dates[0]!, dates[dates.length - 1]!);
      assertPublishable(ctx, row, entries);
      await repos.duty.publishMonth(city, month, actor.id, ctx.now);
      const uncovered = uncoveredDates(month, entries);
      await audit(repos, actor, ctx.now, 'duty.rota.published', { month, days: dates.length - uncovered.length, uncovered });
    });
    return this.month(actor, city, month);
  }

  /** Today's duty day at the clock's time: before `dayStarts` it is still yesterday's. */
  async today(actor: Actor, city: string): Promise<DutyToday> {
    assertCityRole(actor, city, ANY_ROLE, "read today's duty unit");
    const ctx = this.context(city);
    const date = dutyDateAt(ctx.now, ctx.zone, ctx.rota.dayStarts);
    const day = await this.dutyDay(city, date);
    const visible = day.published || ROTA_DRAFT_READERS.includes(actor.role);
    const windows = onlineWindows(date, ctx.now, ctx.zone, ctx.rota.onlineHours);
    return {
      city,
      at: ctx.now,
      date,
      ...dutyPeriod(date, ctx.zone, ctx.rota.dayStarts),
      unit: visible ? (day.entries[0]?.unit ?? null) : null,
      entries: visible ? day.entries : [],
      published: day.published,
      online: windows.some((w) => w.current),
      onlineHours: windows,
      rule: ctx.rota.rule,
    };
  }

  /** A duty day's entries and whether its month is published. */
  async dutyDay(city: string, date: string): Promise<{ entries: RotaEntry[]; published: boolean }> {
    return this.uow.run(async (repos) => ({
      entries: await repos.duty.entriesBetween(city, date, date),
      published: (await repos.duty.findMonth(city, date.slice(0, 7)))?.status === 'published',
    }));
  }
}

function describe(e: RotaEntry): Record<string, unknown> {
  return { id: e.id, date: e.date, unit: e.unit, person: e.person, role: e.role };
}

async function audit(repos: Repositories, actor: Actor, at: Date, type: string, data: Record<string, unknown>): Promise<void> {
  await repos.audit.append([{ orderId: null, city: actor.city, type, actor: actor.id, at, data }]);
}

