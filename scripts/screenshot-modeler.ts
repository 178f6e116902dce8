/**
 * `npm run screenshots:modeler` saves screenshots/pages/modeler.png: the administrator's BPMN
 * modeler for the sample city (the app on a fresh test database with the demo users, headless
 * Debian Chromium), with the user task 回访 selected so the properties panel shows minhu's rules,
 * and screenshots/pages/modeler-invalid.png with a refused validation marked on the diagram.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_PASSWORD, openApiHarness } from '../test/helpers/api-harness';
import { launchChromium } from './chromium';

async function main(): Promise<void> {
  mkdirSync('screenshots/pages', { recursive: true });
  const harness = await openApiHarness(new Date().toISOString());
  const server = await new Promise<Server>((resolve) => {
    const s = harness.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(`${url}/admin/processes/sample/modeler`);
    await page.evaluate(
      async ([username, password]) => {
        await fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
      },
      ['sample.admin1', DEMO_PASSWORD],
    );
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('.djs-element[data-element-id="visit"]');
    await page.waitForSelector('#f-due');
    await page.screenshot({ path: 'screenshots/pages/modeler.png' });
    console.log('screenshots/pages/modeler.png');
    await page.selectOption('#f-form', '');
    await page.click('#btn-validate');
    await page.waitForSelector('.mh-issue');
    await page.screenshot({ path: 'screenshots/pages/modeler-invalid.png' });
    console.log('screenshots/pages/modeler-invalid.png');
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await harness.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
