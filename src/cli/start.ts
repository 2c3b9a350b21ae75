import { Events, Status } from 'discord.js';
import { startRuntime } from '../discord/runtime.js';
import { type RunningBot, startBot } from '../gateway/bot.js';
import { clearShardSettingsOutsideManager, managedShard } from '../gateway/sharding.js';
import { readRecordingOptions } from '../insights/settings.js';
import { createLogger } from '../ops/log.js';
import { startOpsServer } from '../ops/ops-server.js';
import { readDiscordSettings, useZod } from '../settings.js';
import * as settingsZod from '../settings-zod.js';
import { settingsOrExit, stopOnSignals } from './lifecycle.js';
import { openLiveEngine } from './open-engine.js';

/**
 * `npm start`: checks the settings, loads the fact base, logs in, and answers until SIGINT or
 * SIGTERM, when it disconnects cleanly. Anything missing stops it with one line saying what to set.
 */

// Bundled with the bot (scripts/bundle.ts), where a bundler keeps only the zod functions used.
useZod(settingsZod);
const settings = settingsOrExit(() => readDiscordSettings());
const recording = settingsOrExit(() => readRecordingOptions());
clearShardSettingsOutsideManager();
const log = createLogger({
  level: settings.LOG_LEVEL,
  secrets: [settings.DISCORD_TOKEN],
  shard: managedShard(),
});
// What the first questions would otherwise wait for (typo indexes, English tables) is built once
// the bot is ready, with the record's store: about 100 ms sooner ready (see docs/benchmarks.md).
const live = openLiveEngine({ prepare: false });
log.info({ version: live.engine.kb.version, meetings: live.engine.kb.meetings.length }, 'fact base loaded');

let bot: RunningBot | undefined;
const runtime = startRuntime({
  live,
  log,
  watch: settings.KNOWLEDGE_WATCH === 'on',
  // discord.js reports -1 until the first heartbeat has been acknowledged.
  gatewayPingMs: () => bot?.client.ws.ping,
  recording,
});
const ops =
  settings.METRICS_PORT === undefined
    ? undefined
    : await startOpsServer({
        port: settings.METRICS_PORT,
        host: settings.METRICS_HOST,
        metrics: runtime.metrics,
        log,
        health: () => {
          const status = bot?.client.ws.status ?? Status.Idle;
          return {
            ready: status === Status.Ready,
            mode: 'gateway',
            gateway: { status: Status[status], pingMs: bot?.client.ws.ping },
            knowledge: runtime.knowledgeHealth(),
          };
        },
      });

process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));

stopOnSignals(log, async () => {
  runtime.stop();
  ops?.close();
  await bot?.stop();
  // After the gateway: the answers still in flight are recorded too.
  await runtime.closeRecord();
});

try {
  bot = await startBot(settings.DISCORD_TOKEN, settings, runtime.deps);
  // The record's store opens once the bot is ready: start-up never waits for a database.
  if (bot.client.isReady()) runtime.ready();
  else bot.client.once(Events.ClientReady, () => runtime.ready());
} catch (err) {
  log.fatal({ err }, 'could not log in to Discord');
  console.error(
    `summit: could not log in to Discord: ${err instanceof Error ? err.message : String(err)}. Check DISCORD_TOKEN (and DISCORD_API_URL if set).`,
  );
  log.flush(() => process.exit(1));
}
