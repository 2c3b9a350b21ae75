/** The fake's public types: its options, the guild model it exposes, and the records tests read. */
import type { IncomingHttpHeaders } from 'node:http';
import type {
  APIGuildMember,
  APIMessage,
  APIRole,
  APITextChannel,
  APIUser,
  InteractionResponseType,
  Locale,
} from 'discord.js';

export interface FakeDiscordOptions {
  /** The bot token the fake accepts (REST `Authorization: Bot <token>` and gateway IDENTIFY). */
  token?: string;
  /** Guilds the bot is in; the first is `fake.guild`. Default: one guild with #general and #announcements. */
  guilds?: GuildSpec[];
  /** HELLO's heartbeat interval. Discord's is 41250 ms; shorten it only in tests about heartbeats. */
  heartbeatIntervalMs?: number;
  /** How long after dispatch an interaction may be acknowledged (Discord: 3 s). */
  responseWindowMs?: number;
  /** Default timeout of the `wait…`/`next…`/`response()` helpers. */
  waitTimeoutMs?: number;
  /** Where refusals and unknown routes are reported. Default: console.warn. */
  log?: (line: string) => void;
  /**
   * The shard count `GET /gateway/bot` recommends (default 1). Guild i gets an id that Discord
   * routes to shard i % shards, so that with two guilds and two shards each shard has one.
   */
  shards?: number;
  /** `session_start_limit.max_concurrency`: how many shards may identify at once (default 1). */
  maxConcurrency?: number;
}

export interface GuildSpec {
  name?: string;
  channels?: ChannelSpec[];
}

export interface ChannelSpec {
  name: string;
  /** false: @everyone may not send messages here (moderators may); the bot gets 403 50013. */
  botCanSend?: boolean;
  /** false: the bot's role may not see the channel; the bot gets 403 50001. */
  botCanView?: boolean;
  /** Further permission overwrites, applied as Discord applies them (see `channelPermissions`). */
  overwrites?: OverwriteSpec[];
}

/**
 * A permission overwrite on a channel: `on` a role (@everyone, the bot's managed role, Moderator)
 * or a user (the bot, `users.channelModerator`).
 */
export interface OverwriteSpec {
  on: 'everyone' | 'bot' | 'moderator' | 'botUser' | 'channelModerator';
  allow?: bigint;
  deny?: bigint;
}

/** A guild as the fake models it; the same data it sends in GUILD_CREATE. */
export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  roles: APIRole[];
  everyoneRoleId: string;
  botRoleId: string;
  moderatorRoleId: string;
  channels: APITextChannel[];
  /** Guild members by user id (the bot, `users.member`, `users.moderator`, `users.owner`). */
  members: Map<string, APIGuildMember>;
}

/** One REST call the bot made, with the fake's answer. `path` has no `/api/v10` prefix. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
  status: number;
  response: unknown;
}

/** Routes `FakeDiscord.rateLimit` can limit: interaction callbacks, and bot posts in channels. */
export type RateLimitedRoute = 'callback' | 'channel-messages';

export interface RateLimitSpec {
  route: RateLimitedRoute;
  /** How many calls get a 429; after each the route stays closed for `retryAfterMs`. Default 1. */
  times?: number;
  retryAfterMs: number;
  /**
   * The bot's global limit instead of the route's: until it lifts, every call but interaction
   * callbacks and webhooks gets a 429 (Discord exempts interaction endpoints from it).
   */
  global?: boolean;
}

/** A REST call the fake refused (4xx), with the reasons in the words of the test's author. */
export interface Rejection {
  method: string;
  path: string;
  status: number;
  code: number;
  reasons: string[];
  body: unknown;
}

/** The initial response to an interaction, as the bot sent it. */
export interface InteractionCallback {
  type: InteractionResponseType;
  data?: Record<string, unknown>;
}

/**
 * A message as the fake stored it: exactly what Discord would return, plus what the bot sent as
 * `allowed_mentions` (Discord does not echo it back) so tests can check that the bot pings no one.
 */
export type StoredMessage = APIMessage & { allowed_mentions_sent?: unknown };

/** Who does something, and where. */
export interface ActorContext {
  /** Default: `users.moderator` for interactions, `users.member` for messages. */
  user?: APIUser;
  /** Default: the first channel of the default guild (#general). */
  channelId?: string;
  /** The member's permissions in the channel, overriding what their roles give. */
  permissions?: bigint | string;
  locale?: Locale;
}

/** A slash-command option value; a channel is given by id (or `{channel: id}` for unregistered commands). */
export type OptionValue = string | number | boolean | { channel: string };

export interface GatewaySessionInfo {
  sessionId: string;
  intents: number;
  /** `[shard_id, num_shards]` from IDENTIFY; `[0, 1]` when the client did not shard. */
  shard: [number, number];
}

export interface ResumeRecord {
  sessionId: string;
  /** The sequence number the client said it had seen. */
  seq: number;
  /** How many missed dispatches the fake replayed before RESUMED. */
  replayed: number;
}

export interface HeartbeatRecord {
  /** The sequence number the client sent (`d`). */
  seq: number | null;
  acked: boolean;
}

export interface ConnectionRecord {
  path: string;
  query: Record<string, string>;
  /** True when the client connected to READY's `resume_gateway_url`. */
  resume: boolean;
}
