import type { HistoryEntry, TimelineEvent } from './timeline-sentence';
import { translate } from '../render';

/** A raw event of the export: what the API's timeline returns (its id too). */
export interface RawEvent extends TimelineEvent {
  id: number;
}

const COLUMNS = ['seq', 'at', 'atUtc', 'event', 'type', 'who', 'actor', 'text', 'data'] as const;

/** A CSV cell: quoted when it must be; a leading = + - @ is neutralised so a spreadsheet never runs it. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The auditors' export of an order's timeline (导出原始记录): every event as stored — its id,
 * UTC instant, type, actor login and data as JSON — beside the sentence the page shows. UTF-8
 * with a byte-order mark and CRLF, so Excel opens the Chinese text as it is.
 */
export function timelineCsv(events: readonly RawEvent[], entries: readonly HistoryEntry[]): string {
  const header = COLUMNS.map((c) => translate(`history.csv.${c}`));
  const rows = events.map((e, i) => {
    const entry = entries[i];
    const sentence = entry ? [entry.what, ...entry.details].join('；') : '';
    return [String(e.id), entry?.at ?? '', e.at, entry?.name ?? '', e.type, entry?.who ?? '', e.actor, sentence, JSON.stringify(e.data)];
  });
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
