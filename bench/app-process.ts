/**
 * The real application as a child process (`src/main.ts` under tsx), the way it runs in
 * production: its own event loop, its own pool, its own resident memory. Used by the API intake,
 * the inbox and the timer-lag benchmarks; the benchmark process is only the HTTP client.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

export interface AppProcess {
  pid: number;
  port: number | null;
  /** Resident set size now, in bytes (Linux /proc; NaN elsewhere). */
  rss(): number;
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 15 s). */
  stop(): Promise<void>;
}

/**
 * The arguments `npm start` gives node (package.json: `node <flags> src/main.ts`), so that the
 * benchmarks measure the process production runs, V8 flags included.
 */
export function startNodeArgs(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = pkg.scripts.start!.trim().split(/\s+/);
  if (command !== 'node' || args[args.length - 1] !== 'src/main.ts') throw new Error(`package.json start is not "node <flags> src/main.ts": ${pkg.scripts.start}`);
  return args;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function rssOf(pid: number): number {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Starts `src/main.ts` with `env` on top of this process's environment and waits until it serves
 * HTTP (or, with MINHU_HTTP=false, until its worker runs).
 */
export async function startApp(env: Record<string, string>, timeoutMs = 120_000): Promise<AppProcess> {
  const servesHttp = env.MINHU_HTTP !== 'false';
  const port = servesHttp ? Number(env.PORT ?? (await freePort())) : null;
  const proc: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean), ...startNodeArgs()], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, ...(port ? { PORT: String(port) } : {}), NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out += chunk.toString();
    if (out.length > 200_000) out = out.slice(-100_000); // a long run logs; keep the tail
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const ready = servesHttp ? /http: listening/ : /scheduler: Agenda worker started/;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`src/main.ts did not start within ${timeoutMs} ms:\n${out.slice(-3000)}`)), timeoutMs);
    const check = setInterval(() => {
      if (ready.test(out)) {
        clearTimeout(timer);
        clearInterval(check);
        resolve();
      }
    }, 50);
    void exited.then((code) => {
      clearTimeout(timer);
      clearInterval(check);
      reject(new Error(`src/main.ts exited (${code}) before it was ready:\n${out.slice(-3000)}`));
    });
  });
  const pid = proc.pid ?? -1;
  return {
    pid,
    port,
    rss: () => rssOf(pid),
    output: () => out,
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      const killer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export interface HttpReply {
  status: number;
  body: Record<string, unknown>;
  ms: number;
}

/**
 * Kept-alive connections for every client of the benchmark: node:http rather than fetch, whose
 * extra work per request would take CPU from the measured process on a machine of 2 cores.
 */
const agent = new http.Agent({ keepAlive: true });

function request(port: number, method: string, urlPath: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, agent, headers: body === undefined ? headers : { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A logged-in user of one app process: a session cookie and its CSRF token (like an operator's console). */
export class ApiClient {
  private cookie = '';
  private csrf = '';

  constructor(private readonly port: number) {}

  async login(username: string, password: string): Promise<void> {
    const res = await request(this.port, 'POST', '/api/session', { 'Content-Type': 'application/json' }, JSON.stringify({ username, password }));
    const body = JSON.parse(res.text) as Record<string, unknown>;
    if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${res.text}`);
    this.cookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    this.csrf = String(body.csrfToken);
  }

  /** One request; `ms` is from sending until the whole body was read. */
  async send(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpReply> {
    const t0 = performance.now();
    const res = await request(
      this.port,
      method,
      urlPath,
      {
        Cookie: this.cookie,
        ...(method === 'GET' ? {} : { 'X-CSRF-Token': this.csrf }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body === undefined ? undefined : JSON.stringify(body),
    );
    const ms = performance.now() - t0;
    return { status: res.status, body: res.text ? (JSON.parse(res.text) as Record<string, unknown>) : {}, ms };
  }
}
