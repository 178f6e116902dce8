import { z } from 'zod';

const Flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const Int = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `expected ${what}, a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `expected ${what}, a whole number from ${min} to ${max}`);

const PROXY_ITEM = /^(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?)$/;
const TrustProxy = z
  .string()
  .refine(
    (v) => /^(true|false|\d{1,2})$/.test(v) || v.split(',').every((item) => PROXY_ITEM.test(item.trim())),
    'expected false, true, a number of proxy hops, or comma-separated addresses, subnets or loopback/linklocal/uniquelocal',
  )
  .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v))
  .or(z.literal(false));

/**
 * Every setting minhu reads from the environment, with its unit in its name.
 * Unknown values are refused at start, never replaced by a default.
 */
export const ConfigSchema = z.object({
  /** HTTP port. */
  PORT: Int('a port', 1, 65535).default(3000),
  /** Address to listen on. Unset: 127.0.0.1 when demo users are seeded (the embedded database's default), else 0.0.0.0 (listen-host.ts). */
  HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:-]+$/, 'expected an address or host name such as 127.0.0.1, 0.0.0.0 or ::')
    .optional(),
  /** Express's `trust proxy`: false (default), true, a hop count, or addresses/subnets (loopback, 10.0.0.0/8, …) of the proxies whose X-Forwarded-For to believe. */
  MINHU_TRUST_PROXY: TrustProxy.default(false),
  /** `postgres://user@host:5432/db`: use that PostgreSQL. Unset: the embedded PGlite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'expected a URL like postgres://user@127.0.0.1:5432/minhu')
    .optional(),
  /** Data directory of the embedded database. */
  MINHU_DATA_DIR: z.string().min(1).default('./data'),
  MINHU_POLICIES_DIR: z.string().min(1).default('policies'),
  MINHU_PROCESSES_DIR: z.string().min(1).default('processes'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    error: 'expected one of fatal, error, warn, info, debug, trace, silent',
  }).default('info'),
  /** Serve the HTTP API in this process. */
  MINHU_HTTP: Flag.default(true),
  /** Run durable jobs (timers, deadlines) in this process. */
  MINHU_WORKER: Flag.default(true),
  /** How often the worker looks for due jobs, in milliseconds (a poll claims at most 200 of a kind: see agenda-worker.ts). */
  MINHU_JOB_POLL_MS: Int('a poll interval in milliseconds', 50, 60_000).default(250),
  /** How long a claimed job stays locked before another worker may take it over, in milliseconds. */
  MINHU_JOB_LOCK_MS: Int('a lock lifetime in milliseconds', 1000, 3_600_000).default(60_000),
  /** How many live process engines to keep between steps (0: recover every instance at every step). */
  MINHU_ENGINE_CACHE: Int('a number of engines', 0, 100_000).default(500),
  /** Activities one process step may start (each multi-instance iteration counts) before it is stopped with STEP_BUDGET_EXCEEDED. */
  MINHU_STEP_MAX_ACTIVITIES: Int('a number of activities', 10, 1_000_000).default(500),
  /** Milliseconds one process step may run from its first activity before it is stopped with STEP_BUDGET_EXCEEDED. */
  MINHU_STEP_MAX_MS: Int('a time in milliseconds', 10, 60_000).default(5000),
  /** Worker threads that read and check uploaded policies and diagrams, off the event loop that serves requests. */
  MINHU_UPLOAD_CHECK_WORKERS: Int('a number of worker threads', 1, 16).default(2),
  /** Milliseconds one upload may be read and checked before its worker is stopped with UPLOAD_CHECK_TIMEOUT. */
  MINHU_UPLOAD_CHECK_MS: Int('a time in milliseconds', 100, 120_000).default(10_000),
  /** Seed each city's demo users (`<city>.<id>`, password MINHU_DEMO_PASSWORD). Default: only on the embedded database. */
  MINHU_DEMO_USERS: Flag.optional(),
  MINHU_DEMO_PASSWORD: z.string().min(8, 'expected at least 8 characters').default('minhu-demo'),
  /** Session cookies only over HTTPS (browsers count http://localhost as secure). */
  MINHU_SECURE_COOKIES: Flag.default(true),
  /** How long SIGTERM waits for running steps before closing, in milliseconds. */
  MINHU_SHUTDOWN_GRACE_MS: Int('a grace period in milliseconds', 0, 120_000).default(10_000),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;
