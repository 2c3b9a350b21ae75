/**
 * `npm run start:sharded` as an operator runs it: the built program under discord.js's
 * ShardingManager, against a fake Discord that recommends two shards and has two guilds, one
 * on each shard. Each shard must identify as itself, receive only its own guild, answer the
 * interactions of that guild, come back when it dies, and stop cleanly with the rest on SIGTERM.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { deployCommands, TOKEN } from './support/bot.js';
import { FakeDiscord } from './support/fake-discord/index.js';
import { freePort, runProgram, stopPrograms, stopWithPrograms } from './support/process.js';

afterEach(stopPrograms);

describe('npm run start:sharded', () => {
  it('asks Discord for the shard count, runs one shard per guild, answers each guild from its shard, and stops cleanly on SIGTERM', async () => {
    const fake = stopWithPrograms(
      await FakeDiscord.start({
        token: TOKEN,
        log: () => {},
        shards: 2,
        // A large bot's identify limit, so that the shards start a third of a second apart.
        maxConcurrency: 16,
        guilds: [{ name: 'Summit Test Guild' }, { name: 'Second Guild', channels: [{ name: 'general' }] }],
      }),
    );
    await deployCommands(fake);
    const metricsPort = await freePort();
    const bot = runProgram('start-sharded', {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      SHARD_COUNT: 'auto',
      METRICS_PORT: String(metricsPort),
    });

    await bot.until((l) => l.msg === 'all shards ready');
    const sessions = await Promise.all([fake.shardIdentified(0), fake.shardIdentified(1)]);
    expect(sessions.map((s) => s.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(bot.lines().find((l) => l.msg === 'starting shards')).toMatchObject({
      shards: 2,
      recommended: 2,
      maxConcurrency: 16,
      spacingMs: 344,
    });
    // Each shard was given its own guild only, and says so in its own log lines. A shard's line
    // can reach stdout after the manager's "all shards ready", which it learns over IPC.
    await bot.until('ready', 2);
    const ready = bot.lines().filter((l) => l.msg === 'ready');
    expect(ready.map((l) => [l.shard, l.guilds]).sort()).toEqual([
      [0, 1],
      [1, 1],
    ]);

    // Each shard serves its own health check, one port apart.
    for (const shard of [0, 1]) {
      const health = await fetch(`http://127.0.0.1:${metricsPort + shard}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ready: true });
    }

    const [first, second] = fake.guilds;
    expect([first, second].map((g) => fake.shardOf(g?.id ?? ''))).toEqual([0, 1]);
    for (const guild of fake.guilds) {
      const asked = await fake.slash('when', { query: 'Sochi' }, { channelId: guild.channels[0]?.id ?? '' });
      expect(JSON.stringify((await asked.response()).data)).toContain('12 September 2019');
      const answered = await bot.until((l) => l.msg === 'interaction' && l.interaction === asked.id);
      expect(answered).toMatchObject({ shard: fake.shardOf(guild.id), guild: guild.id, outcome: 'answer' });
    }
    // Nobody else answered: each interaction went to one shard only.
    expect(bot.lines().filter((l) => l.msg === 'interaction')).toHaveLength(2);

    // A shard that dies is started again, and its guild is answered again.
    const spawned = bot.lines().find((l) => l.msg === 'shard spawned' && l.shard === 1);
    process.kill(Number(spawned?.pid), 'SIGKILL');
    await bot.until((l) => l.msg === 'shard died' && l.shard === 1 && l.respawning === true);
    await bot.until((l) => l.msg === 'shard spawned' && l.shard === 1 && l.respawn === true);
    await bot.until((l) => l.msg === 'shard ready' && l.shard === 1, 2);
    const again = await fake.slash('when', { query: 'Sochi' }, { channelId: second?.channels[0]?.id ?? '' });
    expect(JSON.stringify((await again.response()).data)).toContain('12 September 2019');
    expect(await bot.until((l) => l.msg === 'interaction' && l.interaction === again.id)).toMatchObject({
      shard: 1,
    });

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const messages = bot.lines().map((l) => l.msg);
    expect(messages.filter((m) => m === 'shard stopped')).toHaveLength(2);
    expect(messages.filter((m) => m === 'stopped')).toHaveLength(3);
    expect(messages.filter((m) => m === 'shard died')).toHaveLength(1);
    const { stdout, stderr } = bot.output();
    expect(stdout + stderr).not.toContain(TOKEN);
  }, 40_000);

  it('gives up, stopping every shard, when a shard cannot start, rather than restarting it for ever', async () => {
    const fake = stopWithPrograms(
      await FakeDiscord.start({ token: TOKEN, log: () => {}, shards: 2, maxConcurrency: 16 }),
    );
    const bot = runProgram('start-sharded', {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      KNOWLEDGE_DIR: join(tmpdir(), 'summit-no-such-fact-base'),
    });
    expect(await bot.exited).toBe(1);
    const messages = bot.lines().map((l) => l.msg);
    expect(messages).toContain('a shard could not start');
    expect(messages).not.toContain('all shards ready');
    expect(bot.output().stderr).toContain('is not valid');
  }, 30_000);

  it('keeps npm start unsharded when start:sharded’s SHARD_COUNT is in its environment too', async () => {
    const fake = stopWithPrograms(await FakeDiscord.start({ token: TOKEN, log: () => {} }));
    const bot = runProgram('start', {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      SHARD_COUNT: 'auto',
    });
    await bot.until((l) => l.msg === 'ready');
    expect((await fake.identified()).shard).toEqual([0, 1]);
    expect(bot.lines().some((l) => 'shard' in l)).toBe(false);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 30_000);

  it('stops at once with one line when SHARD_COUNT is neither a positive whole number nor auto', async () => {
    const bots = ['0', '1.5', 'two'].map((value) =>
      runProgram('start-sharded', { DISCORD_TOKEN: TOKEN, SHARD_COUNT: value }),
    );
    for (const bot of bots) {
      expect(await bot.exited).toBe(1);
      expect(bot.output().stderr.trim().split('\n')).toEqual([
        'summit: SHARD_COUNT must be a whole number of shards from 1 up, or auto for the number Discord recommends.',
      ]);
    }
  }, 30_000);
});

describe('the fake Discord’s shards', () => {
  /** Identifies on a raw socket as `shard`, and resolves with the close code or the READY it gets. */
  async function identifyAs(
    fake: FakeDiscord,
    shard: unknown,
  ): Promise<number | { guilds: { id: string }[] }> {
    const socket = new WebSocket(`${fake.gatewayUrl}/?v=10&encoding=json`);
    return new Promise((resolve) => {
      socket.on('close', (code) => resolve(code));
      socket.on('message', (raw) => {
        const payload = JSON.parse(String(raw)) as {
          op: number;
          t?: string;
          d: { guilds: { id: string }[] };
        };
        if (payload.op === 10)
          socket.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 1, properties: {}, shard } }));
        if (payload.t === 'READY') {
          resolve(payload.d);
          socket.close(1000);
        }
      });
    });
  }

  it('gives each shard the guilds Discord routes to it, and closes 4010 on a shard that cannot be', async () => {
    const fake = stopWithPrograms(
      await FakeDiscord.start({ token: TOKEN, log: () => {}, shards: 2, guilds: [{}, {}, {}] }),
    );
    const ids = fake.guilds.map((g) => g.id);
    const readyOf = async (shard: unknown) => {
      const answer = await identifyAs(fake, shard);
      return typeof answer === 'number' ? answer : answer.guilds.map((g) => g.id);
    };
    expect(await readyOf([0, 2])).toEqual([ids[0], ids[2]]);
    expect(await readyOf([1, 2])).toEqual([ids[1]]);
    expect(await readyOf(undefined)).toEqual(ids);
    for (const invalid of [[2, 2], [-1, 2], [0, 0], 'all']) expect(await readyOf(invalid)).toBe(4010);
  });
});
