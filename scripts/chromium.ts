import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); playwright-core never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/**
 * Headless Chromium with the flags this offline machine needs (no background networking), in
 * Chinese like the staff's browsers: with Debian's chromium-l10n, the browser's own controls
 * (date fields 年/月/日, file buttons) read Chinese; Chromium on Linux takes its language from LANGUAGE.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, LANGUAGE: 'zh_CN:zh' },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
