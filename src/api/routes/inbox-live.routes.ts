import { z } from 'zod';
import type { AuthService } from '../../auth/auth.service';
import type { OrderServices } from '../../engine/queries/order-services';
import type { Logger } from '../../shared/logger';
import { InboxStreams } from '../live/inbox-stream';
import { type ApiRouter, requireAuth } from '../openapi/api-router';
import { problems } from '../schemas/common.schema';
import { InboxStreamQuery } from '../schemas/task-inbox.schema';

/**
 * Work that arrives: the inbox counts pushed to open pages. The router can stream: a handler that
 * writes the response itself returns nothing (see ApiRouter.add), so the stream is documented
 * with the other operations, as text/event-stream.
 */
export function inboxLiveRoutes(api: ApiRouter, s: OrderServices, accounts: AuthService, logger: Logger): InboxStreams {
  const streams = new InboxStreams(s, accounts, logger);
  api.add({
    method: 'get',
    path: '/api/inbox/stream',
    tag: 'inbox',
    summary:
      'Server-Sent Events of your inbox: an `inbox` event at once and whenever it changes (looked at every second), ' +
      'its data JSON {counts: as /api/inbox/counts for scope, todo: open tasks of your whole unit you may act on, arrived: of those, created after since}; ' +
      'a `: heartbeat` comment every 15 s without change; an `end` event {reason: logged-out | error} when the session ends (logout, expiry) or the token is revoked, then the stream closes. ' +
      'Only your own unit (the centre for centre roles), as the inbox. At most 6 open streams per user (per server process): one more is 429 TOO_MANY_STREAMS.',
    query: InboxStreamQuery,
    responses: {
      200: { description: 'the event stream (text/event-stream; never ends by itself)', schema: z.string(), contentType: 'text/event-stream' },
      ...problems(400, 401, 429),
    },
    handler: ({ auth, req, res, query }) => {
      requireAuth(auth);
      streams.open(auth, req, res, query);
      return undefined;
    },
  });
  return streams;
}
