import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { Events } from 'discord.js';
import type { BotDeps } from '../../src/discord/answer.js';
import { type RunningBot, startBot } from '../../src/gateway/bot.js';
import { createLogger, type Logger } from '../../src/ops/log.js';
import { FakeDiscord, type FakeDiscordOptions } from './fake-discord/index.js';
import { engine } from './summit.js';

export const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.summit-test-token';
export const ROOT = resolve(import.meta.dirname, '../..');

export interface TestBot {
  fake: FakeDiscord;
  bot: RunningBot;
  /** Every log line the bot wrote, as written (JSON). */
  logs: string[];
  /** How many REST requests the fake had seen when the bot began to log in. */
  requestsBeforeLogin: number;
  /** What the fake itself reported: refusals and unknown routes. */
  fakeLog: string[];
  /** The source of randomness the bot uses from now on (for "a random quote"). */
  setRandom(random: () => number): void;
  /** Log entries, parsed. */
  entries(): Record<string, unknown>[];
  stop(): Promise<void>;
}

/** Runs `npm run deploy-commands`' program against the fake, as an operator would. */
export async function deployCommands(fake: FakeDiscord, env: Record<string, string> = {}) {
  return promisify(execFile)(process.execPath, ['dist/src/cli/deploy-commands.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: fake.token,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      ...env,
    },
  });
}

/**
 * A fake Discord with the commands deployed to its server, and the real bot logged in to it.
 * `deps` replaces what the bot runs with (a live fact base, cooldowns, metrics), given the
 * test's logger; by default it answers from the real fact base with no cooldowns.
 */
export async function startTestBot(
  options: FakeDiscordOptions = {},
  fake?: FakeDiscord,
  deps?: (log: Logger) => BotDeps,
): Promise<TestBot> {
  const fakeLog: string[] = [];
  const server =
    fake ?? (await FakeDiscord.start({ token: TOKEN, log: (line) => fakeLog.push(line), ...options }));
  if (!fake) await deployCommands(server, { DISCORD_GUILD_ID: server.guild.id });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  let random = () => 0.5;
  const log = createLogger({ level: 'debug', secrets: [server.token], destination });
  const requestsBeforeLogin = server.requests.length;
  const bot = await startBot(
    server.token,
    { DISCORD_API_URL: server.apiUrl },
    deps?.(log) ?? { engine: engine(), log, random: () => random() },
  );
  if (!bot.client.isReady()) await once(bot.client, Events.ClientReady);
  return {
    fake: server,
    bot,
    logs,
    requestsBeforeLogin,
    fakeLog,
    setRandom(next) {
      random = next;
    },
    entries: () => logs.map((line) => JSON.parse(line) as Record<string, unknown>),
    async stop() {
      await bot.stop();
      if (!fake) await server.close();
    },
  };
}
