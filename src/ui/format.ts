import type { FormFieldView } from '../engine/queries/task-form';
import { translate } from './render';
import { localDateTimeText } from '../shared/local-time';

/** A time as the office reads it, in the city's time zone: 2026年3月2日 09:00. */
export function formatTime(iso: string | null, timeZone: string): string {
  return iso ? localDateTimeText(new Date(iso), timeZone) : '—';
}

/** 2天3小时 / 3小时20分钟 / 15分钟: the largest two units. */
export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  const d = (key: string, n: number) => translate(`client.${key}`, { n });
  if (days > 0) return d('days', days) + (hours ? d('hours', hours) : '');
  if (hours > 0) return d('hours', hours) + (minutes ? d('minutes', minutes) : '');
  return d('minutes', minutes);
}

/** How a countdown is drawn: its text, and a level for its colour (ok, soon within 24 h, overdue). */
export interface Countdown {
  seconds: number | '';
  text: string;
  level: 'none' | 'ok' | 'soon' | 'overdue';
}

export function countdown(remainingSeconds: number | null, flags: string[] = []): Countdown {
  if (remainingSeconds === null) return { seconds: '', text: '—', level: 'none' };
  if (remainingSeconds < 0 || flags.includes('overdue')) {
    return { seconds: remainingSeconds, text: translate('client.overdue', { t: formatDuration(remainingSeconds) }), level: 'overdue' };
  }
  const level = remainingSeconds <= 86_400 || flags.includes('due-soon') ? 'soon' : 'ok';
  return { seconds: remainingSeconds, text: translate('client.remaining', { t: formatDuration(remainingSeconds) }), level };
}

/** A form field as the field partial draws it: its id, input type and error path. */
export interface FieldModel {
  id: string;
  name: string;
  path: string;
  label: string;
  type: string;
  required: boolean;
  options: Array<{ value: string; label: string }>;
  help: string;
  min: number | null;
  max: number | null;
  maxLength: number | null;
  inputType: string;
  isChoice: boolean;
  isMulti: boolean;
  isBoolean: boolean;
  isLongText: boolean;
  /** A `files` field: a picker that uploads to the order (attachments.js), the ids in a hidden list. */
  isFiles: boolean;
}

/** A field of a page's own form (not a policy form): a one-line text input unless `opts` says otherwise. */
export function pageField(id: string, name: string, label: string, opts: Partial<FieldModel> = {}): FieldModel {
  return {
    id,
    name,
    path: name,
    label,
    type: 'text',
    required: true,
    options: [],
    help: '',
    min: null,
    max: null,
    maxLength: null,
    inputType: 'text',
    isChoice: false,
    isMulti: false,
    isBoolean: false,
    isLongText: false,
    isFiles: false,
    ...opts,
  };
}

const INPUT_TYPES: Record<string, string> = { number: 'number', datetime: 'datetime-local' };

/** What the page knows beyond the form: how units read as a tree. */
export interface FieldHints {
  /** A unit's name → its label in the tree (indented, with its kind). */
  unitLabels?: ReadonlyMap<string, string>;
}

const UNIT_TYPES = new Set(['unit', 'units', 'subunit']);

/** A field of a policy form; `prefix` keeps ids unique when a page has several forms. */
export function fieldModel(f: FormFieldView, prefix: string, pathPrefix = 'data.', hints: FieldHints = {}): FieldModel {
  const label = (o: string): string => (UNIT_TYPES.has(f.type) ? (hints.unitLabels?.get(o) ?? o) : o);
  return {
    id: `${prefix}-${f.name}`,
    name: f.name,
    path: `${pathPrefix}${f.name}`,
    label: f.label,
    type: f.type,
    required: f.required,
    options: (f.options ?? []).map((o) => ({ value: o, label: label(o) })),
    help: f.help ?? '',
    min: f.min ?? null,
    max: f.max ?? null,
    maxLength: f.maxLength ?? null,
    inputType: INPUT_TYPES[f.type] ?? 'text',
    isChoice: f.type === 'choice' || f.type === 'unit' || f.type === 'subunit',
    isMulti: f.type === 'units',
    isBoolean: f.type === 'boolean',
    isLongText: f.type === 'text' && (f.maxLength === undefined || f.maxLength > 200),
    isFiles: f.type === 'files',
  };
}
