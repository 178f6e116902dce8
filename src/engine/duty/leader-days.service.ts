import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { ConflictError, NotFoundError } from '../../shared/errors';
import { ANY_ROLE, assertCityRole } from '../access/city-access';
import { addDays, ZoneClock } from '../calendar/local-date';
import type { CityCatalog } from '../city/city-catalog';
import type { LeaderDaysPolicy } from '../policy/duty.schema';
import type { UnitOfWork } from '../ports';
import type { Actor } from '../work-order/actor';
import { ROTA_EDITORS } from './duty-rota.service';
import { assertMonth, localInstant } from './duty-time';
import type { LeaderDay } from './duty.ports';
import { assertLeaderDay, describeMinDuration, describeNotice } from './leader-day-rules';

export interface LeaderDayInput {
  leader: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
}

export interface LeaderDayMonth {
  city: string;
  month: string;
  rule: string;
  minDuration: string;
  notice: string;
  items: LeaderDay[];
}

/**
 * Leaders answering calls at the centre (PDS-18 领导接线日, HZ-10 领导接听专席): the centre
 * announces each session, refused when shorter than the policy's minimum or announced with too
 * little notice; anyone of the city reads them; a cancellation keeps the entry and says why.
 */
export class LeaderDayService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
  ) {}

  private rules(city: string): { rules: LeaderDaysPolicy; zone: ZoneClock } {
    const { policy } = this.catalog.policy(city);
    const rules = policy.duty?.leaderDays;
    if (!rules) throw new NotFoundError('LEADER_DAYS_NOT_CONFIGURED', `the policy of ${city} has no leader answering days (duty.leaderDays)`, { city });
    return { rules, zone: new ZoneClock(policy.timezone) };
  }

  /** The month (YYYY-MM) of now in the city's zone. */
  currentMonth(city: string): string {
    return this.rules(city).zone.localDate(this.clock.now()).slice(0, 7);
  }

  async month(actor: Actor, city: string, month: string): Promise<LeaderDayMonth> {
    assertCityRole(actor, city, ANY_ROLE, "read the leaders' answering days");
    assertMonth(month);
    const { rules, zone } = this.rules(city);
    const from = localInstant(zone, `${month}-01`, '00:00');
    const to = localInstant(zone, `${addDays(`${month}-28`, 4).slice(0, 7)}-01`, '00:00');
    const items = await this.uow.run((repos) => repos.leaderDays.between(city, from, to));
    return { city, month, rule: rules.rule, minDuration: describeMinDuration(rules), notice: describeNotice(rules), items };
  }

  async announce(actor: Actor, city: string, input: LeaderDayInput): Promise<LeaderDay> {
    assertCityRole(actor, city, ROTA_EDITORS, "announce leaders' answering days");
    const { rules, zone } = this.rules(city);
    const now = this.clock.now();
    assertLeaderDay(rules, zone, now, input.startsAt, input.endsAt);
    const day: LeaderDay = {
      id: randomUUID(),
      city,
      leader: input.leader,
      title: input.title,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      announcedAt: now,
      announcedBy: actor.id,
      cancelledAt: null,
      cancelledBy: null,
      cancelReason: null,
    };
    await this.uow.run(async (repos) => {
      await repos.leaderDays.insert(day);
      await repos.audit.append([
        { orderId: null, city, type: 'leader-day.announced', actor: actor.id, at: now, data: { id: day.id, leader: day.leader, startsAt: day.startsAt.toISOString(), endsAt: day.endsAt.toISOString(), rule: rules.rule } },
      ]);
    });
    return day;
  }

  async cancel(actor: Actor, city: string, id: string, reason: string): Promise<LeaderDay> {
    assertCityRole(actor, city, ROTA_EDITORS, "cancel leaders' answering days");
    this.rules(city);
    const now = this.clock.now();
    return this.uow.run(async (repos) => {
      const day = await repos.leaderDays.findById(id);
      if (!day || day.city !== city) throw new NotFoundError('LEADER_DAY_NOT_FOUND', `no leader answering session ${id} in ${city}`, { id });
      if (!(await repos.leaderDays.cancel(id, actor.id, now, reason))) {
        throw new ConflictError('LEADER_DAY_ALREADY_CANCELLED', `the session of ${day.leader} was cancelled already`, { id });
      }
      await repos.audit.append([{ orderId: null, city, type: 'leader-day.cancelled', actor: actor.id, at: now, data: { id, leader: day.leader, reason } }]);
      return { ...day, cancelledAt: now, cancelledBy: actor.id, cancelReason: reason };
    });
  }
}
