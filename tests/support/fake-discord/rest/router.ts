/**
 * REST plumbing: reads and records each call, finds its route, checks the bot token, and turns a
 * handler's reply or refusal into the HTTP answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeDiscord } from '../index.js';
import { parseBody, readBody } from '../json-http.js';
import type { FakeState } from '../state.js';
import type { RecordedRequest, Rejection } from '../types.js';
import { ApplicationHandlers } from './applications.js';
import { ChannelHandlers } from './channels.js';
import { RestFaults } from './faults.js';
import { GuildHandlers } from './guilds.js';
import { InteractionHandlers } from './interactions.js';
import { DiscordError, type RestReply, type Route } from './route.js';

export class RestRouter {
  /** Latency and rate limits the test asked for. */
  readonly faults = new RestFaults();
  private readonly routes: Route[];

  constructor(
    private readonly fake: FakeDiscord,
    private readonly state: FakeState,
    private readonly log: (line: string) => void,
  ) {
    this.routes = [ApplicationHandlers, InteractionHandlers, ChannelHandlers, GuildHandlers].flatMap(
      (Handlers) => new Handlers(fake, state).routes(),
    );
  }

  async onHttpRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(request);
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      // Decoded, so tests can look for `/messages/@original` (discord.js sends `%40original`).
      path: decodeURIComponent(url.pathname.replace(/^\/api(\/v\d+)?(?=\/)/, '')),
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: parseBody(raw, request.headers['content-type']),
      status: 0,
      response: undefined,
    };
    this.fake.requests.push(record);
    // The call reaches "Discord" late: what it does (an acknowledgement) counts from then.
    if (this.faults.latencyMs > 0) await new Promise((done) => setTimeout(done, this.faults.latencyMs));
    const reply = this.faults.check(record) ?? this.answer(record);
    record.status = reply.status;
    record.response = reply.body;
    if (reply.status === 204 || reply.body === undefined) {
      response.writeHead(reply.status).end();
    } else {
      response
        .writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
        .end(JSON.stringify(reply.body));
    }
  }

  private answer(record: RecordedRequest): RestReply {
    const matched = this.matchRoute(record);
    if (matched === undefined) {
      this.fake.unhandled.push(record);
      this.log(`[fake-discord] unhandled ${record.method} ${record.path}`);
      return { status: 404, body: { code: 0, message: '404: Not Found' } };
    }
    const [route, params] = matched;
    try {
      if (typeof record.body === 'string' && record.body.startsWith('multipart')) {
        throw new DiscordError(400, { code: 50035, message: 'Invalid Form Body' }, [
          'the fake accepts JSON bodies only',
        ]);
      }
      if (route.auth && record.headers.authorization !== `Bot ${this.fake.token}`) {
        throw new DiscordError(401, { code: 0, message: '401: Unauthorized' });
      }
      return route.handle({ ...record, params });
    } catch (error) {
      // A bug in the fake must not look like a Discord refusal, nor crash the test run: answer 500.
      const refusal =
        error instanceof DiscordError
          ? error
          : new DiscordError(500, { code: 0, message: '500: Internal Server Error' }, [
              `fake bug: ${String(error)}`,
            ]);
      this.recordRejection(record, refusal, params);
      return { status: refusal.status, body: refusal.body };
    }
  }

  private matchRoute(record: RecordedRequest): [Route, Record<string, string>] | undefined {
    const segments = record.path.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== record.method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const fits = route.segments.every((part, index) => {
        const actual = segments[index] ?? '';
        if (part.startsWith(':')) params[part.slice(1)] = actual;
        return part.startsWith(':') || part === actual;
      });
      if (fits) return [route, params];
    }
    return undefined;
  }

  private recordRejection(
    record: RecordedRequest,
    error: DiscordError,
    params: Record<string, string>,
  ): void {
    const rejection: Rejection = {
      method: record.method,
      path: record.path,
      status: error.status,
      code: error.body.code,
      reasons: error.reasons,
      body: record.body,
    };
    this.fake.rejections.push(rejection);
    const interaction =
      this.state.interactions.get(params.interaction ?? '') ??
      this.state.interactionsByToken.get(params.token ?? '');
    interaction?.rejections.push(rejection);
    this.log(
      `[fake-discord] refused ${record.method} ${record.path} → ${error.status} ${error.body.code}: ${error.reasons.join('; ')}`,
    );
  }
}
