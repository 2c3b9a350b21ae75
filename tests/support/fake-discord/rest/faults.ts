/**
 * Faults the REST API can be told to show, the way Discord shows them: every answer slowed by a
 * latency, and 429s on a route (or on the bot's global limit) with Discord's headers and body.
 */
import { randomBytes } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import type { RateLimitedRoute, RateLimitSpec, RecordedRequest } from '../types.js';

export interface TooManyRequests {
  status: 429;
  headers: OutgoingHttpHeaders;
  body: { message: string; retry_after: number; global: boolean };
}

interface Limit {
  spec: RateLimitSpec;
  /** 429s still to give once the route is open again. */
  remaining: number;
  /** The route refuses every call until then (ms since the epoch). */
  closedUntil: number;
  bucket: string;
}

/** Which limited route a call is on, if any. */
function routeOf(request: RecordedRequest): RateLimitedRoute | undefined {
  const segments = request.path.split('/').filter(Boolean);
  if (request.method !== 'POST') return undefined;
  if (segments.length === 4 && segments[0] === 'interactions' && segments[3] === 'callback')
    return 'callback';
  if (segments.length === 3 && segments[0] === 'channels' && segments[2] === 'messages') {
    return 'channel-messages';
  }
  return undefined;
}

/** Interaction endpoints are not bound by the bot's global limit (Discord's rate-limit docs). */
function boundByGlobalLimit(request: RecordedRequest): boolean {
  return !request.path.startsWith('/interactions/') && !request.path.startsWith('/webhooks/');
}

/** Discord's `Retry-After` header is whole seconds, rounded up; the body's `retry_after` is exact. */
function tooManyRequests(waitMs: number, global: boolean, bucket?: string): TooManyRequests {
  const seconds = Math.max(waitMs, 1) / 1000;
  const headers: OutgoingHttpHeaders = { 'retry-after': String(Math.ceil(seconds)) };
  if (global) {
    headers['x-ratelimit-global'] = 'true';
    headers['x-ratelimit-scope'] = 'global';
  } else {
    Object.assign(headers, {
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': ((Date.now() + waitMs) / 1000).toFixed(3),
      'x-ratelimit-reset-after': seconds.toFixed(3),
      'x-ratelimit-bucket': bucket,
      'x-ratelimit-scope': 'user',
    });
  }
  return {
    status: 429,
    headers,
    body: { message: 'You are being rate limited.', retry_after: Number(seconds.toFixed(3)), global },
  };
}

export class RestFaults {
  latencyMs = 0;
  private readonly limits = new Map<RateLimitedRoute, Limit>();
  private globalClosedUntil = 0;

  rateLimit(spec: RateLimitSpec): void {
    if (spec.global && spec.route === 'callback') {
      throw new Error('interaction callbacks are not bound by the global rate limit, on Discord or here');
    }
    const times = spec.times ?? 1;
    this.limits.set(spec.route, {
      spec,
      remaining: times,
      closedUntil: 0,
      bucket: randomBytes(16).toString('hex'),
    });
  }

  clear(): void {
    this.latencyMs = 0;
    this.limits.clear();
    this.globalClosedUntil = 0;
  }

  /** The 429 this call gets, if any: early calls to a closed route get one too, as on Discord. */
  check(request: RecordedRequest): TooManyRequests | undefined {
    const now = Date.now();
    if (now < this.globalClosedUntil && boundByGlobalLimit(request)) {
      return tooManyRequests(this.globalClosedUntil - now, true);
    }
    const route = routeOf(request);
    const limit = route === undefined ? undefined : this.limits.get(route);
    if (route === undefined || limit === undefined) return undefined;
    if (now < limit.closedUntil) return tooManyRequests(limit.closedUntil - now, false, limit.bucket);
    if (limit.remaining === 0) {
      this.limits.delete(route);
      return undefined;
    }
    limit.remaining -= 1;
    const until = now + limit.spec.retryAfterMs;
    if (limit.spec.global) this.globalClosedUntil = until;
    else limit.closedUntil = until;
    return tooManyRequests(limit.spec.retryAfterMs, limit.spec.global === true, limit.bucket);
  }
}
