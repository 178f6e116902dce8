/**
 * The kinds of file an attachment may be, recognised by their first bytes (magic numbers),
 * never by the declared type or the name. The list is the allowlist: anything else is refused.
 */

export interface SniffedType {
  /** The media type served on download. */
  type: string;
  /** Extensions that name this kind (the first is added to a name that has none of them). */
  extensions: readonly string[];
  /** Images may be shown inline (thumbnails); everything else is downloaded. */
  image: boolean;
}

const JPEG: SniffedType = { type: 'image/jpeg', extensions: ['jpg', 'jpeg'], image: true };
const PNG: SniffedType = { type: 'image/png', extensions: ['png'], image: true };
const GIF: SniffedType = { type: 'image/gif', extensions: ['gif'], image: true };
const WEBP: SniffedType = { type: 'image/webp', extensions: ['webp'], image: true };
const PDF: SniffedType = { type: 'application/pdf', extensions: ['pdf'], image: false };
const DOCX: SniffedType = { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], image: false };
const XLSX: SniffedType = { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], image: false };

/** What the refusal names as accepted. */
export const ACCEPTED_KINDS = 'JPEG, PNG, GIF, WebP, PDF, DOCX or XLSX';

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/**
 * An Office Open XML file is a ZIP whose entries include `[Content_Types].xml` and the main part
 * of its kind (`word/document.xml`, `xl/workbook.xml`); entry names are stored as plain bytes in
 * the local headers and the central directory.
 */
function officeKind(bytes: Uint8Array): SniffedType | null {
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return null;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buf.includes('[Content_Types].xml', 0, 'latin1')) return null;
  if (buf.includes('word/document.xml', 0, 'latin1')) return DOCX;
  if (buf.includes('xl/workbook.xml', 0, 'latin1')) return XLSX;
  return null;
}

/** The kind of file these bytes are, or null when it is none of the allowed kinds. */
export function sniffFileType(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return GIF;
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return WEBP;
  if (startsWith(bytes, ascii('%PDF-'))) return PDF;
  return officeKind(bytes);
}

const KNOWN: readonly SniffedType[] = [JPEG, PNG, GIF, WEBP, PDF, DOCX, XLSX];

/** The kind of a stored media type (for serving), or null. */
export function kindOfType(type: string): SniffedType | null {
  return KNOWN.find((k) => k.type === type) ?? null;
}

/** Longest file name kept (characters). */
const MAX_NAME = 120;

/**
 * The name as stored: the last part of a path, without control characters, at most MAX_NAME
 * characters, `附件` when nothing is left; the sniffed kind's extension is added when the name
 * does not end in one of its own (`回复.jpg` holding a PDF is kept as `回复.jpg.pdf`).
 */
export function cleanFileName(raw: string, kind: SniffedType): string {
  const base = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f-\u009f"]/g, '').trim();
  const name = [...(base || '附件')].slice(0, MAX_NAME).join('');
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext !== undefined && kind.extensions.includes(ext) ? name : `${name}.${kind.extensions[0] ?? 'bin'}`;
}
