import type { Request, Response } from 'express';
import type { AuthService } from '../../auth/auth.service';
import type { OrderServices } from '../../engine/queries/order-services';
import type { InboxScope } from '../../engine/queries/work-order-queries';
import { ThrottledError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { type RequestAuth, SESSION_COOKIE } from '../middleware/authenticate';
import { presentPulse } from '../schemas/task-inbox.schema';

/** How often an open stream looks, and how much it allows (tests shorten the times). */
export interface InboxStreamOptions {
  /** Between two looks at the user's inbox counts (one indexed query). */
  lookEveryMs: number;
  /** A comment line after this long without an event, so proxies keep the connection. */
  heartbeatMs: number;
  /** The session or token is checked again after this long; a logged-out user's stream ends. */
  recheckEveryMs: number;
  /** Open streams of one user in this process (tabs of the browser); one more is refused (429). */
  maxPerUser: number;
}

export const INBOX_STREAM_DEFAULTS: InboxStreamOptions = { lookEveryMs: 1000, heartbeatMs: 15_000, recheckEveryMs: 2000, maxPerUser: 6 };

/**
 * GET /api/inbox/stream: Server-Sent Events with the user's inbox counts. Each open stream looks
 * at its user's counts (their own unit only: the same query as /api/inbox/counts) every second
 * and sends an `inbox` event when they changed, so it works with any number of processes and
 * with both databases without a message bus. The stream ends (`end` event) when the session is
 * logged out or expires, or the token is revoked.
 */
export class InboxStreams {
  private readonly perUser = new Map<string, number>();

  constructor(
    private readonly orders: OrderServices,
    private readonly auth: AuthService,
    private readonly logger: Logger,
    private readonly options: InboxStreamOptions = INBOX_STREAM_DEFAULTS,
  ) {}

  /** Open streams in this process (for tests and the log). */
  openCount(): number {
    return [...this.perUser.values()].reduce((a, b) => a + b, 0);
  }

  open(auth: RequestAuth, req: Request, res: Response, query: { scope: InboxScope; since?: string }): void {
    const userId = auth.user.id;
    const held = this.perUser.get(userId) ?? 0;
    if (held >= this.options.maxPerUser) {
      throw new ThrottledError('TOO_MANY_STREAMS', `at most ${this.options.maxPerUser} open inbox streams per user; close another page first`, { retryAfterSeconds: 30 });
    }
    this.perUser.set(userId, held + 1);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    const stream = new LiveInbox(this.orders, auth, query, this.options, res, () => this.stillValid(auth, req));
    req.on('close', () => {
      stream.stop();
      const left = (this.perUser.get(userId) ?? 1) - 1;
      if (left > 0) this.perUser.set(userId, left);
      else this.perUser.delete(userId);
    });
    stream.start((err) => this.logger.warn({ err, user: auth.user.username }, 'inbox stream ended on an error'));
  }

  /** The session or token the stream was opened with is still good, for the same user. */
  private async stillValid(auth: RequestAuth, req: Request): Promise<boolean> {
    if (auth.via === 'token') {
      const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
      const user = token ? await this.auth.tokenUser(token) : null;
      return user?.id === auth.user.id;
    }
    const sessionId = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const session = sessionId ? await this.auth.session(sessionId) : null;
    return session?.user.id === auth.user.id;
  }
}

/** One open stream: looks, sends on change, beats, ends. */
class LiveInbox {
  private timer: ReturnType<typeof setInterval> | null = null;
  private busy = false;
  private last = '';
  private lastCounts = '';
  private arrived = 0;
  private sinceWrite = 0;
  private sinceCheck = 0;

  constructor(
    private readonly orders: OrderServices,
    private readonly auth: RequestAuth,
    private readonly query: { scope: InboxScope; since?: string },
    private readonly options: InboxStreamOptions,
    private readonly res: Response,
    private readonly stillValid: () => Promise<boolean>,
  ) {}

  start(onError: (err: unknown) => void): void {
    const run = () => {
      if (this.busy || !this.timer) return;
      this.busy = true;
      this.look()
        .catch((err: unknown) => {
          onError(err);
          this.end('error');
        })
        .finally(() => {
          this.busy = false;
        });
    };
    this.timer = setInterval(run, this.options.lookEveryMs);
    run();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private end(reason: 'logged-out' | 'error'): void {
    if (!this.timer) return;
    this.stop();
    this.res.write(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
    this.res.end();
  }

  private async look(): Promise<void> {
    this.sinceCheck += this.options.lookEveryMs;
    if (this.sinceCheck >= this.options.recheckEveryMs) {
      this.sinceCheck = 0;
      if (!(await this.stillValid())) return this.end('logged-out');
    }
    const pulse = await this.orders.inboxPulse(this.auth.actor, this.query.scope);
    const counts = JSON.stringify(pulse);
    // Arrivals read the tasks' rows: only when the counts moved (or on the first look).
    if (counts !== this.lastCounts && this.query.since) this.arrived = await this.orders.inboxArrivals(this.auth.actor, new Date(this.query.since));
    this.lastCounts = counts;
    const data = JSON.stringify(presentPulse(pulse, this.arrived));
    if (!this.timer) return;
    if (data !== this.last) {
      this.last = data;
      this.sinceWrite = 0;
      this.res.write(`event: inbox\ndata: ${data}\n\n`);
      return;
    }
    this.sinceWrite += this.options.lookEveryMs;
    if (this.sinceWrite >= this.options.heartbeatMs) {
      this.sinceWrite = 0;
      this.res.write(': heartbeat\n\n');
    }
  }
}
