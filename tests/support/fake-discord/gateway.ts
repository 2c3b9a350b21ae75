/**
 * The gateway websocket: connections and resumable sessions, HELLO, IDENTIFY (answered with READY and
 * every GUILD_CREATE), RESUME with replay of missed dispatches, heartbeats, and dispatches. A session
 * that identified as a shard receives only the events of the guilds Discord routes to that shard.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { isRecord } from '../discord-limits.js';
import { guildCreateData, readyData } from './gateway-payloads.js';
import { shardOfGuild } from './ids.js';
import { Inbox } from './inbox.js';
import type { FakeDiscord } from './index.js';
import { numberOr, parseJson } from './json-http.js';
import type { GatewaySessionInfo, ResumeRecord } from './types.js';

export const RESUME_PATH = '/resume';

interface GatewayDispatch {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

/** A dispatch as a session keeps it for replay, and what to do each time it reaches the client. */
interface KeptDispatch {
  frame: GatewayDispatch;
  onDelivered?: () => void;
}

/** A gateway session: survives dropped connections until the client closes it normally. */
class GatewaySession {
  seq = 0;
  readonly history: KeptDispatch[] = [];
  connection: GatewayConnection | undefined;

  constructor(
    readonly id: string,
    readonly intents: number,
    /** `[shard_id, num_shards]`: which guilds' events this session receives. */
    readonly shard: [number, number],
  ) {}

  hasIntent(intent: GatewayIntentBits): boolean {
    return (this.intents & intent) !== 0;
  }

  /** Whether this session's shard receives a guild's events; events outside guilds go to shard 0. */
  serves(guildId: string | undefined): boolean {
    const [id, count] = this.shard;
    return guildId === undefined ? id === 0 : shardOfGuild(guildId, count) === id;
  }
}

/** The guild a dispatch is about, if any. */
const guildIdOf = (data: unknown) =>
  isRecord(data) && typeof data.guild_id === 'string' ? data.guild_id : undefined;

/** IDENTIFY's `shard`, when it is a valid `[shard_id, num_shards]`. */
function identifyShard(value: unknown): [number, number] | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return undefined;
  const [shard, shards] = [id as number, count as number];
  return shards >= 1 && shard >= 0 && shard < shards ? [shard, shards] : undefined;
}

interface GatewayConnection {
  socket: WebSocket;
  session?: GatewaySession;
  /** Set when the fake closed the socket, so the session stays resumable whatever the close code. */
  droppedByServer: boolean;
  /** Cleared to make this connection a zombie: its heartbeats go unacknowledged. */
  acksHeartbeats: boolean;
}

export class Gateway {
  /** Set once the fake closes; a connection made after that is terminated at once. */
  closed = false;
  ackHeartbeats = true;
  readonly identified = new Inbox<GatewaySessionInfo>();
  readonly resumes = new Inbox<ResumeRecord>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<GatewayConnection>();
  private readonly sessions = new Map<string, GatewaySession>();
  /** While set, new connections wait here for their HELLO. */
  private heldHellos: (() => void)[] | undefined;

  constructor(private readonly fake: FakeDiscord) {}

  onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== '/' && path !== RESUME_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.onGatewayConnection(ws, request));
  }

  /** `onDelivered` runs each time the dispatch is written to a client: at once, or when replayed. */
  dispatch(event: string, data: unknown, intent?: GatewayIntentBits, onDelivered?: () => void): void {
    this.dispatchEach(event, () => data, intent, onDelivered);
  }

  /** Like `dispatch`, with the data built per session (so that its intents can shape it). */
  dispatchEach(
    event: string,
    build: (session: GatewaySession) => unknown,
    intent?: GatewayIntentBits,
    onDelivered?: () => void,
  ): void {
    for (const session of this.sessions.values()) {
      if (intent !== undefined && !session.hasIntent(intent)) continue;
      const data = build(session);
      if (session.serves(guildIdOf(data))) this.sendDispatch(session, event, data, onDelivered);
    }
  }

  /** Closes live sockets with a close frame, or (without a code) destroys them as a failing network would. */
  dropConnection(close?: { code: number; reason: string }): number {
    const live = [...this.sockets].filter((connection) => connection.socket.readyState === WebSocket.OPEN);
    for (const connection of live) {
      connection.droppedByServer = true;
      if (close === undefined) connection.socket.terminate();
      else connection.socket.close(close.code, close.reason);
    }
    return live.length;
  }

  /**
   * Op 9 ends the session's run on its connection; the client may RESUME (if resumable) or
   * IDENTIFY on it again. A session that cannot be resumed is forgotten with its unsent dispatches.
   */
  invalidateSession(resumable: boolean): void {
    this.sendToSockets({ op: GatewayOpcodes.InvalidSession, d: resumable });
    for (const session of this.sessions.values()) {
      if (session.connection) session.connection.session = undefined;
      session.connection = undefined;
    }
    if (!resumable) this.sessions.clear();
  }

  /** Stops acknowledging heartbeats on the live connections; new ones are acknowledged as usual. */
  zombify(): number {
    const live = [...this.sockets].filter((connection) => connection.socket.readyState === WebSocket.OPEN);
    for (const connection of live) connection.acksHeartbeats = false;
    return live.length;
  }

  /** New connections get no HELLO, so clients cannot come back, until the returned function is called. */
  holdConnections(): () => void {
    const held: (() => void)[] = [];
    this.heldHellos = held;
    return () => {
      if (this.heldHellos === held) this.heldHellos = undefined;
      for (const hello of held.splice(0)) hello();
    };
  }

  sendToSockets(payload: unknown): void {
    for (const connection of this.sockets) this.sendRaw(connection, payload);
  }

  close(): void {
    this.closed = true;
    for (const connection of this.sockets) connection.socket.terminate();
    this.wss.close();
  }

  private onGatewayConnection(socket: WebSocket, request: IncomingMessage): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    this.fake.connections.push({
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      resume: url.pathname === RESUME_PATH,
    });
    const connection: GatewayConnection = { socket, droppedByServer: false, acksHeartbeats: true };
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
      const hello = () =>
        this.sendRaw(connection, {
          op: GatewayOpcodes.Hello,
          d: { heartbeat_interval: this.fake.heartbeatIntervalMs },
        });
      if (this.heldHellos) this.heldHellos.push(hello);
      else hello();
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
        else this.fake.gatewayReceived.push({ op: payload.op, d: payload.d });
        break;
      default:
        connection.socket.close(4001, 'Unknown opcode.');
    }
  }

  private onHeartbeat(connection: GatewayConnection, d: unknown): void {
    const acked = this.ackHeartbeats && connection.acksHeartbeats;
    this.fake.heartbeats.push({ seq: typeof d === 'number' ? d : null, acked });
    if (acked) this.sendRaw(connection, { op: GatewayOpcodes.HeartbeatAck });
  }

  private onIdentify(connection: GatewayConnection, d: Record<string, unknown>): void {
    this.fake.identifies.push(d);
    const refusal = this.identifyRefusal(connection, d);
    if (refusal !== undefined) {
      connection.socket.close(...refusal);
      return;
    }
    const shard = identifyShard(d.shard);
    const session = new GatewaySession(randomBytes(16).toString('hex'), Number(d.intents), shard ?? [0, 1]);
    this.sessions.set(session.id, session);
    this.attach(connection, session);
    const guilds = this.fake.guilds.filter((guild) => session.serves(guild.id));
    this.sendDispatch(session, 'READY', readyData(this.fake, session.id, guilds, shard));
    // GUILD_CREATE is sent for the initial guilds whatever the intents; later guild events need Guilds.
    for (const guild of guilds) this.sendDispatch(session, 'GUILD_CREATE', guildCreateData(guild));
    this.identified.push({ sessionId: session.id, intents: session.intents, shard: session.shard });
  }

  /** The close code and reason Discord would answer this IDENTIFY with, if any. */
  private identifyRefusal(
    connection: GatewayConnection,
    d: Record<string, unknown>,
  ): [number, string] | undefined {
    if (connection.session !== undefined) return [4005, 'Already authenticated.'];
    if (d.token !== this.fake.token) return [4004, 'Authentication failed.'];
    if (typeof d.intents !== 'number') return [4013, 'Invalid intent(s).'];
    if (d.shard !== undefined && identifyShard(d.shard) === undefined) return [4010, 'Invalid shard.'];
    return undefined;
  }

  private onResume(connection: GatewayConnection, d: Record<string, unknown>): void {
    if (connection.session !== undefined) {
      connection.socket.close(4005, 'Already authenticated.');
      return;
    }
    const session = this.sessions.get(String(d.session_id));
    if (session === undefined || d.token !== this.fake.token) {
      this.sendRaw(connection, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    const seq = numberOr(d.seq, 0);
    session.connection?.socket.close(4000, 'Session resumed elsewhere');
    this.attach(connection, session);
    const missed = session.history.filter((kept) => kept.frame.s > seq);
    for (const kept of missed) this.deliver(connection, kept);
    this.sendDispatch(session, 'RESUMED', { _trace: ['["fake-discord",{"micros":0}]'] });
    this.resumes.push({ sessionId: session.id, seq, replayed: missed.length });
  }

  private attach(connection: GatewayConnection, session: GatewaySession): void {
    connection.session = session;
    session.connection = connection;
  }

  private sendDispatch(session: GatewaySession, event: string, d: unknown, onDelivered?: () => void): void {
    session.seq += 1;
    const kept: KeptDispatch = {
      frame: { op: GatewayOpcodes.Dispatch, t: event, s: session.seq, d },
      ...(onDelivered && { onDelivered }),
    };
    session.history.push(kept);
    // Without a live connection the dispatch waits in the history for a RESUME to replay it.
    if (session.connection) this.deliver(session.connection, kept);
  }

  private deliver(connection: GatewayConnection, kept: KeptDispatch): void {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    this.sendRaw(connection, kept.frame);
    kept.onDelivered?.();
  }

  private sendRaw(connection: GatewayConnection, payload: unknown): void {
    if (connection.socket.readyState === WebSocket.OPEN) connection.socket.send(JSON.stringify(payload));
  }
}
