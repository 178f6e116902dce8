import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { ConflictError, ForbiddenError } from '../../shared/errors';
import { assertSameCity } from '../access/city-access';
import { assertLocalDate } from '../calendar/local-date';
import type { UnitOfWork } from '../ports';
import type { Actor, Role } from '../work-order/actor';
import { dutyDateAt } from './duty-time';
import type { DutyLogEntry, DutyLogKind, RotaEntry } from './duty.ports';
import { DutyRotaService, ROTA_DRAFT_READERS, ROTA_EDITORS } from './duty-rota.service';

/** A unit's users who write its duty log on its duty day: its heads and handlers. */
const UNIT_WRITERS: readonly Role[] = ['leader', 'handler'];

export interface DutyLogDay {
  city: string;
  date: string;
  unit: string | null;
  entries: DutyLogEntry[];
  handover: DutyLogEntry | null;
  /** Whether the caller may write to this day's log now. */
  writable: boolean;
}

/**
 * The duty log and handover note of each duty day (HK-10: "做好值班记录,及时交接班"). Written
 * during the duty day only, by the centre or by a user of the day's duty unit in the published
 * rota; one handover note a day. Read by the centre, the city's read-only roles and that unit.
 */
export class DutyLogService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly rota: DutyRotaService,
    private readonly clock: Clock,
  ) {}

  async day(actor: Actor, city: string, date: string): Promise<DutyLogDay> {
    assertSameCity(actor, city);
    assertLocalDate(date, 'date');
    const ctx = this.rota.context(city);
    const day = await this.rota.dutyDay(city, date);
    const unit = dutyUnit(day);
    if (!ROTA_DRAFT_READERS.includes(actor.role) && !(unit !== null && actor.unit === unit && UNIT_WRITERS.includes(actor.role))) {
      throw new ForbiddenError('NOT_DUTY_UNIT', `${ctx.rota.logRule ?? ctx.rota.rule}: the log of ${date} is read by the centre and the duty unit${unit ? ` (${unit})` : ''}`, { date, unit });
    }
    const entries = await this.uow.run((repos) => repos.duty.logOf(city, date));
    const current = dutyDateAt(ctx.now, ctx.zone, ctx.rota.dayStarts) === date;
    return {
      city,
      date,
      unit,
      entries: entries.filter((e) => e.kind === 'log'),
      handover: entries.find((e) => e.kind === 'handover') ?? null,
      writable: current && this.mayWrite(actor, unit),
    };
  }

  /** Writes to the log of the current duty day (before `dayStarts`, yesterday's). */
  async write(actor: Actor, city: string, input: { kind: DutyLogKind; text: string }): Promise<DutyLogEntry> {
    assertSameCity(actor, city);
    const ctx = this.rota.context(city);
    const rule = ctx.rota.logRule ?? ctx.rota.rule;
    const date = dutyDateAt(ctx.now, ctx.zone, ctx.rota.dayStarts);
    const unit = dutyUnit(await this.rota.dutyDay(city, date));
    if (!this.mayWrite(actor, unit)) {
      throw new ForbiddenError(
        'NOT_DUTY_UNIT',
        `${rule}: the duty log of ${date} is written by the centre and the duty unit in the published rota (${unit ?? 'none'}), not by ${actor.role} of ${actor.unit}`,
        { date, unit },
      );
    }
    const entry: DutyLogEntry = { id: randomUUID(), city, date, kind: input.kind, text: input.text, author: actor.id, authorName: actor.name, authorUnit: actor.unit, at: this.clock.now() };
    await this.uow.run(async (repos) => {
      if (!(await repos.duty.insertLog(entry))) {
        throw new ConflictError('DUTY_HANDOVER_EXISTS', `${rule}: the handover note of ${date} was written already`, { date });
      }
      await repos.audit.append([
        { orderId: null, city, type: input.kind === 'handover' ? 'duty.handover.written' : 'duty.log.written', actor: actor.id, at: entry.at, data: { id: entry.id, date, unit } },
      ]);
    });
    return entry;
  }

  private mayWrite(actor: Actor, unit: string | null): boolean {
    return ROTA_EDITORS.includes(actor.role) || (unit !== null && actor.unit === unit && UNIT_WRITERS.includes(actor.role));
  }
}

/** The duty unit of a day in the published rota (a draft names nobody yet). */
function dutyUnit(day: { entries: RotaEntry[]; published: boolean }): string | null {
  return day.published ? (day.entries[0]?.unit ?? null) : null;
}
