/**
 * `npm run screenshots:diagrams` saves a PNG of every diagram of processes/ as bpmn-js draws it
 * (headless Debian Chromium) in screenshots/diagrams/, and prints any import warning.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { launchChromium } from './chromium';
import { startDiagramServer } from './diagram-server';

async function main(): Promise<void> {
  const keys = readdirSync('processes').filter((f) => f.endsWith('.bpmn')).map((f) => f.slice(0, -5));
  mkdirSync('screenshots/diagrams', { recursive: true });
  const server = await startDiagramServer();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1800, height: 1000 } });
    for (const key of keys) {
      await page.goto(`${server.url}/diagrams/${key}`);
      await page.waitForSelector('body[data-ready="true"]');
      const result = (await page.evaluate('window.__diagram')) as { warnings: string[]; elements: unknown[] };
      await page.screenshot({ path: `screenshots/diagrams/${key}.png` });
      console.log(`screenshots/diagrams/${key}.png: ${result.elements.length} elements, ${result.warnings.length} warning(s)`);
      for (const w of result.warnings) console.log(`  warning: ${w}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
