/**
 * A fake Discord for end-to-end tests: the REST API and the gateway websocket on 127.0.0.1, close
 * enough to the real thing that an unmodified discord.js v14 `Client` logs in to it, receives
 * interactions and messages, and answers them over REST.
 *
 * The fake is strict where Discord is strict (message limits, the 3-second response window, double
 * acknowledgements, channel permissions) so that a bot which passes here does not fail on Discord.
 * Every REST call is recorded in `requests`, every refusal in `rejections` (and logged), every call to
 * a route the fake does not know in `unhandled`. With `shards: n` it recommends n shards and routes
 * each guild's events to the shard Discord would, `(guild_id >> 22) % n`.
 *
 * Tests can make it fail as Discord fails: drop or sever the gateway socket, send op 7 or op 9,
 * leave heartbeats unacknowledged, hold reconnections (dispatches wait in the session and are
 * replayed on RESUME), answer a route 429 or every call slowly.
 *
 *   const fake = await FakeDiscord.start({ token });
 *   const client = new Client({ intents, rest: { api: fake.apiUrl } });
 *   await client.login(token);
 *   const ask = await fake.slash('ask', { question: 'When?' });
 *   const response = await ask.response(); // { type: 4, data: { content: ... } }
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type APIApplicationCommand,
  type APIOverwrite,
  type APITextChannel,
  type APIUser,
  GatewayIntentBits,
  GatewayOpcodes,
  OverwriteType,
} from 'discord.js';
import { Gateway, RESUME_PATH } from './gateway.js';
import {
  buildGuild,
  channelPermissions,
  DEFAULT_GUILD,
  type FakeUsers,
  memberOf,
  P,
  user,
} from './guild-model.js';
import { type InteractionHandle, type MessageHandle, refusalLines } from './handles.js';
import { shardOfGuild, snowflake, snowflakeOnShard } from './ids.js';
import { RestRouter } from './rest/router.js';
import { FakeState } from './state.js';
import type {
  ActorContext,
  ConnectionRecord,
  FakeDiscordOptions,
  FakeGuild,
  GatewaySessionInfo,
  HeartbeatRecord,
  OptionValue,
  RateLimitSpec,
  RecordedRequest,
  Rejection,
  ResumeRecord,
  StoredMessage,
} from './types.js';
import { UserActions } from './user-actions.js';

export { InteractionHandle, MessageHandle } from './handles.js';
export { snowflake } from './ids.js';
export type * from './types.js';

const DEFAULT_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.fake.discord-test-token';
const DEFAULT_HEARTBEAT_MS = 41_250;
const DEFAULT_RESPONSE_WINDOW_MS = 3_000;
const DEFAULT_WAIT_MS = 2_000;

export class FakeDiscord {
  readonly token: string;
  readonly heartbeatIntervalMs: number;
  readonly responseWindowMs: number;
  readonly waitTimeoutMs: number;
  /** The shard count `GET /gateway/bot` recommends; guild i is served by shard i % shardCount. */
  readonly shardCount: number;
  /** How many shards `GET /gateway/bot` says may identify at once. */
  readonly maxConcurrency: number;

  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly resumeGatewayUrl: string;

  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly users: FakeUsers;
  readonly guilds: FakeGuild[];

  /** Every REST call, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Every REST call the fake refused with a 4xx (unknown routes and injected 429s excepted). */
  readonly rejections: Rejection[] = [];
  /** REST calls to routes the fake does not implement (answered 404). */
  readonly unhandled: RecordedRequest[] = [];
  /** Gateway connections, in order. */
  readonly connections: ConnectionRecord[] = [];
  /** IDENTIFY payloads received. */
  readonly identifies: Record<string, unknown>[] = [];
  /** Heartbeats received (op 1). */
  readonly heartbeats: HeartbeatRecord[] = [];
  /** Other client payloads (presence updates, member requests…), for completeness. */
  readonly gatewayReceived: { op: number; d: unknown }[] = [];

  private readonly gateway: Gateway;
  private readonly state: FakeState;
  private readonly actions: UserActions;
  private readonly rest: RestRouter;

  private constructor(
    private readonly server: Server,
    port: number,
    options: FakeDiscordOptions,
  ) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_MS;
    this.responseWindowMs = options.responseWindowMs ?? DEFAULT_RESPONSE_WINDOW_MS;
    this.waitTimeoutMs = options.waitTimeoutMs ?? DEFAULT_WAIT_MS;
    this.shardCount = options.shards ?? 1;
    this.maxConcurrency = options.maxConcurrency ?? 1;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    this.resumeGatewayUrl = `ws://127.0.0.1:${port}${RESUME_PATH}`;

    // A modern bot's user id is its application id.
    this.applicationId = snowflake();
    this.botUser = user(this.applicationId, 'Summit', { bot: true });
    this.users = {
      member: user(snowflake(), 'casual_reader'),
      moderator: user(snowflake(), 'careful_moderator'),
      owner: user(snowflake(), 'guild_owner'),
      channelModerator: user(snowflake(), 'channel_moderator'),
    };
    const specs = options.guilds?.length ? options.guilds : [DEFAULT_GUILD];
    this.guilds = specs.map((spec, i) =>
      buildGuild(spec, this.botUser, this.users, snowflakeOnShard(i % this.shardCount, this.shardCount)),
    );
    this.gateway = new Gateway(this);
    this.state = new FakeState(this, this.gateway);
    this.actions = new UserActions(this, this.state, this.gateway);
    this.rest = new RestRouter(this, this.state, options.log ?? ((line) => console.warn(line)));
  }

  /** Starts the REST server and gateway on an ephemeral port of 127.0.0.1. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const fake = new FakeDiscord(server, (server.address() as AddressInfo).port, options);
    server.on('request', (request, response) => void fake.rest.onHttpRequest(request, response));
    server.on('upgrade', (request, socket, head) => fake.gateway.onUpgrade(request, socket, head));
    return fake;
  }

  /** The default guild (the first one). */
  get guild(): FakeGuild {
    const first = this.guilds[0];
    if (first === undefined) throw new Error('FakeDiscord has no guild');
    return first;
  }

  /** A channel of any guild by name (`general`) or id. */
  channel(nameOrId: string): APITextChannel {
    for (const guild of this.guilds) {
      const found = guild.channels.find((c) => c.id === nameOrId || c.name === nameOrId);
      if (found) return found;
    }
    throw new Error(`FakeDiscord has no channel "${nameOrId}"`);
  }

  /** A stored message as it is now (a copy), or undefined if unknown or deleted. */
  storedMessage(id: string): StoredMessage | undefined {
    const message = this.state.messages.get(id);
    return message === undefined ? undefined : structuredClone(message);
  }

  /** Commands the bot registered, globally or (with a guild id) for one guild. */
  registeredCommands(guildId?: string): readonly APIApplicationCommand[] {
    return this.state.commands.get(guildId ?? 'global') ?? [];
  }

  /**
   * Resolves with the commands once the bot has registered some (globally, or for `guildId`); bots
   * register on ready, so a test should await this before its first `slash`.
   */
  async commandsRegistered(
    guildId?: string,
    timeoutMs = this.waitTimeoutMs,
  ): Promise<readonly APIApplicationCommand[]> {
    const scope = guildId ?? 'global';
    const where = guildId === undefined ? 'globally' : `in guild ${guildId}`;
    await this.state.registrations.wait((registration) => registration.scope === scope, {
      consume: false,
      timeoutMs,
      what: () => `the bot to register commands ${where}${this.describeRejections()}`,
    });
    return this.registeredCommands(guildId);
  }

  /**
   * Resolves with the most recent session once a client has identified and been sent READY and
   * every GUILD_CREATE (at once if that already happened).
   */
  identified(timeoutMs = this.waitTimeoutMs): Promise<GatewaySessionInfo> {
    const latest = this.gateway.identified.all.at(-1);
    if (latest !== undefined) return Promise.resolve(latest);
    return this.gateway.identified.wait(() => true, {
      consume: false,
      timeoutMs,
      what: () => 'a client to identify',
    });
  }

  /** Resolves with the first session that identified as shard `shardId` (of any count). */
  shardIdentified(shardId: number, timeoutMs = this.waitTimeoutMs): Promise<GatewaySessionInfo> {
    return this.gateway.identified.wait((session) => session.shard[0] === shardId, {
      consume: false,
      timeoutMs,
      what: () => `shard ${shardId} to identify`,
    });
  }

  /** The shard that receives a guild's events when the bot runs `count` shards (default: as recommended). */
  shardOf(guildId: string, count = this.shardCount): number {
    return shardOfGuild(guildId, count);
  }

  /** Resolves with the first session identified after `previous` (a client that could not resume). */
  identifiedAfter(previous: GatewaySessionInfo, timeoutMs = this.waitTimeoutMs): Promise<GatewaySessionInfo> {
    const sessions = this.gateway.identified;
    const start = sessions.all.findIndex((session) => session.sessionId === previous.sessionId) + 1;
    return sessions.wait((session) => sessions.all.indexOf(session) >= start, {
      consume: false,
      timeoutMs,
      what: () => `a client to identify again after session ${previous.sessionId}`,
    });
  }

  /** Resolves with the next not-yet-awaited successful RESUME. */
  nextResume(timeoutMs = this.waitTimeoutMs): Promise<ResumeRecord> {
    return this.gateway.resumes.wait(() => true, { consume: true, timeoutMs, what: () => 'a RESUME' });
  }

  /**
   * Resolves with the bot's next not-yet-awaited `POST /channels/:id/messages` (in `channelId` if
   * given, and matching `match` if given).
   */
  nextChannelMessage(
    channelId?: string,
    timeoutMs = this.waitTimeoutMs,
    match: (message: StoredMessage) => boolean = () => true,
  ): Promise<StoredMessage> {
    const where = channelId === undefined ? '' : ` in #${this.channel(channelId).name}`;
    return this.state.channelMessages.wait(
      (message) => (channelId === undefined || message.channel_id === channelId) && match(message),
      {
        consume: true,
        timeoutMs,
        what: () => `a channel message from the bot${where}${this.describeRejections()}`,
      },
    );
  }

  // -------------------------------------------------------------------------------------------------
  // Users acting: interactions and messages

  /**
   * A user runs a slash command. `name` may include a sub-command (`'facts list'`). Option types come
   * from the registered command when there is one (unknown option names then throw), else from the
   * values: string 3, integer 4, other number 10, boolean 5, `{channel: id}` 7.
   */
  slash(
    name: string,
    options: Record<string, OptionValue> = {},
    ctx: ActorContext = {},
  ): Promise<InteractionHandle> {
    return this.actions.slash(name, options, ctx);
  }

  /** A user types in an option with autocomplete; `focused` names the option being typed. */
  autocomplete(
    name: string,
    options: Record<string, OptionValue>,
    focused: string,
    ctx: ActorContext = {},
  ): Promise<InteractionHandle> {
    return this.actions.autocomplete(name, options, focused, ctx);
  }

  /** A user clicks the button `customId` on a message the bot sent (as the fake stores it now). */
  button(message: StoredMessage, customId: string, ctx: ActorContext = {}): Promise<InteractionHandle> {
    return this.actions.button(message, customId, ctx);
  }

  /** A user picks `values` in the string select `customId` on a message the bot sent. */
  select(
    message: StoredMessage,
    customId: string,
    values: string[],
    ctx: ActorContext = {},
  ): Promise<InteractionHandle> {
    return this.actions.select(message, customId, values, ctx);
  }

  /** A user runs the message context-menu command `name` on `target`. */
  messageContextMenu(
    name: string,
    target: StoredMessage,
    ctx: ActorContext = {},
  ): Promise<InteractionHandle> {
    return this.actions.messageContextMenu(name, target, ctx);
  }

  /** A user posts a message that mentions the bot (a `<@bot>` prefix is added if missing). */
  mention(content: string, ctx: ActorContext = {}): Promise<MessageHandle> {
    return this.actions.mention(content, ctx);
  }

  /**
   * A user posts a message in a guild channel (MESSAGE_CREATE). Like Discord, a session without the
   * MessageContent intent gets empty content unless the message mentions the bot.
   */
  message(content: string, ctx: ActorContext = {}): Promise<MessageHandle> {
    return this.actions.message(content, ctx);
  }

  // -------------------------------------------------------------------------------------------------
  // World changes and gateway faults

  /**
   * Sets a permission overwrite (role or user id) on a channel and tells the client (CHANNEL_UPDATE),
   * e.g. `setOverwrite(channelId, fake.botUser.id, { deny: PermissionFlagsBits.SendMessages })`.
   */
  setOverwrite(channelId: string, targetId: string, change: { allow?: bigint; deny?: bigint }): void {
    const channel = this.channel(channelId);
    const guild = this.state.guildOf(channelId);
    const type = guild.roles.some((role) => role.id === targetId) ? OverwriteType.Role : OverwriteType.Member;
    const overwrite: APIOverwrite = {
      id: targetId,
      type,
      allow: String(change.allow ?? 0n),
      deny: String(change.deny ?? 0n),
    };
    channel.permission_overwrites = [
      ...(channel.permission_overwrites ?? []).filter((existing) => existing.id !== targetId),
      overwrite,
    ];
    this.dispatch('CHANNEL_UPDATE', { ...channel, guild_id: guild.id }, GatewayIntentBits.Guilds);
  }

  /** Takes `permissions` (default SendMessages) away from the bot in a channel. */
  denyBot(channelId: string, permissions: bigint = P.SendMessages): void {
    this.setOverwrite(channelId, this.botUser.id, { deny: permissions });
  }

  /** The bot's effective permissions in a channel, computed as Discord does. */
  botPermissions(channelId: string): bigint {
    const guild = this.state.guildOf(channelId);
    return channelPermissions(guild, this.channel(channelId), memberOf(guild, this.botUser));
  }

  /** Sends a dispatch (op 0) to every session; sessions without `intent` (if given) do not get it. */
  dispatch(event: string, data: unknown, intent?: GatewayIntentBits): void {
    this.gateway.dispatch(event, data, intent);
  }

  /** Closes every live gateway socket from the server side; sessions stay resumable. */
  dropConnection(code = 4000, reason = 'Unknown error'): number {
    return this.gateway.dropConnection({ code, reason });
  }

  /** Destroys every live gateway socket without a close frame, as a failing network does. */
  severConnection(): number {
    return this.gateway.dropConnection();
  }

  /**
   * Keeps clients from coming back: new gateway connections get no HELLO until the returned
   * function is called. Dispatches meanwhile wait in their session for a RESUME.
   */
  holdConnections(): () => void {
    return this.gateway.holdConnections();
  }

  /** Asks clients to reconnect and resume (op 7). */
  requestReconnect(): void {
    this.gateway.sendToSockets({ op: GatewayOpcodes.Reconnect, d: null });
  }

  /** Tells clients their session is invalid (op 9); a non-resumable one is forgotten. */
  invalidateSession(resumable = false): void {
    this.gateway.invalidateSession(resumable);
  }

  /** Asks clients for an immediate heartbeat (op 1). */
  requestHeartbeat(): void {
    this.gateway.sendToSockets({ op: GatewayOpcodes.Heartbeat, d: null });
  }

  /**
   * Makes the live connections zombies: their heartbeats go unacknowledged, while a connection the
   * client opens to recover is acknowledged as usual.
   */
  zombifyConnection(): number {
    return this.gateway.zombify();
  }

  /** Stop (or resume) acknowledging heartbeats on every connection, present and future. */
  setHeartbeatAcks(enabled: boolean): void {
    this.gateway.ackHeartbeats = enabled;
  }

  // -------------------------------------------------------------------------------------------------
  // REST faults

  /**
   * The next `times` calls to `route` get a 429 as Discord sends it: `Retry-After` in whole
   * seconds, `X-RateLimit-*` headers, and `{ message, retry_after, global }`. After each, the route
   * (or, for a global limit, every route bound by it) refuses calls for `retryAfterMs`.
   */
  rateLimit(spec: RateLimitSpec): void {
    this.rest.faults.rateLimit(spec);
  }

  /** Every REST call is handled `ms` after it arrives (0: at once). */
  setLatency(ms: number): void {
    this.rest.faults.latencyMs = ms;
  }

  /** Lifts injected latency and rate limits. */
  clearRestFaults(): void {
    this.rest.faults.clear();
  }

  /** Closes sockets and servers and fails pending waits; leaves no handles open. */
  async close(): Promise<void> {
    if (this.gateway.closed) return;
    this.state.channelMessages.close();
    this.gateway.identified.close();
    this.gateway.resumes.close();
    this.state.registrations.close();
    for (const record of this.state.interactions.values()) {
      for (const inbox of [record.callbacks, record.edits, record.followUps]) inbox.close();
    }
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private describeRejections(): string {
    if (this.rejections.length === 0) return '';
    return `; refused so far:${refusalLines(this.rejections)}`;
  }
}
