/**
 * `npm run user:create -- --city <city> --username <name> --role <role> --unit <unit> --display-name <name>`
 * adds a user to the configured database (DATABASE_URL, or the embedded one in MINHU_DATA_DIR:
 * stop the server first, it holds the data directory's lock). The password is read from
 * MINHU_NEW_USER_PASSWORD, never from the command line (it would stay in the shell history and
 * the process list). How a real deployment gets its first administrator.
 */
import { parseArgs } from 'node:util';
import { createRuntime } from '../app/create-runtime';
import { UserAdminService } from '../auth/user-admin.service';
import { loadConfig } from '../config/load-config';
import { SystemClock } from '../shared/clock';
import { ValidationError } from '../shared/errors';
import { runCli } from './run-cli';
import { createLogger } from '../shared/logger';

const USAGE =
  'usage: MINHU_NEW_USER_PASSWORD=… npm run user:create -- --city <city> --username <username> --role <role> --unit <unit> --display-name <name>';

function readArgs(): { city: string; username: string; role: string; unit: string; displayName: string } {
  const { values } = parseArgs({
    options: {
      city: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      'display-name': { type: 'string' },
    },
    strict: true,
  });
  const missing = ['city', 'username', 'role', 'unit', 'display-name'].filter((k) => !values[k as keyof typeof values]);
  if (missing.length) {
    throw new ValidationError('ARGUMENTS_MISSING', `missing ${missing.map((k) => `--${k}`).join(', ')}\n${USAGE}`, missing.map((k) => ({ path: k, message: 'required' })));
  }
  return { city: values.city!, username: values.username!, role: values.role!, unit: values.unit!, displayName: values['display-name']! };
}

async function main(): Promise<number> {
  const args = readArgs();
  const password = process.env.MINHU_NEW_USER_PASSWORD;
  if (!password) {
    throw new ValidationError('PASSWORD_MISSING', `set the new user's password in MINHU_NEW_USER_PASSWORD\n${USAGE}`, [{ path: 'MINHU_NEW_USER_PASSWORD', message: 'required' }]);
  }
  const config = loadConfig();
  const runtime = await createRuntime({
    clock: new SystemClock(),
    logger: createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL),
    databaseUrl: config.DATABASE_URL,
    dataDir: config.MINHU_DATA_DIR,
    policiesDir: config.MINHU_POLICIES_DIR,
    processesDir: config.MINHU_PROCESSES_DIR,
  });
  try {
    if (!runtime.catalog.hasCity(args.city)) {
      throw new ValidationError('CITY_NOT_FOUND', `no city "${args.city}" (cities: ${runtime.cities.join(', ')})`, [{ path: 'city', message: 'expected a city of the policies folder' }]);
    }
    const { city, ...input } = args;
    const user = await new UserAdminService(runtime.auth, runtime.catalog).create(city, { ...input, password });
    console.log(`created ${user.username}: ${user.role} of ${user.unit}, ${user.city}`);
    return 0;
  } finally {
    await runtime.close();
  }
}

runCli('user:create', main);
