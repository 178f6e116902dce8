/**
 * Every diagram of processes/ imports into bpmn-js in a real headless Chromium without a
 * warning, and is completely drawn: every flow node has a shape and every sequence flow a line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, CHROMIUM, launchChromium } from '../../scripts/chromium';
import { startDiagramServer } from '../../scripts/diagram-server';

jest.setTimeout(120_000);

const keys = readdirSync('processes')
  .filter((f) => f.endsWith('.bpmn'))
  .map((f) => f.slice(0, -'.bpmn'.length));

/** The ids of the process's flow nodes and sequence flows, read from the XML itself. */
function semanticIds(xml: string): { nodes: string[]; flows: string[] } {
  const ids = (tag: string) => [...xml.matchAll(new RegExp(`<bpmn:${tag}\\b[^>]*\\bid="([^"]+)"`, 'g'))].map((m) => m[1] ?? '');
  const nodeTags = ['startEvent', 'endEvent', 'userTask', 'task', 'exclusiveGateway', 'parallelGateway', 'inclusiveGateway', 'eventBasedGateway', 'intermediateThrowEvent', 'intermediateCatchEvent', 'boundaryEvent', 'subProcess'];
  return { nodes: nodeTags.flatMap(ids), flows: ids('sequenceFlow') };
}

let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof startDiagramServer>>;

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error(`Chromium is needed for the browser tests: apt-get install chromium (looked for ${CHROMIUM})`);
  server = await startDiagramServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('has the five cities and the sample', () => {
  expect(keys).toEqual(expect.arrayContaining(['anshan', 'dazhu', 'haikou', 'huizhou', 'pingdingshan', 'sample']));
});

describe.each(keys)('processes/%s.bpmn in bpmn-js', (key) => {
  it('imports without warnings and draws every node and flow', async () => {
    await page.goto(`${server.url}/diagrams/${key}`);
    await page.waitForSelector('body[data-ready="true"]');
    const result = (await page.evaluate('window.__diagram')) as { ok: boolean; warnings: string[]; elements: Array<{ id: string; type: string }> };
    expect(result.warnings).toEqual([]);
    expect(result.ok).toBe(true);
    const drawn = new Set(result.elements.map((e) => e.id));
    const { nodes, flows } = semanticIds(readFileSync(`processes/${key}.bpmn`, 'utf8'));
    expect(nodes.length).toBeGreaterThan(3);
    expect(nodes.filter((id) => !drawn.has(id))).toEqual([]);
    expect(flows.filter((id) => !drawn.has(id))).toEqual([]);
    expect(await page.locator('.djs-connection').count()).toBeGreaterThanOrEqual(flows.length);
  });
});

it('refuses a page for a process that does not exist', async () => {
  const response = await page.goto(`${server.url}/diagrams/nowhere`);
  expect(response?.status()).toBe(404);
});
