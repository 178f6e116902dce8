/**
 * A report document as an .xlsx workbook (exceljs): one worksheet per table — the document's
 * title in row 1, the table's headings in row 2, its rows from row 3 (rates and scores as
 * numbers with a number format, so the cells compute), then its note and the definitions of
 * its figures. Text is always written as a string value, never as a formula.
 */
import ExcelJS from 'exceljs';
import { translate } from '../render';
import type { Cell, Column, ReportDocument, Table } from './report-tables';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FORMATS: Record<Column['format'], string | undefined> = { text: '@', int: '0', rate: '0.0%', score: '0.00' };

/** A worksheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the book. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name); i += 1) name = `${base}(${i})`;
  used.add(name);
  return name;
}

function writeTable(book: ExcelJS.Workbook, doc: ReportDocument, t: Table, used: Set<string>): void {
  const sheet = book.addWorksheet(sheetName(t.title, used));
  sheet.addRow([`${doc.title} — ${t.title}`]).font = { bold: true, size: 13 };
  const head = sheet.addRow(t.columns.map((c) => c.label));
  head.font = { bold: true };
  for (const row of t.rows) {
    const added = sheet.addRow(t.columns.map((_c, i): Cell => row[i] ?? null));
    t.columns.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      if (typeof cell.value === 'number') cell.numFmt = FORMATS[c.format] ?? 'General';
    });
  }
  if (t.note) sheet.addRow([t.note]);
  const defined = t.columns.filter((c) => c.definition);
  if (defined.length > 0) {
    sheet.addRow([]);
    sheet.addRow([translate('reports.definitionsTitle')]).font = { bold: true };
    for (const c of defined) sheet.addRow([c.label, c.definition ?? '']);
  }
  t.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.format === 'text' ? 24 : 14;
  });
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
}

export async function toXlsx(doc: ReportDocument): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'minhu';
  const used = new Set<string>();
  for (const t of doc.tables) writeTable(book, doc, t, used);
  if (doc.tables.length === 0) book.addWorksheet('Sheet').addRow([doc.title]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
