/**
 * Several `src/main.ts` processes on one database, and HTTP clients that spread their requests
 * over the live ones (multi-process-kill.test.ts).
 *
 * A request that gets no answer (the process died under it: connection refused or reset) is
 * sent again to the next live process, the same request with the same headers, so an intake
 * keeps its Idempotency-Key (while no process serves, as when the only one is being restarted,
 * it waits). The caller sees how many attempts it took.
 */
import { Child, runTs } from './child-process';

export interface MinhuProcess {
  name: string;
  /** HTTP port, or null for a worker-only process (MINHU_HTTP=false). */
  port: number | null;
  child: Child;
  /** `minhu@<host>:<pid>`, as its Agenda worker writes `agenda_jobs.last_modified_by`. */
  worker: string | null;
  alive: boolean;
}

export const freePort = (): number => 20_000 + Math.floor(Math.random() * 20_000);

/** Starts `src/main.ts`; resolves once it serves HTTP (or, worker-only, once its worker runs). */
export async function startMinhu(name: string, env: Record<string, string>): Promise<MinhuProcess> {
  const http = env.MINHU_HTTP !== 'false';
  const worker = env.MINHU_WORKER !== 'false';
  const port = http ? Number(env.PORT) : null;
  const child = runTs('src/main.ts', { LOG_LEVEL: 'info', ...env });
  await child.waitFor(http ? /http: listening/ : /scheduler: Agenda worker started/, 90_000);
  const m = worker ? child.output().match(/"worker":"([^"]+)"/) : null;
  const p: MinhuProcess = { name, port, child, worker: m?.[1] ?? null, alive: true };
  void child.exited().then(() => {
    p.alive = false;
  });
  return p;
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  /** 1 when the first process answered; more when processes died under the request. */
  attempts: number;
  port: number;
}

interface Session {
  cookie: string;
  csrf: string;
}

/** HTTP clients of several processes: sessions are rows in the database, valid on every process. */
export class ClusterClient {
  private readonly sessions = new Map<string, Session>();
  private next = 0;
  private closed = false;
  /** Requests sent and not yet answered, by port. */
  readonly inFlight = new Map<number, number>();
  /** Requests that got no answer (the process died under them), by port. */
  readonly lost = new Map<number, number>();

  constructor(
    private readonly processes: () => MinhuProcess[],
    private readonly password: string,
  ) {}

  /** Every request from now on fails at once (a failed test must not leave clients waiting for processes). */
  close(): void {
    this.closed = true;
  }

  isClosed(): boolean {
    return this.closed;
  }

  private livePorts(): number[] {
    return this.processes()
      .filter((p) => p.alive && p.port !== null)
      .map((p) => p.port as number);
  }

  async login(username: string): Promise<void> {
    const res = await this.raw(null, 'POST', '/api/session', { username, password: this.password }, {});
    if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    const cookie = (res.setCookie ?? []).map((c) => c.split(';')[0]).join('; ');
    this.sessions.set(username, { cookie, csrf: String(res.body.csrfToken) });
  }

  /** One request as `username` on the next live process; on no answer, again on the next one. */
  async send(username: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const session = this.sessions.get(username);
    if (!session) throw new Error(`${username} is not logged in`);
    const auth = { Cookie: session.cookie, ...(method === 'GET' ? {} : { 'X-CSRF-Token': session.csrf }), ...headers };
    for (let attempt = 1; attempt <= 6; attempt++) {
      const ports = await this.waitForLivePorts();
      const port = ports[this.next++ % ports.length] as number;
      try {
        const res = await this.raw(port, method, path, body, auth);
        return { status: res.status, body: res.body, attempts: attempt, port };
      } catch (err) {
        this.lost.set(port, (this.lost.get(port) ?? 0) + 1);
        if (attempt === 6) throw err;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
    throw new Error('unreachable');
  }

  /** The ports of live HTTP processes; while there is none (one being restarted), waits up to 90 s. */
  private async waitForLivePorts(): Promise<number[]> {
    const end = Date.now() + 90_000;
    for (;;) {
      const ports = this.livePorts();
      if (this.closed) throw new Error('the client was closed');
      if (ports.length > 0) return ports;
      if (Date.now() > end) throw new Error('no live process serves HTTP');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async raw(port: number | null, method: string, path: string, body: unknown, headers: Record<string, string>) {
    const target = port ?? this.livePorts()[0];
    if (target === undefined) throw new Error('no live process serves HTTP');
    this.inFlight.set(target, (this.inFlight.get(target) ?? 0) + 1);
    try {
      const res = await fetch(`http://127.0.0.1:${target}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      return { status: res.status, body: parsed, setCookie: res.headers.getSetCookie() };
    } finally {
      this.inFlight.set(target, (this.inFlight.get(target) ?? 1) - 1);
    }
  }
}
