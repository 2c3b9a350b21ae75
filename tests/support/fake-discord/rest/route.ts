/**
 * A REST route, and what its handler gets and gives back: the request with its parameters, a reply,
 * or a refusal.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import { formatIssue, type Issue, invalidFormBody } from '../../discord-limits.js';
import type { FakeDiscord } from '../index.js';
import type { FakeState } from '../state.js';
import type { RecordedRequest } from '../types.js';

/** A refusal the REST handlers throw; becomes a JSON error answer. */
export class DiscordError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code: number; message: string; errors?: unknown },
    readonly reasons: string[] = [body.message],
  ) {
    super(`${status} ${body.code} ${body.message}`);
  }
}

export interface RestRequest extends RecordedRequest {
  params: Record<string, string>;
}

export interface RestReply {
  status: number;
  body?: unknown;
  headers?: OutgoingHttpHeaders;
}

export function throwIfIssues(issues: Issue[]): void {
  if (issues.length === 0) return;
  throw new DiscordError(400, invalidFormBody(issues), issues.map(formatIssue));
}

export interface Route {
  method: string;
  /** Path segments; `:name` captures a parameter. */
  segments: string[];
  /** Whether Discord requires `Authorization: Bot <token>` on it. */
  auth: boolean;
  handle: (request: RestRequest) => RestReply;
}

export function route(method: string, path: string, auth: boolean, handle: Route['handle']): Route {
  return { method, segments: path.split('/').filter(Boolean), auth, handle };
}

export function ok(body: unknown): RestReply {
  return { status: 200, body };
}

/** A group of routes and their handlers, which read and change the fake and its state. */
export abstract class RestHandlers {
  constructor(
    protected readonly fake: FakeDiscord,
    protected readonly state: FakeState,
  ) {}

  abstract routes(): Route[];
}
