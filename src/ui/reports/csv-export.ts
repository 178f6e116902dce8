/**
 * A report document as CSV (RFC 4180, CRLF) that Excel opens correctly: UTF-8 with a byte-order
 * mark, so Chinese is not read as GBK. Each table is its title line, its heading line, its rows
 * and the definitions of its figures, tables separated by an empty line.
 *
 * Text cells are neutralised against formula injection (OWASP "CSV injection"): a value starting
 * with = + - @, a tab or a carriage return is prefixed with an apostrophe, so a spreadsheet shows
 * it as text instead of evaluating it. Numbers are written as numbers and never prefixed.
 */
import { translate } from '../render';
import { cellText, type Cell, type Column, type ReportDocument } from './report-tables';

export const CSV_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: neutralised, then quoted when it holds a comma, a quote, a line break or was neutralised. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value || /^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function field(column: Column, value: Cell): string {
  if (typeof value === 'number' && column.format === 'int') return String(value);
  return csvField(cellText(column.format, value));
}

const line = (fields: string[]): string => `${fields.join(',')}\r\n`;

export function toCsv(doc: ReportDocument): string {
  let out = CSV_BOM + line([csvField(doc.title)]);
  for (const t of doc.tables) {
    out += '\r\n' + line([csvField(t.title)]);
    if (t.note) out += line([csvField(t.note)]);
    if (t.columns.length > 0) out += line(t.columns.map((c) => csvField(c.label)));
    for (const row of t.rows) out += line(t.columns.map((c, i) => field(c, row[i] ?? null)));
    const defined = t.columns.filter((c) => c.definition);
    if (defined.length > 0) {
      out += line([csvField(translate('reports.definitionsTitle'))]);
      for (const c of defined) out += line([csvField(c.label), csvField(c.definition ?? '')]);
    }
  }
  return out;
}
