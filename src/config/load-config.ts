import { OperationalError } from '../shared/errors';
import { Config, ConfigSchema } from './config.schema';

/** Reads and checks the environment once; a bad value stops start-up with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const result = ConfigSchema.safeParse(picked);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `environment: ${i.path.join('.')}: ${i.message}, got ${JSON.stringify(picked[String(i.path[0])])}`);
    throw new OperationalError('CONFIG_INVALID', lines.join('\n'), { issues: lines });
  }
  return Object.freeze(result.data);
}
