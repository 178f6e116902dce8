import type { RequestAuth } from '../../api/middleware/authenticate';
import type { CityCatalog } from '../../engine/city/city-catalog';
import { ROTA_EDITORS } from '../../engine/duty/duty-rota.service';
import type { DutyServices } from '../../engine/duty/duty-services';
import { localClockText, localDateTimeText } from '../../shared/local-time';
import { renderPage, translate } from '../render';
import { shiftMonth } from './duty.page';

/** The leaders' answering days of a city (PDS-18, HZ-10): the month's sessions, and the centre's form. */
export async function leaderDaysPage(duty: DutyServices, catalog: CityCatalog, auth: RequestAuth, city: string, monthParam: string | null): Promise<string> {
  const { policy } = catalog.policy(city);
  const opts = { title: translate('leaderDays.title'), user: auth.user, cityName: policy.name, csrfToken: auth.csrfToken, current: '/leader-days' };
  const rules = policy.duty?.leaderDays;
  if (!rules) return renderPage('leader-days', { ...opts, script: null }, { configured: false });
  const month = monthParam ?? duty.leaderDays.currentMonth(city);
  const view = await duty.leaderDays.month(auth.actor, city, month);
  const zone = policy.timezone;
  const min = 'hours' in rules.minDuration ? translate('leaderDays.hours', { n: rules.minDuration.hours }) : translate('leaderDays.minutes', { n: rules.minDuration.minutes });
  const notice = 'naturalDays' in rules.notice ? translate('leaderDays.days', { n: rules.notice.naturalDays }) : translate('leaderDays.hours', { n: rules.notice.hours });
  const editor = ROTA_EDITORS.includes(auth.actor.role);
  const [year, mon] = month.split('-').map(Number);
  const base = `/leader-days/${encodeURIComponent(city)}`;
  return renderPage('leader-days', { ...opts, script: 'duty.js' }, {
    configured: true,
    city,
    rule: rules.rule,
    rulesText: translate('leaderDays.rules', { rule: rules.rule, min, notice }),
    heading: translate('leaderDays.month', { year, month: mon }),
    prev: `${base}/${shiftMonth(month, -1)}`,
    next: `${base}/${shiftMonth(month, 1)}`,
    editor,
    items: view.items.map((d) => ({
      id: d.id,
      leader: d.leader,
      title: d.title,
      time: `${localDateTimeText(d.startsAt, zone)} – ${localClockText(d.endsAt, zone)}`,
      announced: localDateTimeText(d.announcedAt, zone),
      state: d.cancelledAt ? translate('leaderDays.cancelled', { reason: d.cancelReason ?? '' }) : translate('leaderDays.active'),
      cancellable: editor && !d.cancelledAt,
    })),
  });
}
