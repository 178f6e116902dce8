/** An instant's parts as read in a time zone (the hotlines': Asia/Shanghai). */
function localParts(at: Date, timeZone: string): { year: string; month: string; day: string; hour: string; minute: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: get('year'), month: String(Number(get('month'))), day: String(Number(get('day'))), hour: get('hour'), minute: get('minute') };
}

/**
 * `2026年3月23日 23:59`: an instant as the hotline reads it, in a time zone. The one format of
 * every page, the same as the pages' scripts write (localTime in assets/app.js).
 */
export function localDateTimeText(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
}

/** `23:59`: the time of day of an instant in a time zone (the end of a span on the same day). */
export function localClockText(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** `2026年3月9日`: a local date (YYYY-MM-DD) as a Chinese message writes it. */
export function chineseDateText(localDate: string): string {
  const [y, m, d] = localDate.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** `2026年3月9日 23:59`: an instant as read in a time zone, as a Chinese message writes it (the pages' one format). */
export function chineseDateTimeText(at: Date, timeZone: string): string {
  return localDateTimeText(at, timeZone);
}

/** `2026年5月`: a month (YYYY-MM) as a Chinese message writes it. */
export function chineseMonthText(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}
