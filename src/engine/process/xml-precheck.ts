/**
 * Checks an uploaded diagram's text before any XML parser sees it: its size, no DOCTYPE (so no
 * entity can be declared: no billion laughs, no external or parameter entity), and its shape —
 * how many elements and how deeply nested — counted by one linear scan, so a hostile upload is
 * refused in milliseconds and never reaches bpmn-moddle, whose reader and our walk recurse.
 */
import type { FieldIssue } from '../../shared/errors';

/**
 * Uploaded XML larger than this is refused before parsing (the city diagrams are 12–52 KB;
 * parsing and checking takes about 0.7 ms a KB, on an upload-check worker thread).
 */
export const MAX_BPMN_BYTES = 512 * 1024;
/** Elements in one diagram, its drawing included (the largest city diagram has about 700). */
export const MAX_BPMN_ELEMENTS = 5000;
/** Elements inside elements (the city diagrams nest 5 deep; each sub-process adds about 2). */
export const MAX_BPMN_DEPTH = 50;

interface Shape {
  elements: number;
  /** Offset of the first element over a limit, or -1. */
  at: number;
}

/** Where a construct ends, or the end of the text when it never does (the parser reports that). */
function after(xml: string, from: number, end: string): number {
  const found = xml.indexOf(end, from);
  return found === -1 ? xml.length : found + end.length;
}

/** The offset just after a start tag's `>`, skipping quoted attribute values. */
function endOfTag(xml: string, from: number): number {
  let quote = '';
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return xml.length;
}

/** Counts elements and nesting in one pass; stops at the first element over a limit. */
function scanShape(xml: string): Shape {
  const shape: Shape = { elements: 0, at: -1 };
  let depth = 0;
  let i = xml.indexOf('<');
  while (i !== -1 && i < xml.length) {
    if (xml.startsWith('<!--', i)) i = after(xml, i + 4, '-->');
    else if (xml.startsWith('<![CDATA[', i)) i = after(xml, i + 9, ']]>');
    else if (xml.startsWith('<?', i) || xml.startsWith('<!', i)) i = after(xml, i + 2, '>');
    else if (xml.startsWith('</', i)) {
      depth = Math.max(0, depth - 1);
      i = after(xml, i + 2, '>');
    } else {
      const end = endOfTag(xml, i + 1);
      shape.elements++;
      const nested = depth + 1;
      if (xml[end - 2] !== '/') depth = nested;
      if (shape.elements > MAX_BPMN_ELEMENTS || nested > MAX_BPMN_DEPTH) {
        shape.at = i;
        return shape;
      }
      i = end;
    }
    i = xml.indexOf('<', i);
  }
  return shape;
}

function lineOf(xml: string, offset: number): number {
  let line = 1;
  for (let i = xml.indexOf('\n'); i !== -1 && i < offset; i = xml.indexOf('\n', i + 1)) line++;
  return line;
}

/** The problems that refuse the text before parsing; [] when the parser may read it. */
export function precheckXml(xml: string): FieldIssue[] {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > MAX_BPMN_BYTES) {
    return [{ path: 'xml', code: 'BPMN_TOO_LARGE', message: `the diagram has ${bytes} bytes; at most ${MAX_BPMN_BYTES} are allowed` }];
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    return [
      {
        path: 'xml',
        code: 'BPMN_DOCTYPE_REFUSED',
        message: 'DOCTYPE and ENTITY declarations are not allowed (no internal, external or parameter entities)',
      },
    ];
  }
  const shape = scanShape(xml);
  if (shape.at === -1) return [];
  const line = lineOf(xml, shape.at);
  return shape.elements > MAX_BPMN_ELEMENTS
    ? [{ path: 'xml', code: 'BPMN_TOO_MANY_ELEMENTS', message: `more than ${MAX_BPMN_ELEMENTS} elements (the one past the limit is on line ${line})` }]
    : [{ path: 'xml', code: 'BPMN_TOO_DEEP', message: `elements nested more than ${MAX_BPMN_DEPTH} deep (line ${line})` }];
}
