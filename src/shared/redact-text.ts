/**
 * The one redaction of citizens' numbers in free text (pure): what a reader who may not see the
 * requester is shown of content, form data, audit entries and Open311 descriptions.
 *
 * What counts, each as written with spaces, hyphens or dots between its groups and in ASCII or
 * full-width digits (０-９), standing alone (no digit right before or after):
 * - a mobile: 11 digits 1[3-9]…, optionally after +86, 0086, 86 or (+86) → 138****5678;
 * - a landline with its area code: 0898-66668888, 0898 66668888, (0898)66668888,
 *   （0898）66668888, 089866668888, +86 898 66668888 → 0898-****8888;
 * - a local number of 7–8 digits (first digit 2-9) only when a phone word comes just before it
 *   (电话, 手机, 座机, 固话, 联系方式, 致电, 拨打, 来电, tel, phone, mobile, call) → ****8888;
 *   a bare 8-digit number is left alone: it is as likely a date (20261122) or an amount;
 * - an ID-card number: 18 digits (the last may be X/x) or the old 15, with a plausible date of
 *   birth inside → 1****************X;
 * - an e-mail address → z***@example.com (the domain is kept).
 * UUIDs are left as they are (they are our record ids), and so are order numbers
 * (HK-20261122-000001), dates, times and amounts: none has the shape of the above.
 */

// Full-width forms of the characters the patterns look at, mapped one code unit to one code
// unit, so that positions found in the normalised text are positions in the original.
const FULL_WIDTH: Record<string, string> = { '＋': '+', '（': '(', '）': ')', '－': '-', '．': '.', 'Ｘ': 'X', 'ｘ': 'x', '\u3000': ' ' };

function normalise(text: string): string {
  return text.replace(/[０-９＋（）－．Ｘｘ\u3000]/g, (c) =>
    c >= '０' && c <= '９' ? String.fromCharCode(c.charCodeAt(0) - 0xfee0) : (FULL_WIDTH[c] ?? c),
  );
}

const SEP = '[ .-]?';
const ALONE_BEFORE = '(?<![0-9])';
const ALONE_AFTER = '(?![0-9])';
const COUNTRY = '(?:\\(\\+?86\\) ?|(?:(?:\\+|00) ?)?86[ -]?)';
const LOCAL = `[2-9]\\d{2,3}${SEP}\\d{4}`;
const CUE = '(?:电话|手机|座机|固话|联系方式|致电|拨打|来电|tel|phone|mobile|call)';

const digitsOf = (s: string): string => s.replace(/\D/g, '');

interface Rule {
  pattern: RegExp;
  mask: (match: RegExpExecArray) => string;
}

/** In order of precedence: a span taken by one rule is not looked at by the next. */
const RULES: Rule[] = [
  // our ids, kept as they are
  { pattern: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, mask: (m) => m[0] },
  {
    pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
    mask: (m) => `${m[0][0]}***${m[0].slice(m[0].indexOf('@'))}`,
  },
  {
    pattern: new RegExp(
      `${ALONE_BEFORE}[1-9]\\d{5}(?:(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx]|\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3})${ALONE_AFTER}`,
      'g',
    ),
    mask: (m) => `${m[0][0]}${'*'.repeat(m[0].length - 2)}${m[0].slice(-1)}`,
  },
  {
    pattern: new RegExp(`${ALONE_BEFORE}${COUNTRY}?(1[3-9]\\d)${SEP}(\\d{4})${SEP}(\\d{4})${ALONE_AFTER}`, 'g'),
    mask: (m) => `${m[1]}****${m[3]}`,
  },
  {
    pattern: new RegExp(
      `${ALONE_BEFORE}(?:\\( ?(0\\d{2,3}) ?\\) ?|(0\\d{2,3})${SEP}|${COUNTRY}([1-9]\\d{1,2})${SEP})(${LOCAL})${ALONE_AFTER}`,
      'g',
    ),
    mask: (m) => `${m[1] ?? m[2] ?? `0${m[3]}`}-****${digitsOf(m[4] ?? '').slice(-4)}`,
  },
  {
    pattern: new RegExp(`(?<=${CUE}[^0-9\\n]{0,4})${ALONE_BEFORE}(${LOCAL})${ALONE_AFTER}`, 'gi'),
    mask: (m) => `****${digitsOf(m[1] ?? '').slice(-4)}`,
  },
];

interface Span {
  start: number;
  end: number;
  text: string;
}

function spans(normalised: string): Span[] {
  const taken: Span[] = [];
  for (const rule of RULES) {
    for (const m of normalised.matchAll(rule.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some((s) => start < s.end && s.start < end)) continue;
      taken.push({ start, end, text: rule.mask(m as RegExpExecArray) });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** The text with every phone, ID-card number and e-mail address masked; anything else as it was. */
export function redactText(text: string): string {
  const found = spans(normalise(text));
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of found) {
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

/** Every string of a value (at any depth, keys left alone) redacted by redactText. */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v)])) as T;
  }
  return value;
}

/** A phone number as the requester field shows it: 138****0000, 0898-****8888, ****8888. */
export function maskPhone(phone: string): string {
  const redacted = redactText(phone);
  if (redacted !== phone) return redacted;
  const digits = digitsOf(normalise(phone));
  return digits.length >= 7 ? `****${digits.slice(-4)}` : '****';
}

/**
 * Does a search word hold what only a reader of the requester may search by: a run of four or
 * more digits (a piece of a phone or ID-card number) or an `@` (an e-mail address)? A whole
 * order number (HK-20261122-000001) is not such a word.
 */
export function isPersonalSearchWord(word: string): boolean {
  const w = normalise(word);
  if (/^[A-Za-z]{1,10}-\d{8}-\d{1,8}$/.test(w)) return false;
  return /\d{4}/.test(w) || w.includes('@');
}
