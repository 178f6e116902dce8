/** `2026-03-23 23:59`: an instant as read in a time zone (the hotlines': Asia/Shanghai). */
export function localDateTimeText(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** `2026年3月9日`: a local date (YYYY-MM-DD) as a Chinese message writes it. */
export function chineseDateText(localDate: string): string {
  const [y, m, d] = localDate.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** `2026年3月9日 23:59`: an instant as read in a time zone, as a Chinese message writes it. */
export function chineseDateTimeText(at: Date, timeZone: string): string {
  const [date, time] = localDateTimeText(at, timeZone).split(' ');
  return `${chineseDateText(date ?? '')} ${time ?? ''}`;
}

/** `2026年5月`: a month (YYYY-MM) as a Chinese message writes it. */
export function chineseMonthText(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}
