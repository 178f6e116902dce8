import { OperationalError } from '../shared/errors';
import { Config, ConfigSchema } from './config.schema';

/** Names whose whole value is a secret: a refusal says how long it was, never what. */
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|KEY/;
/** `scheme://user:password@`: the password part of a URL in any variable. */
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*):[^/\s]*@/i;

/** A refused value as the refusal may show it: no password of a URL, no secret variable's value. */
export function shownValue(name: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (SECRET_NAME.test(name)) return `a value of ${value.length} characters (not shown)`;
  return JSON.stringify(value.replace(URL_PASSWORD, '$1:***@'));
}

/** Reads and checks the environment once; a bad value stops start-up with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const result = ConfigSchema.safeParse(picked);
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const name = String(i.path[0]);
      return `environment: ${i.path.join('.')}: ${i.message}, got ${shownValue(name, picked[name])}`;
    });
    throw new OperationalError('CONFIG_INVALID', lines.join('\n'), { issues: lines });
  }
  return Object.freeze(result.data);
}
