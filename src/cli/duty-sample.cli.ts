/**
 * `npm run duty:sample -- [--file samples/<city>-duty-rota.yaml] [--month YYYY-MM]` puts a sample
 * duty rota (every samples/*-duty-rota.yaml without --file) on a month of the configured database (DATABASE_URL, or the embedded one in
 * MINHU_DATA_DIR: stop the server first, it holds the data directory's lock) and publishes it.
 * The month defaults to the next one, which can still be published; a month that has begun is
 * loaded from its next duty day on and stays a draft (HK-9: published before the month begins).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { createRuntime } from '../app/create-runtime';
import { loadConfig } from '../config/load-config';
import { addDays, ZoneClock } from '../engine/calendar/local-date';
import { loadSampleRota, SampleRotaSchema } from '../engine/duty/rota-sample';
import { SystemClock } from '../shared/clock';
import { ValidationError } from '../shared/errors';
import { runCli } from './run-cli';
import { createLogger } from '../shared/logger';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { file: { type: 'string' }, month: { type: 'string' } }, strict: true });
  const files = values.file ? [values.file] : readdirSync('samples').filter((f) => f.endsWith('-duty-rota.yaml')).map((f) => join('samples', f));
  const samples = files.map((file) => {
    const parsed = SampleRotaSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ValidationError('SAMPLE_INVALID', `${file}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  });
  const config = loadConfig();
  const clock = new SystemClock();
  const runtime = await createRuntime({
    clock,
    logger: createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL),
    databaseUrl: config.DATABASE_URL,
    dataDir: config.MINHU_DATA_DIR,
    policiesDir: config.MINHU_POLICIES_DIR,
    processesDir: config.MINHU_PROCESSES_DIR,
  });
  try {
    for (const sample of samples) {
      const city = sample.city;
      const { policy } = runtime.catalog.policy(city);
      const today = new ZoneClock(policy.timezone).localDate(clock.now());
      const month = values.month ?? addDays(`${today.slice(0, 7)}-28`, 4).slice(0, 7);
      const actor = { id: 'duty-sample', name: '示例数据导入', city, role: 'admin' as const, unit: policy.centre };
      const result = await loadSampleRota(runtime.duty.rota, actor, sample, month);
      console.log(`${city} ${month}: ${result.added} duty days added${result.skipped.length ? `, skipped ${result.skipped.map((x) => `${x.date} (${x.code})`).join(', ')}` : ''}`);
      console.log(result.published ? `${month} published` : `${month} not published: ${result.notPublished ?? '?'}`);
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

runCli('duty:sample', main);
