/**
 * Cooldowns shared through PostgreSQL, end to end: two HTTP endpoint replicas behind a
 * round-robin load balancer (the relay) over the fake Discord, each with its own runtime as
 * `npm run serve` builds it, both on one real PostgreSQL server started for this file. A member
 * spreading uses over both is rationed as one; with the store down or slow, answers still go out
 * within Discord's window, each replica's memory rations, and /metrics counts the fallbacks. The
 * gateway bot rations through the same store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIUser } from 'discord.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCommand } from '../src/commands/registry.js';
import { type Runtime, startRuntime } from '../src/discord/runtime.js';
import type { HttpApp } from '../src/http/app.js';
import { createLogger } from '../src/ops/log.js';
import { LiveEngine } from '../src/reload/live-engine.js';
import { deployCommands, startTestBot, TOKEN } from './support/bot.js';
import { FakeDiscord } from './support/fake-discord/index.js';
import { HttpRelay, startEndpoint } from './support/http-relay.js';
import { newSigner } from './support/http-signing.js';
import { embedOf, isEphemeral, type MessageData, messageOf } from './support/messages.js';
import { hasPostgres, startPostgres, type TestPostgres } from './support/postgres.js';
import { KNOWLEDGE_DIR } from './support/summit.js';

const withPostgres = hasPostgres('shared-cooldowns.test.ts');
const HASH_KEY = 'a-shared-secret-for-every-replica';
/** /ask's ration: 5 uses in 10 s. */
const RATION = 5;
/** How long a replica leaves a failing store alone (PAUSE_MS in src/commands/cooldowns.ts). */
const PAUSE_MS = 5_000;

describe.skipIf(!withPostgres)('cooldowns shared by HTTP replicas through PostgreSQL', () => {
  const signer = newSigner();
  const dir = mkdtempSync(join(tmpdir(), 'summit-shared-cooldowns-'));
  const log = createLogger({ level: 'silent', secrets: [TOKEN] });
  const runtimes: Runtime[] = [];
  const servers: HttpApp[] = [];
  let db: TestPostgres;
  let fake: FakeDiscord;
  let relay: HttpRelay;

  /** A runtime as `npm start` and `npm run serve` build it, recording to the shared server. */
  function newRuntime(logger = log): Runtime {
    const runtime = startRuntime({
      live: new LiveEngine(KNOWLEDGE_DIR),
      log: logger,
      watch: false,
      recording: {
        enabled: true,
        hashKey: HASH_KEY,
        retentionDays: 90,
        queueCapacity: 1000,
        where: { databaseUrl: db.url, dataDir: dir },
      },
    });
    runtimes.push(runtime);
    return runtime;
  }

  /** A runtime whose store is open. */
  async function sharedRuntime(): Promise<Runtime> {
    const runtime = newRuntime();
    await runtime.deps.recorder?.start();
    return runtime;
  }

  async function replica(): Promise<string> {
    const runtime = await sharedRuntime();
    const { app, url } = await startEndpoint(fake, signer, runtime.deps);
    servers.push(app);
    return url;
  }

  beforeAll(async () => {
    db = await startPostgres();
    fake = await FakeDiscord.start({ token: TOKEN, log: () => {} });
    await deployCommands(fake, { DISCORD_GUILD_ID: fake.guild.id });
    relay = await HttpRelay.start(fake, [await replica(), await replica()], signer);
  }, 60_000);

  afterAll(async () => {
    relay?.close();
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all(runtimes.map((r) => r.closeRecord()));
    await fake?.close();
    db?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  /** `times` uses of /ask in a row by one member, as the load balancer spreads them. */
  async function spam(user: APIUser, times: number): Promise<MessageData[]> {
    const replies: MessageData[] = [];
    for (let i = 0; i < times; i++) {
      const asked = await fake.slash('ask', { question: 'When did they meet in Sochi?' }, { user });
      // The fake gives up on a response after 2 s: each answer came well inside Discord's 3.
      replies.push(messageOf(await asked.response()));
    }
    return replies;
  }

  const refused = (reply: MessageData) =>
    isEphemeral(reply) && /^You can use \/ask again in \d+ s\.$/.test(embedOf(reply).description ?? '');

  const fallbacks = async (reason: string) => {
    let total = 0;
    for (const runtime of runtimes) {
      const text = await runtime.metrics.text();
      const line = new RegExp(`summit_cooldown_fallbacks_total\\{reason="${reason}"\\} (\\d+)`).exec(text);
      total += Number(line?.[1] ?? 0);
    }
    return total;
  };

  it('rations a member whose uses the load balancer spreads over both replicas as one', async () => {
    const before = relay.deliveries.length;
    const replies = await spam(fake.users.member, RATION + 1);
    const endpoints = new Set(relay.deliveries.slice(before).map((d) => d.endpoint));
    expect(endpoints.size).toBe(2);
    expect(replies.slice(0, RATION).some(refused)).toBe(false);
    // Each replica has seen three uses: only the shared count reaches the ration.
    expect(refused(replies[RATION] as MessageData)).toBe(true);
    expect((await spam(fake.users.owner, 1)).some(refused)).toBe(false);
    expect(await fallbacks('timeout')).toBe(0);
    expect(await fallbacks('error')).toBe(0);
  });

  it('keeps members in the store only as keyed hashes', async () => {
    const { member } = fake.users;
    const client = new pg.Client(db.url);
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>('select id from cooldowns');
      expect(rows.length).toBeGreaterThan(0);
      for (const { id } of rows) {
        expect(id).toMatch(/^[\w-]{43}$/);
        expect(id).not.toContain(member.id);
      }
    } finally {
      await client.end();
    }
  });

  it('answers while the store is down, each replica rationing in memory, and shares again once it is back', async () => {
    db.stop();
    try {
      const replies = await spam(fake.users.channelModerator, 2 * RATION + 2);
      // Round robin: each replica's memory admits five, then refuses its sixth.
      expect(replies.slice(0, 2 * RATION).some(refused)).toBe(false);
      expect(replies.slice(2 * RATION).every(refused)).toBe(true);
      expect(await fallbacks('error')).toBeGreaterThan(0);
    } finally {
      db.start();
    }
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS + 200));
    const replies = await spam(fake.users.moderator, RATION + 1);
    expect(replies.filter(refused)).toHaveLength(1);
    expect(refused(replies[RATION] as MessageData)).toBe(true);
  }, 30_000);

  it('does not wait for a store that is slow to take a use: memory decides, and the fallback is counted', async () => {
    const locker = new pg.Client(db.url);
    await locker.connect();
    try {
      // Every take now waits for this transaction, as it would for a store that hangs.
      await locker.query('begin');
      await locker.query('lock table cooldowns in access exclusive mode');
      // The owner's one earlier use is in the store, not in either replica's memory.
      const replies = await spam(fake.users.owner, 2);
      expect(replies.some(refused)).toBe(false);
      expect(await fallbacks('timeout')).toBeGreaterThan(0);
    } finally {
      await locker.query('rollback').catch(() => {});
      await locker.end();
    }
  }, 30_000);

  it('rations through the same store on the gateway: uses taken by another process count', async () => {
    let gateway: Runtime | undefined;
    const bot = await startTestBot({}, undefined, (logger) => {
      gateway = newRuntime(logger);
      return gateway.deps;
    });
    try {
      await gateway?.deps.recorder?.start();
      const user = bot.fake.users.member;
      const ask = findCommand('ask');
      const elsewhere = (await sharedRuntime()).deps.cooldowns;
      if (!ask || !elsewhere) throw new Error('/ask and the cooldowns should exist');
      for (let i = 0; i < RATION; i++) expect(await elsewhere.take(user.id, ask)).toBe(0);
      const asked = await bot.fake.slash('ask', { question: 'When did they meet in Sochi?' }, { user });
      expect(refused(messageOf(await asked.response()))).toBe(true);
      const other = await bot.fake.slash(
        'ask',
        { question: 'When did they meet in Sochi?' },
        { user: bot.fake.users.owner },
      );
      expect(refused(messageOf(await other.response()))).toBe(false);
    } finally {
      await bot.stop();
    }
  }, 30_000);
});
