import type { Config } from './config.schema';

/**
 * Where the server listens: HOST when set; otherwise 127.0.0.1 on the embedded database or
 * whenever demo users (one known password) are seeded, and every interface (0.0.0.0) on
 * PostgreSQL without demo users.
 */
export function listenHost(config: Pick<Config, 'HOST'>, where: { embedded: boolean; demoUsers: boolean }): string {
  return config.HOST ?? (where.embedded || where.demoUsers ? '127.0.0.1' : '0.0.0.0');
}

/** Whether a host is this machine only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
