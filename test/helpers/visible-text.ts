/**
 * What a person reads on a rendered page, and what must never be there: the checks of
 * test/api/readable-pages.test.ts, kept apart so any page's test can use them.
 */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
  '#x27': "'",
  '#x3D': '=',
  '#x60': '`',
};

/** The text of an HTML page as shown: no scripts, styles, templates, hidden inputs, tags or attributes. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style|template|noscript)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<input\b[^>]*type="hidden"[^>]*>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(
      /&(#x[0-9a-fA-F]+|#\d+|\w+);/g,
      (m, e: string) =>
        ENTITIES[e] ??
        (e.startsWith('#x')
          ? String.fromCodePoint(parseInt(e.slice(2), 16))
          : e.startsWith('#')
            ? String.fromCodePoint(Number(e.slice(1)))
            : m),
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Codes people do read: order numbers (HZ-20261203-000001), the names Chinese offices use for
 * file kinds and sizes (PDF、Word、Excel, JPEG, 10 MB), and the ending of a file's name as it was
 * uploaded (现场照片.png). Removed before looking for English.
 */
const CODE_LIKE = [/\b[A-Z]{2,6}-\d{8}-\d{6}\b/g, /\b(JPEG|JPG|PNG|GIF|WebP|PDF|Word|Excel|DOCX|XLSX|MB|KB|CSV)\b/g, /\.(png|jpe?g|gif|webp|pdf|docx|xlsx)\b/gi];

/**
 * What a hotline worker should never have to read, each with where it was found: an id, an
 * ISO or UTC time, a date written 2026-03-09 (the pages write 2026年3月9日), JSON, a login
 * (`<city>.<id>`), an English word. `codeLike`: more codes this page's readers do read (an
 * administrator types logins, so the users page may show them).
 */
export function internalLeaks(shown: string, city: string, codeLike: RegExp[] = []): string[] {
  const text = codeLike.reduce((t, re) => t.replace(re, ' '), shown);
  const found: string[] = [];
  const look = (what: string, re: RegExp, within = text) => {
    for (const m of within.matchAll(re))
      found.push(`${what}: …${within.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30)}…`);
  };
  look('uuid', /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi);
  look('ISO time', /\d{4}-\d{2}-\d{2}T/g);
  look('ISO date', /(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])/g);
  look('JSON', /\{"/g);
  look('login', new RegExp(`\\b${city}\\.[a-z0-9][a-z0-9-]*`, 'g'));
  look('login', /\bsystem\b/g);
  const words = CODE_LIKE.reduce((t, re) => t.replace(re, ' '), text);
  look('English', /[A-Za-z]{2,}/g, words);
  return found;
}
