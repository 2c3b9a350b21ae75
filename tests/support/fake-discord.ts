/**
 * A fake Discord for end-to-end tests: the REST API and the gateway websocket on 127.0.0.1, close
 * enough to the real thing that an unmodified discord.js v14 `Client` logs in to it, receives
 * interactions and messages, and answers them over REST.
 *
 * The fake is strict where Discord is strict (message limits, the 3-second response window, double
 * acknowledgements, channel permissions) so that a bot which passes here does not fail on Discord.
 * Every REST call is recorded in `requests`, every refusal in `rejections` (and logged), every call to
 * a route the fake does not know in `unhandled`.
 *
 *   const fake = await FakeDiscord.start({ token });
 *   const client = new Client({ intents, rest: { api: fake.apiUrl } });
 *   await client.login(token);
 *   const ask = await fake.slash('ask', { question: 'When?' });
 *   const response = await ask.response(); // { type: 4, data: { content: ... } }
 */
import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIEmbed,
  type APIGuildMember,
  type APIInteraction,
  type APIInteractionDataResolvedChannel,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageButtonInteractionData,
  type APIMessageComponentGuildInteraction,
  type APIMessageInteractionMetadata,
  type APIMessageStringSelectInteractionData,
  type APIMessageTopLevelComponent,
  type APIOverwrite,
  type APIRole,
  type APITextChannel,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type ChannelFlags,
  ChannelType,
  ComponentType,
  type GatewayGuildCreateDispatchData,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
  type GuildMemberFlags,
  type GuildSystemChannelFlags,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageType,
  OverwriteType,
  PermissionFlagsBits,
  type RoleFlags,
} from 'discord.js';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import {
  choiceIssues,
  commandIssues,
  formatIssue,
  type Issue,
  invalidFormBody,
  isEmptyMessage,
  isRecord,
  messageIssues,
  modalIssues,
} from './discord-limits.js';

// ===================================================================================================
// Public types

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

// ===================================================================================================
// Constants

const DEFAULT_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.fake.discord-test-token';
const DEFAULT_HEARTBEAT_MS = 41_250;
const DEFAULT_RESPONSE_WINDOW_MS = 3_000;
const DEFAULT_WAIT_MS = 2_000;
const RESUME_PATH = '/resume';
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;
/** GATEWAY_MESSAGE_CONTENT_LIMITED | APPLICATION_COMMAND_BADGE: an unverified bot with the content intent. */
const APPLICATION_FLAGS = (1 << 19) | (1 << 23);
/** Message flags a bot may set when it sends; Discord ignores the others. */
const SENDABLE_FLAGS =
  MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.Ephemeral;

const P = PermissionFlagsBits;
const ALL_PERMISSIONS = Object.values(P).reduce((all, bit) => all | bit, 0n);
const EVERYONE_PERMISSIONS =
  P.ViewChannel |
  P.SendMessages |
  P.ReadMessageHistory |
  P.AddReactions |
  P.EmbedLinks |
  P.AttachFiles |
  P.UseApplicationCommands |
  P.UseExternalEmojis |
  P.CreateInstantInvite |
  P.ChangeNickname |
  P.SendMessagesInThreads;
const BOT_ROLE_PERMISSIONS =
  P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory | P.AddReactions | P.UseExternalEmojis;
const MODERATOR_PERMISSIONS = P.ManageMessages | P.KickMembers | P.ModerateMembers | P.MentionEveryone;

/** Which initial responses Discord accepts for each interaction type. */
const ALLOWED_CALLBACKS: Record<InteractionType, readonly InteractionResponseType[]> = {
  [InteractionType.Ping]: [InteractionResponseType.Pong],
  [InteractionType.ApplicationCommand]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
  ],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [
    InteractionResponseType.ApplicationCommandAutocompleteResult,
  ],
  [InteractionType.ModalSubmit]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
  ],
};

// ===================================================================================================
// Handles returned to tests

/** What the fake knows about one dispatched interaction; shared with its handle. */
interface InteractionRecord {
  payload: APIInteraction;
  /** `/ask`, `button ask:more`, … for error messages. */
  label: string;
  channelId: string;
  dispatchedAt: number;
  acknowledged: boolean;
  /** The message `@original` refers to: the reply, or for deferUpdate/update the component's message. */
  originalMessageId?: string;
  followUpIds: string[];
  callbacks: Inbox<InteractionCallback>;
  edits: Inbox<StoredMessage>;
  followUps: Inbox<StoredMessage>;
  rejections: Rejection[];
}

/** The test's view of one interaction: what the bot answered, edited and followed up with. */
export class InteractionHandle {
  /** @internal */
  constructor(
    private readonly record: InteractionRecord,
    private readonly fake: FakeDiscord,
  ) {}

  /** The INTERACTION_CREATE payload as dispatched. */
  get payload(): APIInteraction {
    return this.record.payload;
  }

  get id(): string {
    return this.record.payload.id;
  }

  get token(): string {
    return this.record.payload.token;
  }

  /** Initial responses accepted so far (at most one). */
  get callbacks(): readonly InteractionCallback[] {
    return this.record.callbacks.all;
  }

  /** Follow-ups sent so far, as they were when sent. */
  get followUps(): readonly StoredMessage[] {
    return this.record.followUps.all;
  }

  /** Every webhook edit (PATCH) of the original response or a follow-up, as the message was after it. */
  get edits(): readonly StoredMessage[] {
    return this.record.edits.all;
  }

  /** Refusals of this interaction's callback and webhook calls. */
  get rejections(): readonly Rejection[] {
    return this.record.rejections;
  }

  /** Resolves with the accepted initial response (callback type and data). */
  response(timeoutMs = this.fake.waitTimeoutMs): Promise<InteractionCallback> {
    return this.record.callbacks.wait(() => true, {
      consume: false,
      timeoutMs,
      what: this.describe('a response'),
    });
  }

  /** Resolves with the message after the next not-yet-awaited edit of `@original` (or of `messageId`). */
  waitForEdit(messageId?: string, timeoutMs = this.fake.waitTimeoutMs): Promise<StoredMessage> {
    const matches = (message: StoredMessage) => message.id === (messageId ?? this.record.originalMessageId);
    return this.record.edits.wait(matches, { consume: true, timeoutMs, what: this.describe('an edit') });
  }

  /** Resolves with the next not-yet-awaited follow-up. */
  waitForFollowUp(timeoutMs = this.fake.waitTimeoutMs): Promise<StoredMessage> {
    return this.record.followUps.wait(() => true, {
      consume: true,
      timeoutMs,
      what: this.describe('a follow-up'),
    });
  }

  /** The original response message as it is now (after edits), if there is one. */
  original(): StoredMessage | undefined {
    const id = this.record.originalMessageId;
    return id === undefined ? undefined : this.fake.storedMessage(id);
  }

  /** The original response and follow-ups as they are now, without deleted ones. */
  messages(): StoredMessage[] {
    const ids = [this.record.originalMessageId, ...this.record.followUpIds];
    return [...new Set(ids)].flatMap((id) => {
      const message = id === undefined ? undefined : this.fake.storedMessage(id);
      return message === undefined ? [] : [message];
    });
  }

  private describe(what: string): () => string {
    return () => {
      const refused = this.record.rejections.map(
        (r) => `\n  ${r.status} ${r.method} ${r.path}: ${r.reasons.join('; ')}`,
      );
      return `${what} to ${this.record.label} (interaction ${this.id})${refused.length ? `; refused:${refused.join('')}` : ''}`;
    };
  }
}

/** The test's view of a message a user sent. */
export class MessageHandle {
  /** @internal */
  constructor(
    /** The message as stored (full content, even where the bot's intents hide it). */
    readonly message: StoredMessage,
    private readonly fake: FakeDiscord,
  ) {}

  /** Resolves with the bot's next not-yet-awaited message that replies to this one. */
  reply(timeoutMs = this.fake.waitTimeoutMs): Promise<StoredMessage> {
    return this.fake.nextChannelMessage(
      this.message.channel_id,
      timeoutMs,
      (message) => message.message_reference?.message_id === this.message.id,
    );
  }
}

// ===================================================================================================
// The fake

/** A refusal the REST handlers throw; becomes a JSON error answer. */
class DiscordError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code: number; message: string; errors?: unknown },
    readonly reasons: string[] = [body.message],
  ) {
    super(`${status} ${body.code} ${body.message}`);
  }
}

interface RestRequest extends RecordedRequest {
  params: Record<string, string>;
}

interface RestReply {
  status: number;
  body?: unknown;
}

interface Route {
  method: string;
  /** Path segments; `:name` captures a parameter. */
  segments: string[];
  /** Whether Discord requires `Authorization: Bot <token>` on it. */
  auth: boolean;
  handle: (request: RestRequest) => RestReply;
}

interface GatewayDispatch {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

/** A gateway session: survives dropped connections until the client closes it normally. */
class GatewaySession {
  seq = 0;
  readonly history: GatewayDispatch[] = [];
  connection: GatewayConnection | undefined;

  constructor(
    readonly id: string,
    readonly intents: number,
  ) {}

  hasIntent(intent: GatewayIntentBits): boolean {
    return (this.intents & intent) !== 0;
  }
}

interface GatewayConnection {
  socket: WebSocket;
  session?: GatewaySession;
  /** Set when the fake closed the socket, so the session stays resumable whatever the close code. */
  droppedByServer: boolean;
}

export class FakeDiscord {
  readonly token: string;
  readonly heartbeatIntervalMs: number;
  readonly responseWindowMs: number;
  readonly waitTimeoutMs: number;

  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly resumeGatewayUrl: string;

  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly users: { member: APIUser; moderator: APIUser; owner: APIUser };
  readonly guilds: FakeGuild[];

  /** Every REST call, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Every REST call the fake refused with a 4xx (unknown routes excepted). */
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

  private readonly log: (line: string) => void;
  private readonly routes: Route[];
  private readonly sockets = new Set<GatewayConnection>();
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly interactions = new Map<string, InteractionRecord>();
  private readonly interactionsByToken = new Map<string, InteractionRecord>();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly commands = new Map<string, APIApplicationCommand[]>();
  private readonly channelMessages = new Inbox<StoredMessage>();
  private readonly identified$ = new Inbox<GatewaySessionInfo>();
  private readonly resumes = new Inbox<ResumeRecord>();
  private readonly registrations = new Inbox<{ scope: string; commands: APIApplicationCommand[] }>();
  private ackHeartbeats = true;
  private closed = false;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    port: number,
    options: FakeDiscordOptions,
  ) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_MS;
    this.responseWindowMs = options.responseWindowMs ?? DEFAULT_RESPONSE_WINDOW_MS;
    this.waitTimeoutMs = options.waitTimeoutMs ?? DEFAULT_WAIT_MS;
    this.log = options.log ?? ((line) => console.warn(line));
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
    };
    const specs = options.guilds?.length ? options.guilds : [DEFAULT_GUILD];
    this.guilds = specs.map((spec) => buildGuild(spec, this.botUser, this.users));
    this.routes = this.buildRoutes();
  }

  /** Starts the REST server and gateway on an ephemeral port of 127.0.0.1. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer();
    const wss = new WebSocketServer({ noServer: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const fake = new FakeDiscord(server, wss, (server.address() as AddressInfo).port, options);
    server.on('request', (request, response) => void fake.onHttpRequest(request, response));
    server.on('upgrade', (request, socket, head) => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      if (path !== '/' && path !== RESUME_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => fake.onGatewayConnection(ws, request));
    });
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
    const message = this.messages.get(id);
    return message === undefined ? undefined : structuredClone(message);
  }

  /** Commands the bot registered, globally or (with a guild id) for one guild. */
  registeredCommands(guildId?: string): readonly APIApplicationCommand[] {
    return this.commands.get(guildId ?? 'global') ?? [];
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
    await this.registrations.wait((registration) => registration.scope === scope, {
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
    const latest = this.identified$.all.at(-1);
    if (latest !== undefined) return Promise.resolve(latest);
    return this.identified$.wait(() => true, {
      consume: false,
      timeoutMs,
      what: () => 'a client to identify',
    });
  }

  /** Resolves with the next not-yet-awaited successful RESUME. */
  nextResume(timeoutMs = this.waitTimeoutMs): Promise<ResumeRecord> {
    return this.resumes.wait(() => true, { consume: true, timeoutMs, what: () => 'a RESUME' });
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
    return this.channelMessages.wait(
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
  async slash(
    name: string,
    options: Record<string, OptionValue> = {},
    ctx: ActorContext = {},
  ): Promise<InteractionHandle> {
    const [commandName = '', ...path] = name.split(' ');
    const command = this.findCommand(commandName, ApplicationCommandType.ChatInput, ctx);
    const resolved: Record<string, APIInteractionDataResolvedChannel> = {};
    const leafOptions = this.commandOptions(command, path, options, resolved, { checkRequired: true });
    const data = {
      id: command?.id ?? snowflake(),
      name: commandName,
      type: ApplicationCommandType.ChatInput,
      options: wrapSubcommand(path, leafOptions),
      ...(Object.keys(resolved).length ? { resolved: { channels: resolved } } : {}),
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
    };
    const payload = {
      ...this.interactionBase(InteractionType.ApplicationCommand, ctx),
      data,
    } as APIChatInputApplicationCommandGuildInteraction;
    return this.dispatchInteraction(payload, `/${name}`);
  }

  /** A user types in an option with autocomplete; `focused` names the option being typed. */
  async autocomplete(
    name: string,
    options: Record<string, OptionValue>,
    focused: string,
    ctx: ActorContext = {},
  ): Promise<InteractionHandle> {
    const [commandName = '', ...path] = name.split(' ');
    const command = this.findCommand(commandName, ApplicationCommandType.ChatInput, ctx);
    const leaf = this.commandOptions(command, path, options, {}, { checkRequired: false }).map((option) =>
      option.name === focused ? { ...option, value: String(option.value), focused: true } : option,
    );
    if (!leaf.some((option) => option.focused)) {
      throw new Error(`autocomplete: the focused option "${focused}" is not among the options given`);
    }
    const payload = {
      ...this.interactionBase(InteractionType.ApplicationCommandAutocomplete, ctx),
      data: {
        id: command?.id ?? snowflake(),
        name: commandName,
        type: ApplicationCommandType.ChatInput,
        options: wrapSubcommand(path, leaf),
      },
    } as APIInteraction;
    return this.dispatchInteraction(payload, `autocomplete /${name} (${focused})`);
  }

  /** A user clicks the button `customId` on a message the bot sent (as the fake stores it now). */
  async button(message: StoredMessage, customId: string, ctx: ActorContext = {}): Promise<InteractionHandle> {
    const current = this.requireMessage(message.id);
    const component = findComponent(current, customId);
    if (component?.type !== ComponentType.Button) {
      throw new Error(
        `message ${current.id} has no button "${customId}" (it has: ${customIds(current).join(', ')})`,
      );
    }
    if (component.disabled === true)
      throw new Error(`button "${customId}" is disabled; users cannot click it`);
    const data: APIMessageButtonInteractionData = {
      custom_id: customId,
      component_type: ComponentType.Button,
    };
    return this.dispatchComponent(current, data, `button ${customId}`, ctx);
  }

  /** A user picks `values` in the string select `customId` on a message the bot sent. */
  async select(
    message: StoredMessage,
    customId: string,
    values: string[],
    ctx: ActorContext = {},
  ): Promise<InteractionHandle> {
    const current = this.requireMessage(message.id);
    const component = findComponent(current, customId);
    if (component?.type !== ComponentType.StringSelect) {
      throw new Error(
        `message ${current.id} has no select menu "${customId}" (it has: ${customIds(current).join(', ')})`,
      );
    }
    const offered = new Set(component.options.map((option) => option.value));
    const unknown = values.filter((value) => !offered.has(value));
    if (unknown.length) throw new Error(`select "${customId}" offers no option ${unknown.join(', ')}`);
    const [min, max] = [component.min_values ?? 1, component.max_values ?? 1];
    if (values.length < min || values.length > max) {
      throw new Error(`select "${customId}" takes ${min}–${max} values, not ${values.length}`);
    }
    const data: APIMessageStringSelectInteractionData = {
      custom_id: customId,
      component_type: ComponentType.StringSelect,
      values,
    };
    return this.dispatchComponent(current, data, `select ${customId}`, ctx);
  }

  /** A user runs the message context-menu command `name` on `target`. */
  async messageContextMenu(
    name: string,
    target: StoredMessage,
    ctx: ActorContext = {},
  ): Promise<InteractionHandle> {
    const current = this.requireMessage(target.id);
    const actor = { ...ctx, channelId: current.channel_id };
    const command = this.findCommand(name, ApplicationCommandType.Message, actor);
    const payload = {
      ...this.interactionBase(InteractionType.ApplicationCommand, actor),
      data: {
        id: command?.id ?? snowflake(),
        name,
        type: ApplicationCommandType.Message,
        target_id: current.id,
        resolved: { messages: { [current.id]: publicMessage(current) } },
      },
    } as APIInteraction;
    return this.dispatchInteraction(payload, `context menu "${name}"`);
  }

  /** A user posts a message that mentions the bot (a `<@bot>` prefix is added if missing). */
  async mention(content: string, ctx: ActorContext = {}): Promise<MessageHandle> {
    const mentionsBot =
      content.includes(`<@${this.botUser.id}>`) || content.includes(`<@!${this.botUser.id}>`);
    return this.message(mentionsBot ? content : `<@${this.botUser.id}> ${content}`, ctx);
  }

  /**
   * A user posts a message in a guild channel (MESSAGE_CREATE). Like Discord, a session without the
   * MessageContent intent gets empty content unless the message mentions the bot.
   */
  async message(content: string, ctx: ActorContext = {}): Promise<MessageHandle> {
    await this.requireClient();
    const author = ctx.user ?? this.users.member;
    const channel = this.channel(ctx.channelId ?? this.guild.channels[0]?.id ?? '');
    const guild = this.guildOf(channel.id);
    const message: StoredMessage = {
      ...this.baseMessage(channel.id, author, content),
      mentions: mentionedIds(content, '@!?').flatMap((id) => {
        const member = guild.members.get(id);
        return member ? [{ ...member.user, member: withoutUser(member) }] : [];
      }),
      mention_roles: mentionedIds(content, '@&').filter((id) => guild.roles.some((role) => role.id === id)),
      mention_everyone: false,
      nonce: snowflake(),
    };
    this.messages.set(message.id, message);
    const member = this.memberOf(guild, author);
    const mentionsBot = message.mentions.some((mentioned) => mentioned.id === this.botUser.id);
    this.dispatchEach(
      'MESSAGE_CREATE',
      (session) => {
        const hidden = !session.hasIntent(GatewayIntentBits.MessageContent) && !mentionsBot;
        const visible = hidden
          ? { ...message, content: '', embeds: [], attachments: [], components: [] }
          : message;
        return { ...publicMessage(visible), guild_id: guild.id, member: withoutUser(member) };
      },
      GatewayIntentBits.GuildMessages,
    );
    return new MessageHandle(structuredClone(message), this);
  }

  // -------------------------------------------------------------------------------------------------
  // World changes and gateway faults

  /**
   * Sets a permission overwrite (role or user id) on a channel and tells the client (CHANNEL_UPDATE),
   * e.g. `setOverwrite(channelId, fake.botUser.id, { deny: PermissionFlagsBits.SendMessages })`.
   */
  setOverwrite(channelId: string, targetId: string, change: { allow?: bigint; deny?: bigint }): void {
    const channel = this.channel(channelId);
    const guild = this.guildOf(channelId);
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
    const guild = this.guildOf(channelId);
    return channelPermissions(guild, this.channel(channelId), this.memberOf(guild, this.botUser));
  }

  /** Sends a dispatch (op 0) to every session; sessions without `intent` (if given) do not get it. */
  dispatch(event: string, data: unknown, intent?: GatewayIntentBits): void {
    this.dispatchEach(event, () => data, intent);
  }

  /** Like `dispatch`, with the data built per session (so that its intents can shape it). */
  private dispatchEach(
    event: string,
    build: (session: GatewaySession) => unknown,
    intent?: GatewayIntentBits,
  ): void {
    for (const session of this.sessions.values()) {
      if (intent === undefined || session.hasIntent(intent))
        this.sendDispatch(session, event, build(session));
    }
  }

  /** Closes every live gateway socket from the server side; sessions stay resumable. */
  dropConnection(code = 4000, reason = 'Unknown error'): number {
    const live = [...this.sockets].filter((connection) => connection.socket.readyState === WebSocket.OPEN);
    for (const connection of live) {
      connection.droppedByServer = true;
      connection.socket.close(code, reason);
    }
    return live.length;
  }

  /** Asks clients to reconnect and resume (op 7). */
  requestReconnect(): void {
    this.sendToSockets({ op: GatewayOpcodes.Reconnect, d: null });
  }

  /** Tells clients their session is invalid (op 9); a non-resumable one is forgotten. */
  invalidateSession(resumable = false): void {
    this.sendToSockets({ op: GatewayOpcodes.InvalidSession, d: resumable });
    if (!resumable) this.sessions.clear();
  }

  /** Asks clients for an immediate heartbeat (op 1). */
  requestHeartbeat(): void {
    this.sendToSockets({ op: GatewayOpcodes.Heartbeat, d: null });
  }

  /** Stop (or resume) acknowledging heartbeats, to make the connection look like a zombie. */
  setHeartbeatAcks(enabled: boolean): void {
    this.ackHeartbeats = enabled;
  }

  /** Closes sockets and servers and fails pending waits; leaves no handles open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.channelMessages.close();
    this.identified$.close();
    this.resumes.close();
    this.registrations.close();
    for (const record of this.interactions.values()) {
      for (const inbox of [record.callbacks, record.edits, record.followUps]) inbox.close();
    }
    for (const connection of this.sockets) connection.socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------------------------------
  // REST: plumbing

  private async onHttpRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
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
    this.requests.push(record);
    const reply = this.answer(record);
    record.status = reply.status;
    record.response = reply.body;
    if (reply.status === 204 || reply.body === undefined) {
      response.writeHead(reply.status).end();
    } else {
      response
        .writeHead(reply.status, { 'content-type': 'application/json' })
        .end(JSON.stringify(reply.body));
    }
  }

  private answer(record: RecordedRequest): RestReply {
    const matched = this.matchRoute(record);
    if (matched === undefined) {
      this.unhandled.push(record);
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
      if (route.auth && record.headers.authorization !== `Bot ${this.token}`) {
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
    this.rejections.push(rejection);
    const interaction =
      this.interactions.get(params.interaction ?? '') ?? this.interactionsByToken.get(params.token ?? '');
    interaction?.rejections.push(rejection);
    this.log(
      `[fake-discord] refused ${record.method} ${record.path} → ${error.status} ${error.body.code}: ${error.reasons.join('; ')}`,
    );
  }

  private describeRejections(): string {
    if (this.rejections.length === 0) return '';
    const lines = this.rejections.map(
      (r) => `\n  ${r.status} ${r.method} ${r.path}: ${r.reasons.join('; ')}`,
    );
    return `; refused so far:${lines.join('')}`;
  }

  private buildRoutes(): Route[] {
    const route = (method: string, path: string, auth: boolean, handle: Route['handle']): Route => ({
      method,
      segments: path.split('/').filter(Boolean),
      auth,
      handle,
    });
    const ok = (body: unknown): RestReply => ({ status: 200, body });
    return [
      route('GET', '/gateway', false, () => ok({ url: this.gatewayUrl })),
      route('GET', '/gateway/bot', true, () => ok(this.gatewayBot())),
      route('GET', '/users/@me', true, () => ok(this.botUser)),
      route('GET', '/users/:user', true, (r) => ok(this.getUser(r))),
      route('GET', '/applications/@me', true, () => ok(this.application())),
      route('GET', '/applications/:app/commands', true, (r) => ok(this.listCommands(r))),
      route('PUT', '/applications/:app/commands', true, (r) => ok(this.overwriteCommands(r))),
      route('POST', '/applications/:app/commands', true, (r) => ok(this.createCommand(r))),
      route('GET', '/applications/:app/guilds/:guild/commands', true, (r) => ok(this.listCommands(r))),
      route('PUT', '/applications/:app/guilds/:guild/commands', true, (r) => ok(this.overwriteCommands(r))),
      route('POST', '/applications/:app/guilds/:guild/commands', true, (r) => ok(this.createCommand(r))),
      route('POST', '/interactions/:interaction/:token/callback', false, (r) => this.interactionCallback(r)),
      route('POST', '/webhooks/:app/:token', false, (r) => this.followUp(r)),
      route('GET', '/webhooks/:app/:token/messages/:message', false, (r) => ok(this.webhookMessage(r))),
      route('PATCH', '/webhooks/:app/:token/messages/:message', false, (r) => ok(this.editWebhookMessage(r))),
      route('DELETE', '/webhooks/:app/:token/messages/:message', false, (r) => this.deleteWebhookMessage(r)),
      route('GET', '/channels/:channel', true, (r) => ok(this.getChannel(r))),
      route('POST', '/channels/:channel/messages', true, (r) => ok(this.createChannelMessage(r))),
      route('GET', '/channels/:channel/messages/:message', true, (r) => ok(this.getChannelMessage(r))),
      route('PATCH', '/channels/:channel/messages/:message', true, (r) => ok(this.editChannelMessage(r))),
      route('DELETE', '/channels/:channel/messages/:message', true, (r) => this.deleteChannelMessage(r)),
      route('POST', '/channels/:channel/typing', true, (r) => this.typing(r)),
    ];
  }

  // -------------------------------------------------------------------------------------------------
  // REST: application, gateway, commands

  private gatewayBot(): unknown {
    return {
      url: this.gatewayUrl,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
    };
  }

  private application(): Record<string, unknown> {
    return {
      id: this.applicationId,
      name: this.botUser.username,
      icon: null,
      description: 'Answers questions from a fact base.',
      summary: '',
      type: null,
      bot: this.botUser,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: randomBytes(32).toString('hex'),
      flags: APPLICATION_FLAGS,
      owner: this.users.owner,
      team: null,
      approximate_guild_count: this.guilds.length,
      integration_types_config: { '0': {} },
    };
  }

  private getUser(request: RestRequest): APIUser {
    const found = [this.botUser, ...Object.values(this.users)].find((u) => u.id === request.params.user);
    if (found === undefined) throw new DiscordError(404, { code: 10013, message: 'Unknown User' });
    return found;
  }

  private commandScope(request: RestRequest): string {
    if (request.params.app !== this.applicationId) {
      throw new DiscordError(403, { code: 50001, message: 'Missing Access' }, [
        `application ${request.params.app} is not the bot's`,
      ]);
    }
    const guildId = request.params.guild;
    if (guildId !== undefined && !this.guilds.some((guild) => guild.id === guildId)) {
      throw new DiscordError(403, { code: 50001, message: 'Missing Access' }, [
        `the bot is not in guild ${guildId}`,
      ]);
    }
    return guildId ?? 'global';
  }

  private listCommands(request: RestRequest): APIApplicationCommand[] {
    return this.commands.get(this.commandScope(request)) ?? [];
  }

  private overwriteCommands(request: RestRequest): APIApplicationCommand[] {
    const scope = this.commandScope(request);
    throwIfIssues(commandIssues(request.body));
    const previous = this.commands.get(scope) ?? [];
    const stored = (request.body as Record<string, unknown>[]).map((command) =>
      this.storeCommand(command, scope, previous),
    );
    this.commands.set(scope, stored);
    this.registrations.push({ scope, commands: stored });
    return stored;
  }

  private createCommand(request: RestRequest): APIApplicationCommand {
    const scope = this.commandScope(request);
    const previous = this.commands.get(scope) ?? [];
    throwIfIssues(commandIssues([request.body]));
    const command = this.storeCommand(request.body as Record<string, unknown>, scope, previous);
    this.commands.set(scope, [
      ...previous.filter((c) => !(c.name === command.name && c.type === command.type)),
      command,
    ]);
    this.registrations.push({ scope, commands: [command] });
    return command;
  }

  /** Stores a validated command; like Discord, a command keeps its id when overwritten by name. */
  private storeCommand(
    body: Record<string, unknown>,
    scope: string,
    previous: APIApplicationCommand[],
  ): APIApplicationCommand {
    const type = (body.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
    const same = previous.find((command) => command.name === body.name && command.type === type);
    return {
      ...(body as unknown as APIApplicationCommand),
      id: same?.id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      type,
      description: typeof body.description === 'string' ? body.description : '',
      default_member_permissions: (body.default_member_permissions as string | null | undefined) ?? null,
      nsfw: body.nsfw === true,
      ...(scope === 'global' ? {} : { guild_id: scope }),
    };
  }

  // -------------------------------------------------------------------------------------------------
  // REST: interaction callbacks and webhooks

  private interactionCallback(request: RestRequest): RestReply {
    const record = this.interactions.get(request.params.interaction ?? '');
    if (record === undefined || record.payload.token !== request.params.token) {
      throw unknownInteraction('no such interaction id/token');
    }
    if (record.acknowledged) {
      throw new DiscordError(400, { code: 40060, message: 'Interaction has already been acknowledged.' });
    }
    const age = Date.now() - record.dispatchedAt;
    if (age > this.responseWindowMs) {
      throw unknownInteraction(
        `answered ${age} ms after dispatch; the window is ${this.responseWindowMs} ms`,
      );
    }
    const callback = parseCallback(request.body);
    throwIfIssues(this.callbackIssues(record, callback));
    const message = this.applyCallback(record, callback);
    record.acknowledged = true;
    record.callbacks.push(structuredClone(callback));
    if (request.query.with_response !== 'true') return { status: 204 };
    return { status: 200, body: this.callbackResponse(record, callback, message) };
  }

  private callbackIssues(record: InteractionRecord, callback: InteractionCallback): Issue[] {
    if (!ALLOWED_CALLBACKS[record.payload.type].includes(callback.type)) {
      const allowed = ALLOWED_CALLBACKS[record.payload.type].join(', ');
      return [
        {
          path: ['type'],
          code: 'INTERACTION_RESPONSE_TYPE_INVALID',
          message: `Must be one of ${allowed} here.`,
        },
      ];
    }
    switch (callback.type) {
      case InteractionResponseType.ChannelMessageWithSource:
        return messageIssues(callback.data, { at: ['data'] });
      case InteractionResponseType.UpdateMessage:
        return messageIssues(callback.data, { at: ['data'], edit: true });
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        return choiceIssues(callback.data?.choices, ['data']);
      case InteractionResponseType.Modal:
        return modalIssues(callback.data, ['data']);
      default:
        return [];
    }
  }

  /** Carries out an accepted initial response; returns the message it created or updated, if any. */
  private applyCallback(record: InteractionRecord, callback: InteractionCallback): StoredMessage | undefined {
    const data = callback.data ?? {};
    switch (callback.type) {
      case InteractionResponseType.ChannelMessageWithSource:
        return this.createResponseMessage(record, data, false);
      case InteractionResponseType.DeferredChannelMessageWithSource:
        return this.createResponseMessage(record, { flags: data.flags }, true);
      case InteractionResponseType.DeferredMessageUpdate:
        record.originalMessageId = record.payload.message?.id;
        return undefined;
      case InteractionResponseType.UpdateMessage: {
        const message = this.messages.get(record.payload.message?.id ?? '');
        if (message === undefined) throw new DiscordError(404, { code: 10008, message: 'Unknown Message' });
        this.applyEdit(message, data);
        record.originalMessageId = message.id;
        return message;
      }
      default:
        return undefined;
    }
  }

  private callbackResponse(
    record: InteractionRecord,
    callback: InteractionCallback,
    message: StoredMessage | undefined,
  ): Record<string, unknown> {
    const flags = message?.flags ?? 0;
    return {
      interaction: {
        id: record.payload.id,
        type: record.payload.type,
        response_message_id: message?.id,
        response_message_loading: (flags & MessageFlags.Loading) !== 0,
        response_message_ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
      },
      resource: { type: callback.type, ...(message ? { message: publicMessage(message) } : {}) },
    };
  }

  /** The message a type 4 (or, loading, type 5) response creates in the interaction's channel. */
  private createResponseMessage(
    record: InteractionRecord,
    data: Record<string, unknown>,
    loading: boolean,
  ): StoredMessage {
    const interaction = record.payload;
    const flags = (numberOr(data.flags, 0) & SENDABLE_FLAGS) | (loading ? MessageFlags.Loading : 0);
    const message: StoredMessage = {
      ...this.botMessage(record.channelId, data),
      flags,
      type: responseMessageType(interaction),
      webhook_id: this.applicationId,
      application_id: this.applicationId,
      interaction_metadata: this.interactionMetadata(record),
      ...legacyInteraction(interaction),
      ...(interaction.message ? this.replyReference(interaction.message.id) : {}),
    };
    record.originalMessageId = message.id;
    this.storeBotMessage(message);
    return message;
  }

  private interactionMetadata(
    record: InteractionRecord,
    originalResponseId?: string,
  ): APIMessageInteractionMetadata {
    const interaction = record.payload;
    const base = {
      id: interaction.id,
      user: interactionUser(interaction),
      authorizing_integration_owners: interaction.authorizing_integration_owners,
      ...(originalResponseId ? { original_response_message_id: originalResponseId } : {}),
    };
    if (interaction.type === InteractionType.MessageComponent) {
      return {
        ...base,
        type: InteractionType.MessageComponent,
        interacted_message_id: interaction.message.id,
      };
    }
    return { ...base, type: InteractionType.ApplicationCommand } as APIMessageInteractionMetadata;
  }

  private followUp(request: RestRequest): RestReply {
    const record = this.webhookInteraction(request);
    throwIfIssues(messageIssues(request.body));
    const body = request.body as Record<string, unknown>;
    const original = record.originalMessageId ? this.messages.get(record.originalMessageId) : undefined;
    let message: StoredMessage;
    if (original !== undefined && (numberOr(original.flags, 0) & MessageFlags.Loading) !== 0) {
      // Discord turns the first follow-up after a deferred reply into that reply (ephemeral or not,
      // as the deferral said), rather than posting a second message.
      this.applyEdit(original, body);
      message = original;
    } else {
      message = {
        ...this.botMessage(record.channelId, body),
        flags: numberOr(body.flags, 0) & SENDABLE_FLAGS,
        type: original ? MessageType.Reply : responseMessageType(record.payload),
        webhook_id: this.applicationId,
        application_id: this.applicationId,
        interaction_metadata: this.interactionMetadata(record, original?.id),
        ...(original ? this.replyReference(original.id) : {}),
      };
      this.storeBotMessage(message);
    }
    record.followUpIds.push(message.id);
    record.followUps.push(structuredClone(message));
    if (request.query.wait === 'false') return { status: 204 };
    return { status: 200, body: publicMessage(message) };
  }

  private webhookMessage(request: RestRequest): APIMessage {
    const record = this.webhookInteraction(request);
    return publicMessage(this.webhookTarget(record, request.params.message ?? ''));
  }

  private editWebhookMessage(request: RestRequest): APIMessage {
    const record = this.webhookInteraction(request);
    const target = this.webhookTarget(record, request.params.message ?? '');
    throwIfIssues(messageIssues(request.body, { edit: true }));
    this.applyEdit(target, isRecord(request.body) ? request.body : {});
    record.edits.push(structuredClone(target));
    return publicMessage(target);
  }

  private deleteWebhookMessage(request: RestRequest): RestReply {
    const record = this.webhookInteraction(request);
    this.deleteMessage(this.webhookTarget(record, request.params.message ?? ''));
    return { status: 204 };
  }

  /** The interaction a webhook call belongs to; it must have been acknowledged first. */
  private webhookInteraction(request: RestRequest): InteractionRecord {
    const record = this.interactionsByToken.get(request.params.token ?? '');
    if (record === undefined || request.params.app !== this.applicationId) {
      throw new DiscordError(404, { code: 10015, message: 'Unknown Webhook' }, [
        'no interaction has this token',
      ]);
    }
    if (!record.acknowledged) {
      throw new DiscordError(404, { code: 10015, message: 'Unknown Webhook' }, [
        `${record.label} was never acknowledged, so it has no webhook`,
      ]);
    }
    return record;
  }

  /** The live stored message `@original` or an id refers to, if it belongs to the interaction. */
  private webhookTarget(record: InteractionRecord, messageId: string): StoredMessage {
    const id = messageId === '@original' ? record.originalMessageId : messageId;
    const belongs = id !== undefined && (id === record.originalMessageId || record.followUpIds.includes(id));
    const message = belongs ? this.messages.get(id) : undefined;
    if (message === undefined) {
      throw new DiscordError(404, { code: 10008, message: 'Unknown Message' }, [
        `${record.label} has no message ${messageId}`,
      ]);
    }
    return message;
  }

  // -------------------------------------------------------------------------------------------------
  // REST: channels and channel messages

  private getChannel(request: RestRequest): APITextChannel {
    const channel = this.channelForBot(request.params.channel ?? '', 0n);
    return { ...channel, guild_id: this.guildOf(channel.id).id };
  }

  private createChannelMessage(request: RestRequest): APIMessage {
    const channel = this.channelForBot(request.params.channel ?? '', P.SendMessages);
    throwIfIssues(messageIssues(request.body));
    const body = request.body as Record<string, unknown>;
    const reference = this.channelReplyReference(channel.id, body.message_reference);
    const message: StoredMessage = {
      ...this.botMessage(channel.id, body),
      flags: numberOr(body.flags, 0) & (MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications),
      ...(reference === undefined ? {} : { type: MessageType.Reply, ...this.replyReference(reference) }),
    };
    this.storeBotMessage(message);
    this.channelMessages.push(structuredClone(message));
    return publicMessage(message);
  }

  /** The referenced message id of a channel reply, after Discord's checks; undefined if not a reply. */
  private channelReplyReference(channelId: string, reference: unknown): string | undefined {
    if (!isRecord(reference)) return undefined;
    if ((this.botPermissions(channelId) & P.ReadMessageHistory) === 0n) {
      throw new DiscordError(403, { code: 50013, message: 'Missing Permissions' }, [
        'replying needs ReadMessageHistory',
      ]);
    }
    const id = typeof reference.message_id === 'string' ? reference.message_id : '';
    if (this.messages.get(id)?.channel_id === (reference.channel_id ?? channelId)) return id;
    if (reference.fail_if_not_exists === false) return undefined;
    throwIfIssues([
      { path: ['message_reference'], code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' },
    ]);
    return undefined;
  }

  private getChannelMessage(request: RestRequest): APIMessage {
    const channel = this.channelForBot(request.params.channel ?? '', P.ReadMessageHistory);
    return publicMessage(this.channelMessage(channel.id, request.params.message ?? ''));
  }

  private editChannelMessage(request: RestRequest): APIMessage {
    const channel = this.channelForBot(request.params.channel ?? '', 0n);
    const message = this.channelMessage(channel.id, request.params.message ?? '');
    if (message.author.id !== this.botUser.id) {
      throw new DiscordError(403, { code: 50005, message: 'Cannot edit a message authored by another user' });
    }
    throwIfIssues(messageIssues(request.body, { edit: true }));
    this.applyEdit(message, isRecord(request.body) ? request.body : {});
    return publicMessage(message);
  }

  private deleteChannelMessage(request: RestRequest): RestReply {
    const channel = this.channelForBot(request.params.channel ?? '', 0n);
    const message = this.channelMessage(channel.id, request.params.message ?? '');
    if (
      message.author.id !== this.botUser.id &&
      (this.botPermissions(channel.id) & P.ManageMessages) === 0n
    ) {
      throw new DiscordError(403, { code: 50013, message: 'Missing Permissions' }, [
        "deleting others' messages needs ManageMessages",
      ]);
    }
    this.deleteMessage(message);
    return { status: 204 };
  }

  private typing(request: RestRequest): RestReply {
    this.channelForBot(request.params.channel ?? '', P.SendMessages);
    return { status: 204 };
  }

  /** A channel the bot can see and has `needed` in; Discord's 404/403 otherwise. */
  private channelForBot(channelId: string, needed: bigint): APITextChannel {
    const channel = this.guilds.flatMap((guild) => guild.channels).find((c) => c.id === channelId);
    if (channel === undefined) throw new DiscordError(404, { code: 10003, message: 'Unknown Channel' });
    const permissions = this.botPermissions(channelId);
    if ((permissions & P.ViewChannel) === 0n) {
      throw new DiscordError(403, { code: 50001, message: 'Missing Access' }, [
        `the bot cannot see #${channel.name}`,
      ]);
    }
    const missing = permissionNames(needed & ~permissions);
    if (missing.length) {
      throw new DiscordError(403, { code: 50013, message: 'Missing Permissions' }, [
        `the bot lacks ${missing.join(', ')} in #${channel.name}`,
      ]);
    }
    return channel;
  }

  private channelMessage(channelId: string, messageId: string): StoredMessage {
    const message = this.messages.get(messageId);
    if (message?.channel_id !== channelId)
      throw new DiscordError(404, { code: 10008, message: 'Unknown Message' });
    return message;
  }

  // -------------------------------------------------------------------------------------------------
  // Stored messages

  private baseMessage(channelId: string, author: APIUser, content: string): StoredMessage {
    return {
      id: snowflake(),
      channel_id: channelId,
      author,
      content,
      timestamp: discordTimestamp(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: MessageType.Default,
      flags: 0 as MessageFlags,
    };
  }

  /** A message from the bot built from a validated create payload. */
  private botMessage(channelId: string, body: Record<string, unknown>): StoredMessage {
    const message = this.baseMessage(
      channelId,
      this.botUser,
      typeof body.content === 'string' ? body.content : '',
    );
    message.embeds = normalizeEmbeds(body.embeds);
    message.components = (body.components ?? []) as APIMessageTopLevelComponent[];
    if ('allowed_mentions' in body) message.allowed_mentions_sent = structuredClone(body.allowed_mentions);
    return message;
  }

  /** `message_reference` + `referenced_message` for a reply to a stored message. */
  private replyReference(messageId: string): Pick<APIMessage, 'message_reference' | 'referenced_message'> {
    const referenced = this.messages.get(messageId);
    if (referenced === undefined) return {};
    return {
      message_reference: {
        type: 0,
        message_id: referenced.id,
        channel_id: referenced.channel_id,
        guild_id: this.guildOf(referenced.channel_id).id,
      },
      referenced_message: publicMessage({ ...referenced, referenced_message: null }),
    };
  }

  /** Stores a new bot message and, unless ephemeral, echoes it on the gateway as Discord does. */
  private storeBotMessage(message: StoredMessage): void {
    this.messages.set(message.id, message);
    if ((numberOr(message.flags, 0) & MessageFlags.Ephemeral) === 0) {
      const guildId = this.guildOf(message.channel_id).id;
      const member = withoutUser(this.memberOf(this.guildOf(message.channel_id), this.botUser));
      this.dispatch(
        'MESSAGE_CREATE',
        { ...publicMessage(message), guild_id: guildId, member },
        GatewayIntentBits.GuildMessages,
      );
    }
  }

  /**
   * Applies an edit payload the way Discord merges it (only the fields sent change), refusing an edit
   * that would leave the message empty before anything changes.
   */
  private applyEdit(message: StoredMessage, body: Record<string, unknown>): void {
    const flags = numberOr(message.flags, 0);
    const next = structuredClone(message);
    if ('content' in body) next.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) next.embeds = normalizeEmbeds(body.embeds);
    if ('components' in body) next.components = (body.components ?? []) as APIMessageTopLevelComponent[];
    if ('allowed_mentions' in body) next.allowed_mentions_sent = structuredClone(body.allowed_mentions);
    // Only SUPPRESS_EMBEDS can change on an edit; filling in a deferred reply clears LOADING.
    const suppress = numberOr(body.flags, flags) & MessageFlags.SuppressEmbeds;
    next.flags = (flags & ~(MessageFlags.Loading | MessageFlags.SuppressEmbeds)) | suppress;
    if (isEmptyMessage(next)) {
      throwIfIssues([{ path: [], code: 'MESSAGE_EMPTY', message: 'Cannot send an empty message' }]);
    }
    // Filling in a deferred reply is its first appearance, not an edit.
    next.edited_timestamp = flags & MessageFlags.Loading ? null : discordTimestamp();
    Object.assign(message, next);
    if ((next.flags & MessageFlags.Ephemeral) === 0) {
      const guildId = this.guildOf(message.channel_id).id;
      this.dispatch(
        'MESSAGE_UPDATE',
        { ...publicMessage(message), guild_id: guildId },
        GatewayIntentBits.GuildMessages,
      );
    }
  }

  private deleteMessage(message: StoredMessage): void {
    this.messages.delete(message.id);
    if ((numberOr(message.flags, 0) & MessageFlags.Ephemeral) === 0) {
      const data = {
        id: message.id,
        channel_id: message.channel_id,
        guild_id: this.guildOf(message.channel_id).id,
      };
      this.dispatch('MESSAGE_DELETE', data, GatewayIntentBits.GuildMessages);
    }
  }

  private requireMessage(id: string): StoredMessage {
    const message = this.messages.get(id);
    if (message === undefined) throw new Error(`FakeDiscord has no message ${id} (never sent, or deleted)`);
    return structuredClone(message);
  }

  // -------------------------------------------------------------------------------------------------
  // Interaction payloads

  /** Fields every guild interaction has: ids, token, guild, channel, member, permissions, locale. */
  private interactionBase(type: InteractionType, ctx: ActorContext) {
    const channel = this.channel(ctx.channelId ?? this.guild.channels[0]?.id ?? '');
    const guild = this.guildOf(channel.id);
    const invoker = ctx.user ?? this.users.moderator;
    const member = this.memberOf(guild, invoker);
    const permissions = ctx.permissions ?? channelPermissions(guild, channel, member);
    const interactionMember: APIInteractionGuildMember = {
      ...member,
      user: invoker,
      permissions: String(permissions),
    };
    return {
      id: snowflake(),
      application_id: this.applicationId,
      type,
      token: interactionToken(),
      version: 1 as const,
      guild_id: guild.id,
      guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
      channel: { ...channel, guild_id: guild.id },
      channel_id: channel.id,
      member: interactionMember,
      app_permissions: String(this.botPermissions(channel.id)),
      locale: ctx.locale ?? Locale.EnglishUS,
      guild_locale: Locale.EnglishUS,
      entitlements: [],
      authorizing_integration_owners: { '0': guild.id },
      context: 0,
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    };
  }

  private async dispatchComponent(
    message: StoredMessage,
    data: APIMessageButtonInteractionData | APIMessageStringSelectInteractionData,
    label: string,
    ctx: ActorContext,
  ): Promise<InteractionHandle> {
    const payload = {
      ...this.interactionBase(InteractionType.MessageComponent, { ...ctx, channelId: message.channel_id }),
      message: publicMessage(message),
      data,
    } as APIMessageComponentGuildInteraction;
    return this.dispatchInteraction(payload, label);
  }

  private async dispatchInteraction(payload: APIInteraction, label: string): Promise<InteractionHandle> {
    await this.requireClient();
    const record: InteractionRecord = {
      payload,
      label,
      channelId: payload.channel?.id ?? '',
      dispatchedAt: Date.now(),
      acknowledged: false,
      followUpIds: [],
      callbacks: new Inbox(),
      edits: new Inbox(),
      followUps: new Inbox(),
      rejections: [],
    };
    this.interactions.set(payload.id, record);
    this.interactionsByToken.set(payload.token, record);
    this.dispatch('INTERACTION_CREATE', payload);
    return new InteractionHandle(record, this);
  }

  private findCommand(
    name: string,
    type: ApplicationCommandType,
    ctx: ActorContext,
  ): APIApplicationCommand | undefined {
    const guildId = this.guildOf(ctx.channelId ?? this.guild.channels[0]?.id ?? '').id;
    const candidates = [...(this.commands.get(guildId) ?? []), ...(this.commands.get('global') ?? [])];
    return candidates.find((command) => command.name === name && command.type === type);
  }

  /** Builds the leaf options of a command invocation, typed from the registration when there is one. */
  private commandOptions(
    command: APIApplicationCommand | undefined,
    path: string[],
    values: Record<string, OptionValue>,
    resolved: Record<string, APIInteractionDataResolvedChannel>,
    { checkRequired }: { checkRequired: boolean },
  ): LeafOption[] {
    const declared = declaredOptions(command, path);
    if (declared !== undefined) {
      const label = [command?.name, ...path].join(' ');
      const unknown = Object.keys(values).filter((name) => !declared.some((option) => option.name === name));
      if (unknown.length) throw new Error(`/${label} has no option ${unknown.join(', ')}`);
      const missing = declared.filter(
        (option) => 'required' in option && option.required && !(option.name in values),
      );
      if (checkRequired && missing.length) {
        throw new Error(`/${label} needs option ${missing.map((o) => o.name).join(', ')}`);
      }
    }
    return Object.entries(values).map(([name, value]) => {
      const type = declared?.find((option) => option.name === name)?.type ?? inferOptionType(value);
      if (type === ApplicationCommandOptionType.Channel) {
        const channel = this.channel(typeof value === 'object' ? value.channel : String(value));
        resolved[channel.id] = this.resolvedChannel(channel);
        return { name, type, value: channel.id };
      }
      return { name, type, value: typeof value === 'object' ? value.channel : value };
    });
  }

  private resolvedChannel(channel: APITextChannel): APIInteractionDataResolvedChannel {
    const guild = this.guildOf(channel.id);
    const permissions = channelPermissions(guild, channel, this.memberOf(guild, this.users.moderator));
    return {
      id: channel.id,
      name: channel.name,
      type: ChannelType.GuildText,
      permissions: String(permissions),
      app_permissions: String(this.botPermissions(channel.id)),
    };
  }

  // -------------------------------------------------------------------------------------------------
  // Gateway

  private onGatewayConnection(socket: WebSocket, request: IncomingMessage): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    this.connections.push({
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      resume: url.pathname === RESUME_PATH,
    });
    const connection: GatewayConnection = { socket, droppedByServer: false };
    if (this.closed) {
      socket.terminate();
      return;
    }
    this.sockets.add(connection);
    socket.on('close', (code) => this.onGatewayClose(connection, code));
    // A client vanishing mid-frame is the client's business; without a listener `ws` would throw.
    socket.on('error', () => {});
    if (url.searchParams.get('v') !== '10') {
      socket.close(4012, 'Invalid API version');
    } else if (url.searchParams.get('encoding') !== 'json') {
      socket.close(4002, 'Decode error');
    } else {
      socket.on('message', (raw) => this.onGatewayMessage(connection, raw));
      this.sendRaw(connection, {
        op: GatewayOpcodes.Hello,
        d: { heartbeat_interval: this.heartbeatIntervalMs },
      });
    }
  }

  private onGatewayClose(connection: GatewayConnection, code: number): void {
    this.sockets.delete(connection);
    const session = connection.session;
    if (session === undefined || session.connection !== connection) return;
    session.connection = undefined;
    // A client that closes with 1000/1001 ends its session; any other close leaves it resumable.
    if (!connection.droppedByServer && (code === 1000 || code === 1001)) this.sessions.delete(session.id);
  }

  private onGatewayMessage(connection: GatewayConnection, raw: RawData): void {
    const payload = parseJson(raw.toString());
    if (!isRecord(payload) || typeof payload.op !== 'number') {
      connection.socket.close(4002, 'Decode error');
      return;
    }
    const d = isRecord(payload.d) ? payload.d : {};
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.onHeartbeat(connection, payload.d);
        break;
      case GatewayOpcodes.Identify:
        this.onIdentify(connection, d);
        break;
      case GatewayOpcodes.Resume:
        this.onResume(connection, d);
        break;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (connection.session === undefined) connection.socket.close(4003, 'Not authenticated.');
        else this.gatewayReceived.push({ op: payload.op, d: payload.d });
        break;
      default:
        connection.socket.close(4001, 'Unknown opcode.');
    }
  }

  private onHeartbeat(connection: GatewayConnection, d: unknown): void {
    const acked = this.ackHeartbeats;
    this.heartbeats.push({ seq: typeof d === 'number' ? d : null, acked });
    if (acked) this.sendRaw(connection, { op: GatewayOpcodes.HeartbeatAck });
  }

  private onIdentify(connection: GatewayConnection, d: Record<string, unknown>): void {
    this.identifies.push(d);
    const refusal = this.identifyRefusal(connection, d);
    if (refusal !== undefined) {
      connection.socket.close(...refusal);
      return;
    }
    const session = new GatewaySession(randomBytes(16).toString('hex'), Number(d.intents));
    this.sessions.set(session.id, session);
    this.attach(connection, session);
    this.sendDispatch(session, 'READY', this.readyData(session, d.shard));
    // GUILD_CREATE is sent for the initial guilds whatever the intents; later guild events need Guilds.
    for (const guild of this.guilds) this.sendDispatch(session, 'GUILD_CREATE', this.guildCreateData(guild));
    this.identified$.push({ sessionId: session.id, intents: session.intents });
  }

  /** The close code and reason Discord would answer this IDENTIFY with, if any. */
  private identifyRefusal(
    connection: GatewayConnection,
    d: Record<string, unknown>,
  ): [number, string] | undefined {
    if (connection.session !== undefined) return [4005, 'Already authenticated.'];
    if (d.token !== this.token) return [4004, 'Authentication failed.'];
    if (typeof d.intents !== 'number') return [4013, 'Invalid intent(s).'];
    return undefined;
  }

  private onResume(connection: GatewayConnection, d: Record<string, unknown>): void {
    if (connection.session !== undefined) {
      connection.socket.close(4005, 'Already authenticated.');
      return;
    }
    const session = this.sessions.get(String(d.session_id));
    if (session === undefined || d.token !== this.token) {
      this.sendRaw(connection, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    const seq = numberOr(d.seq, 0);
    session.connection?.socket.close(4000, 'Session resumed elsewhere');
    this.attach(connection, session);
    const missed = session.history.filter((dispatch) => dispatch.s > seq);
    for (const dispatch of missed) this.sendRaw(connection, dispatch);
    this.sendDispatch(session, 'RESUMED', { _trace: ['["fake-discord",{"micros":0}]'] });
    this.resumes.push({ sessionId: session.id, seq, replayed: missed.length });
  }

  private attach(connection: GatewayConnection, session: GatewaySession): void {
    connection.session = session;
    session.connection = connection;
  }

  private readyData(session: GatewaySession, shard: unknown): GatewayReadyDispatchData {
    return {
      v: 10,
      user: { ...this.botUser, verified: true, mfa_enabled: false, email: null },
      guilds: this.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.resumeGatewayUrl,
      ...(Array.isArray(shard) ? { shard: shard as [number, number] } : {}),
      // Discord sends only id and flags here; discord-api-types also demands flags_new.
      application: {
        id: this.applicationId,
        flags: APPLICATION_FLAGS,
      } as GatewayReadyDispatchData['application'],
    };
  }

  private guildCreateData(guild: FakeGuild): GatewayGuildCreateDispatchData {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 1,
      default_message_notifications: 1,
      explicit_content_filter: 2,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: Locale.EnglishUS,
      features: [],
      roles: guild.roles,
      emojis: [],
      stickers: [],
      application_id: null,
      system_channel_id: guild.channels[0]?.id ?? null,
      system_channel_flags: 0 as GuildSystemChannelFlags,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      hub_type: null,
      incidents_data: null,
      max_members: 500_000,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      joined_at: discordTimestamp(),
      large: false,
      unavailable: false,
      member_count: guild.members.size,
      members: [...guild.members.values()],
      channels: guild.channels,
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private sendDispatch(session: GatewaySession, event: string, d: unknown): void {
    session.seq += 1;
    const dispatch: GatewayDispatch = { op: GatewayOpcodes.Dispatch, t: event, s: session.seq, d };
    session.history.push(dispatch);
    // Without a live connection the dispatch waits in the history for a RESUME to replay it.
    if (session.connection) this.sendRaw(session.connection, dispatch);
  }

  private sendToSockets(payload: unknown): void {
    for (const connection of this.sockets) this.sendRaw(connection, payload);
  }

  private sendRaw(connection: GatewayConnection, payload: unknown): void {
    if (connection.socket.readyState === WebSocket.OPEN) connection.socket.send(JSON.stringify(payload));
  }

  /** Waits for an identified client, so a test cannot dispatch into the void. */
  private async requireClient(): Promise<void> {
    if (this.closed) throw new Error('FakeDiscord is closed');
    await this.identified().catch(() => {
      throw new Error(
        'No discord.js client has identified with the fake; call client.login(fake.token) first',
      );
    });
  }

  // -------------------------------------------------------------------------------------------------
  // Guild lookups

  private guildOf(channelId: string): FakeGuild {
    const guild = this.guilds.find((g) => g.channels.some((channel) => channel.id === channelId));
    if (guild === undefined) throw new Error(`FakeDiscord has no channel ${channelId}`);
    return guild;
  }

  private memberOf(guild: FakeGuild, who: APIUser): APIGuildMember {
    const member = guild.members.get(who.id);
    if (member === undefined) throw new Error(`${who.username} is not a member of ${guild.name}`);
    return member;
  }
}

// ===================================================================================================
// Waiting for things the bot does

interface Waiter<T> {
  match: (item: T) => boolean;
  consume: boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
}

/**
 * A list of things that happened plus waiters for the next matching one. An item that arrived before
 * anyone waited still satisfies the wait, so tests never race the bot. A consuming wait marks its item
 * so that the next consuming wait gets a later one.
 */
class Inbox<T> {
  private readonly items: T[] = [];
  private readonly consumed = new Set<number>();
  private readonly waiters = new Set<Waiter<T>>();
  private closed = false;

  get all(): readonly T[] {
    return this.items;
  }

  push(item: T): void {
    const index = this.items.push(item) - 1;
    for (const waiter of this.waiters) {
      if (this.consumed.has(index) || !waiter.match(item)) continue;
      if (waiter.consume) this.consumed.add(index);
      waiter.resolve(item);
    }
  }

  wait(
    match: (item: T) => boolean,
    options: { consume: boolean; timeoutMs: number; what: () => string },
  ): Promise<T> {
    const index = this.items.findIndex((item, i) => !this.consumed.has(i) && match(item));
    if (index >= 0) {
      if (options.consume) this.consumed.add(index);
      return Promise.resolve(this.items[index] as T);
    }
    if (this.closed)
      return Promise.reject(new Error(`FakeDiscord closed while waiting for ${options.what()}`));
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        match,
        consume: options.consume,
        resolve: (item) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(item);
        },
        reject: (error) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(error);
        },
      };
      const timer = setTimeout(
        () =>
          waiter.reject(new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what()}`)),
        options.timeoutMs,
      );
      this.waiters.add(waiter);
    });
  }

  close(): void {
    this.closed = true;
    for (const waiter of this.waiters)
      waiter.reject(new Error('FakeDiscord closed while a test was waiting'));
  }
}

// ===================================================================================================
// Guild model and permissions

const DEFAULT_GUILD: GuildSpec = {
  name: 'Summit Test Guild',
  channels: [{ name: 'general' }, { name: 'announcements', botCanSend: false }],
};

function buildGuild(spec: GuildSpec, bot: APIUser, users: FakeDiscord['users']): FakeGuild {
  const id = snowflake();
  const botRoleId = snowflake();
  const moderatorRoleId = snowflake();
  const roles = [
    role(id, '@everyone', 0, EVERYONE_PERMISSIONS),
    { ...role(botRoleId, bot.username, 1, BOT_ROLE_PERMISSIONS), managed: true, tags: { bot_id: bot.id } },
    { ...role(moderatorRoleId, 'Moderator', 2, MODERATOR_PERMISSIONS), hoist: true },
  ];
  const members = new Map<string, APIGuildMember>([
    [bot.id, member(bot, [botRoleId])],
    [users.member.id, member(users.member, [])],
    [users.moderator.id, member(users.moderator, [moderatorRoleId])],
    [users.owner.id, member(users.owner, [])],
  ]);
  const channels = (spec.channels ?? DEFAULT_GUILD.channels ?? []).map((channel, position) =>
    textChannel(channel, position, { everyone: id, bot: botRoleId, moderator: moderatorRoleId }),
  );
  return {
    id,
    name: spec.name ?? 'Summit Test Guild',
    ownerId: users.owner.id,
    roles,
    everyoneRoleId: id,
    botRoleId,
    moderatorRoleId,
    channels,
    members,
  };
}

function role(id: string, name: string, position: number, permissions: bigint): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: String(permissions),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

function textChannel(
  spec: ChannelSpec,
  position: number,
  roles: { everyone: string; bot: string; moderator: string },
): APITextChannel {
  const overwrites: APIOverwrite[] = [];
  if (spec.botCanSend === false) {
    overwrites.push({
      id: roles.everyone,
      type: OverwriteType.Role,
      allow: '0',
      deny: String(P.SendMessages),
    });
    overwrites.push({
      id: roles.moderator,
      type: OverwriteType.Role,
      allow: String(P.SendMessages),
      deny: '0',
    });
  }
  if (spec.botCanView === false) {
    overwrites.push({ id: roles.bot, type: OverwriteType.Role, allow: '0', deny: String(P.ViewChannel) });
  }
  return {
    id: snowflake(),
    type: ChannelType.GuildText,
    name: spec.name,
    position,
    permission_overwrites: overwrites,
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0 as ChannelFlags,
  };
}

function user(id: string, username: string, extra: Partial<APIUser> = {}): APIUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: extra.bot ? null : username.replace(/_/g, ' '),
    avatar: null,
    public_flags: 0,
    flags: 0,
    ...extra,
  } as APIUser;
}

function member(who: APIUser, roles: string[]): APIGuildMember {
  return {
    user: who,
    nick: null,
    avatar: null,
    banner: null,
    roles,
    joined_at: discordTimestamp(Date.now() - 86_400_000),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

function withoutUser(guildMember: APIGuildMember): Omit<APIGuildMember, 'user'> {
  const { user: _user, ...rest } = guildMember;
  return rest;
}

/** Discord's permission algorithm: base (roles, owner, admin), then @everyone, role and member overwrites. */
function channelPermissions(guild: FakeGuild, channel: APITextChannel, who: APIGuildMember): bigint {
  if (who.user.id === guild.ownerId) return ALL_PERMISSIONS;
  let permissions = 0n;
  for (const r of guild.roles) {
    if (r.id === guild.everyoneRoleId || who.roles.includes(r.id)) permissions |= BigInt(r.permissions);
  }
  if (permissions & P.Administrator) return ALL_PERMISSIONS;
  const overwrites = channel.permission_overwrites ?? [];
  const apply = (allow: bigint, deny: bigint) => {
    permissions = (permissions & ~deny) | allow;
  };
  const everyone = overwrites.find((o) => o.id === guild.everyoneRoleId);
  if (everyone) apply(BigInt(everyone.allow), BigInt(everyone.deny));
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === OverwriteType.Role && o.id !== guild.everyoneRoleId && who.roles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  apply(allow, deny);
  const own = overwrites.find((o) => o.type === OverwriteType.Member && o.id === who.user.id);
  if (own) apply(BigInt(own.allow), BigInt(own.deny));
  return permissions;
}

function permissionNames(bits: bigint): string[] {
  return Object.entries(P)
    .filter(([, bit]) => bits & bit)
    .map(([name]) => name);
}

// ===================================================================================================
// Small helpers

const DISCORD_EPOCH = 1_420_070_400_000n;
let snowflakeIncrement = 0n;

/** A fresh snowflake for now; the increment keeps ids made in the same millisecond distinct. */
export function snowflake(at = Date.now()): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | snowflakeIncrement).toString();
}

/** Discord's timestamp format: ISO 8601 with microseconds and an explicit offset. */
function discordTimestamp(at = Date.now()): string {
  return new Date(at).toISOString().replace(/Z$/, '000+00:00');
}

function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(72).toString('base64url')}`;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The message as Discord serves it: without the fake's bookkeeping. */
function publicMessage(message: StoredMessage): APIMessage {
  const { allowed_mentions_sent: _sent, ...rest } = message;
  return structuredClone(rest);
}

/** Discord fills in `type: 'rich'` on embeds a bot sends. */
function normalizeEmbeds(embeds: unknown): APIEmbed[] {
  if (!Array.isArray(embeds)) return [];
  return embeds.map((embed) => ({ type: 'rich', ...(embed as APIEmbed) }) as APIEmbed);
}

function mentionedIds(content: string, prefix: string): string[] {
  return [...content.matchAll(new RegExp(`<${prefix}(\\d+)>`, 'g'))].flatMap((match) =>
    match[1] ? [match[1]] : [],
  );
}

function interactionUser(interaction: APIInteraction): APIUser {
  const found = interaction.member?.user ?? interaction.user;
  if (found === undefined) throw new Error('interaction without a user');
  return found;
}

/** The message type Discord gives an interaction's response. */
function responseMessageType(interaction: APIInteraction): MessageType {
  if (interaction.type === InteractionType.ApplicationCommand) {
    return interaction.data.type === ApplicationCommandType.ChatInput
      ? MessageType.ChatInputCommand
      : MessageType.ContextMenuCommand;
  }
  // Answers to components show as replies to the message the component is on.
  return interaction.type === InteractionType.MessageComponent ? MessageType.Reply : MessageType.Default;
}

/** The deprecated `interaction` field, still sent by Discord on command responses. */
function legacyInteraction(interaction: APIInteraction): Pick<APIMessage, 'interaction'> {
  if (interaction.type !== InteractionType.ApplicationCommand) return {};
  return {
    interaction: {
      id: interaction.id,
      type: interaction.type,
      name: interaction.data.name,
      user: interactionUser(interaction),
    },
  };
}

function parseCallback(body: unknown): InteractionCallback {
  if (!isRecord(body) || typeof body.type !== 'number') {
    throwIfIssues([{ path: ['type'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
  }
  const { type, data } = body as { type: InteractionResponseType; data?: unknown };
  return isRecord(data) ? { type, data } : { type };
}

function throwIfIssues(issues: Issue[]): void {
  if (issues.length === 0) return;
  throw new DiscordError(400, invalidFormBody(issues), issues.map(formatIssue));
}

function unknownInteraction(reason: string): DiscordError {
  return new DiscordError(404, { code: 10062, message: 'Unknown interaction' }, [reason]);
}

/** The options a command (or its sub-command at `path`) declares; undefined when unregistered. */
function declaredOptions(
  command: APIApplicationCommand | undefined,
  path: string[],
): APIApplicationCommandOption[] | undefined {
  if (command === undefined) return undefined;
  let options = command.options ?? [];
  for (const name of path) {
    const next = options.find((option) => option.name === name);
    if (
      next?.type !== ApplicationCommandOptionType.Subcommand &&
      next?.type !== ApplicationCommandOptionType.SubcommandGroup
    ) {
      throw new Error(`/${command.name} has no sub-command ${name}`);
    }
    options = (next.options ?? []) as APIApplicationCommandOption[];
  }
  return options;
}

/** An option with a value, as in a command invocation (`focused` only in autocomplete). */
interface LeafOption {
  name: string;
  type: ApplicationCommandOptionType;
  value: string | number | boolean;
  focused?: boolean;
}

/** Nests leaf options under their sub-command (and group), as Discord sends them. */
function wrapSubcommand(path: string[], leaf: LeafOption[]): APIApplicationCommandInteractionDataOption[] {
  let options = leaf as APIApplicationCommandInteractionDataOption[];
  for (let depth = path.length - 1; depth >= 0; depth -= 1) {
    const isGroup = depth < path.length - 1;
    const type = isGroup
      ? ApplicationCommandOptionType.SubcommandGroup
      : ApplicationCommandOptionType.Subcommand;
    options = [{ name: path[depth] ?? '', type, options } as APIApplicationCommandInteractionDataOption];
  }
  return options;
}

function inferOptionType(value: OptionValue): ApplicationCommandOptionType {
  if (typeof value === 'object') return ApplicationCommandOptionType.Channel;
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
  }
  return ApplicationCommandOptionType.String;
}

interface FoundComponent {
  type: ComponentType;
  disabled?: boolean;
  options: { value: string }[];
  min_values?: number;
  max_values?: number;
}

/** The button or select with `customId` in a message's action rows. */
function findComponent(message: APIMessage, customId: string): FoundComponent | undefined {
  for (const row of message.components ?? []) {
    if (!('components' in row)) continue;
    for (const component of row.components as unknown[]) {
      if (isRecord(component) && component.custom_id === customId) {
        const options = Array.isArray(component.options) ? (component.options as { value: string }[]) : [];
        return { ...(component as unknown as FoundComponent), options };
      }
    }
  }
  return undefined;
}

function customIds(message: APIMessage): string[] {
  return (message.components ?? []).flatMap((row) =>
    'components' in row
      ? (row.components as unknown[]).flatMap((c) =>
          isRecord(c) && typeof c.custom_id === 'string' ? [c.custom_id] : [],
        )
      : [],
  );
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON bodies are parsed; a multipart body is kept as a marker string so the route can refuse it. */
function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  if (contentType?.startsWith('multipart/')) return `multipart: ${contentType}`;
  return parseJson(raw) ?? raw;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
