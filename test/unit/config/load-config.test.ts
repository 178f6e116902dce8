/** The configuration refuses a bad value by its name, and never echoes a password or secret while doing so. */
import { loadConfig, shownValue } from '../../../src/config/load-config';
import { DomainError } from '../../../src/shared/errors';

function refusal(env: NodeJS.ProcessEnv): DomainError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new TypeError('expected a refusal');
}

it('refuses a DATABASE_URL that is not PostgreSQL, naming it, without its password', () => {
  const err = refusal({ DATABASE_URL: 'mysql://minhu:s3cr3t-Pa55@db.internal:3306/minhu' });
  expect(err.code).toBe('CONFIG_INVALID');
  expect(err.message).toContain('DATABASE_URL');
  expect(err.message).toContain('mysql://minhu:***@db.internal:3306/minhu');
  expect(JSON.stringify(err)).not.toContain('s3cr3t');
});

it('never echoes a secret variable, only how long the refused value was', () => {
  const err = refusal({ MINHU_DEMO_PASSWORD: 'short' });
  expect(err.message).toMatch(/MINHU_DEMO_PASSWORD: expected at least 8 characters, got a value of 5 characters \(not shown\)/);
  expect(JSON.stringify(err)).not.toContain('short"');
});

it('still shows an ordinary refused value, so the operator sees what was wrong', () => {
  const err = refusal({ PORT: 'eighty', LOG_LEVEL: 'loud' });
  expect(err.message).toContain('PORT: expected a port, a whole number from 1 to 65535, got "eighty"');
  expect(err.message).toContain('LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"');
});

it('hides the password of a URL in any variable, and passwords with odd characters', () => {
  expect(shownValue('MINHU_DATA_DIR', 'postgres://u:p%40ss:w0rd@h/db')).toBe('"postgres://u:***@h/db"');
  expect(shownValue('DATABASE_URL', 'mysql://u:p@ss@h/db')).toBe('"mysql://u:***@h/db"');
  expect(shownValue('DATABASE_URL', 'postgresql://only-user@h/db')).toBe('"postgresql://only-user@h/db"');
  expect(shownValue('MINHU_SESSION_SECRET', 'abc')).toBe('a value of 3 characters (not shown)');
  expect(shownValue('PORT', undefined)).toBe('nothing');
});
