import type { RequestAuth } from '../../api/middleware/authenticate';
import type { CityCatalog } from '../../engine/city/city-catalog';
import { ROTA_EDITORS } from '../../engine/duty/duty-rota.service';
import type { DutyServices } from '../../engine/duty/duty-services';
import { assertMonth } from '../../engine/duty/duty-time';
import { allUnitNames } from '../../engine/policy/load-policies';
import { DomainError } from '../../shared/errors';
import { chineseDateText, localDateTimeText } from '../../shared/local-time';
import { renderPage, translate } from '../render';
import type { PeopleDirectory } from '../timeline/history-lookup';
import { namesOf, personName } from './task-sections';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function layout(auth: RequestAuth, catalog: CityCatalog, city: string, title: string, script: string | null) {
  return { title, user: auth.user, cityName: catalog.policy(city).policy.name, csrfToken: auth.csrfToken, current: '/duty', script };
}

/** Who may read the log is decided by the service; a refusal leaves the log panel out. */
async function readable<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError && err.category === 'forbidden') return null;
    throw err;
  }
}

/**
 * The duty page of a city (HK-9, HK-10): the current duty day and unit, the month's rota (with
 * the centre's editing and publishing), and the current day's log and handover.
 */
export async function dutyPage(duty: DutyServices, catalog: CityCatalog, people: PeopleDirectory, auth: RequestAuth, city: string, monthParam: string | null): Promise<string> {
  const { policy } = catalog.policy(city);
  if (!policy.duty?.rota) {
    return renderPage('duty', layout(auth, catalog, city, translate('duty.title'), null), { configured: false });
  }
  const today = await duty.rota.today(auth.actor, city);
  const month = monthParam ?? today.date.slice(0, 7);
  assertMonth(month);
  const view = await duty.rota.month(auth.actor, city, month);
  const [log, names] = await Promise.all([readable(() => duty.log.day(auth.actor, city, today.date)), namesOf(people, city)]);
  const zone = policy.timezone;
  const editor = ROTA_EDITORS.includes(auth.actor.role);
  const editable = (startsAt: Date) => editor && startsAt.getTime() > today.at.getTime();
  const [year, mon] = month.split('-').map(Number);
  const base = `/duty/${encodeURIComponent(city)}`;
  const entryView = (e: { id: string; person: string; role: 'head' | 'deputy' }) => ({ id: e.id, person: e.person, role: translate(`duty.roles.${e.role}`) });
  const logView = (e: { authorName: string; authorUnit: string; at: Date; text: string }) => ({ ...e, time: localDateTimeText(e.at, zone) });
  return renderPage('duty', layout(auth, catalog, city, translate('duty.title'), 'duty.js'), {
    configured: true,
    city,
    rule: view.rule,
    today: {
      heading: translate('duty.dutyDay', { date: chineseDateText(today.date), from: view.dayStarts }),
      unit: today.unit,
      draft: !today.published && today.unit !== null,
      people: today.entries.map(entryView),
      online: today.online,
      windows: today.onlineHours,
    },
    month,
    heading: translate('duty.month', { year, month: mon }),
    prev: `${base}/${shiftMonth(month, -1)}`,
    next: `${base}/${shiftMonth(month, 1)}`,
    status: view.status,
    statusLabel: translate(`duty.status.${view.status}`),
    publishedNote: view.publishedAt ? translate('duty.publishedAt', { time: localDateTimeText(view.publishedAt, zone), by: personName(names, view.publishedBy) || translate('duty.centre') }) : '',
    publishByNote: view.status === 'draft' ? translate('duty.publishBy', { time: localDateTimeText(view.publishBy, zone) }) : '',
    uncoveredNote: view.visible && view.uncovered.length > 0 ? translate('duty.uncovered', { n: view.uncovered.length }) : '',
    visible: view.visible,
    days: view.days.map((d) => ({
      date: d.date,
      label: `${chineseDateText(d.date).slice(5)}（${WEEKDAYS[new Date(`${d.date}T00:00:00Z`).getUTCDay()]}）`,
      unit: d.unit ?? '',
      current: d.date === today.date,
      people: d.entries.map(entryView),
      editable: editable(d.startsAt),
    })),
    editor,
    canPublish: editor && view.status === 'draft',
    units: allUnitNames(policy),
    log: log && {
      heading: translate('duty.logOf', { date: chineseDateText(log.date) }),
      entries: log.entries.map(logView),
      handover: log.handover && logView(log.handover),
      writable: log.writable,
    },
  });
}
