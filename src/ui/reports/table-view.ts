import { cellText, type Table } from './report-tables';

export interface TableView {
  key: string;
  title: string;
  note: string;
  columns: Array<{ key: string; label: string }>;
  rows: Array<Array<{ text: string; num: boolean }>>;
  definitions: Array<{ label: string; definition: string }>;
}

/** A table as the report-table partial draws it: each cell's text as the CSV writes it, figures right-aligned. */
export function tableView(t: Table): TableView {
  return {
    key: t.key,
    title: t.title,
    note: t.note ?? '',
    columns: t.columns.map((c) => ({ key: c.key, label: c.label })),
    rows: t.rows.map((row) => t.columns.map((c, i) => ({ text: cellText(c.format, row[i] ?? null), num: c.format !== 'text' }))),
    definitions: t.columns.filter((c) => c.definition).map((c) => ({ label: c.label, definition: c.definition ?? '' })),
  };
}
