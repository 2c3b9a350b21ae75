import type { Server } from 'node:http';
import { startRuntime } from '../discord/runtime.js';
import { createDiscordRest } from '../http/discord-rest.js';
import { createInteractionServer, INTERACTIONS_PATH } from '../http/server.js';
import { publicKeyFromHex } from '../http/verify.js';
import { readRecordingOptions } from '../insights/settings.js';
import { createLogger } from '../ops/log.js';
import { startOpsServer } from '../ops/ops-server.js';
import { readHttpSettings } from '../settings.js';
import { settingsOrExit, stopOnSignals } from './lifecycle.js';
import { openLiveEngine } from './open-engine.js';

/**
 * `npm run serve`: Summit as an HTTP server for Discord's "Interactions Endpoint URL". Checks the
 * settings, loads the fact base, listens on PORT, and on SIGINT or SIGTERM stops taking requests
 * and finishes those in progress. It keeps no state between requests, so any number of copies can
 * run behind a load balancer.
 */

const settings = settingsOrExit(() => readHttpSettings());
const recording = settingsOrExit(() => readRecordingOptions());
// The public key is no secret, but it names the application: it stays out of the logs too.
const log = createLogger({
  level: settings.LOG_LEVEL,
  secrets: [settings.DISCORD_TOKEN, settings.DISCORD_PUBLIC_KEY],
});
const live = openLiveEngine();
log.info({ version: live.engine.kb.version, meetings: live.engine.kb.meetings.length }, 'fact base loaded');

process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));

const runtime = startRuntime({ live, log, watch: settings.KNOWLEDGE_WATCH === 'on', recording });
const app = createInteractionServer({
  deps: runtime.deps,
  rest: createDiscordRest(settings),
  publicKey: publicKeyFromHex(settings.DISCORD_PUBLIC_KEY),
});
let listening = false;
let ops: Server | undefined;

stopOnSignals(log, async () => {
  listening = false;
  runtime.stop();
  ops?.close();
  await app.close();
  // After the last request: what it recorded is written too.
  await runtime.closeRecord();
});

try {
  if (settings.METRICS_PORT !== undefined) {
    ops = await startOpsServer({
      port: settings.METRICS_PORT,
      host: settings.METRICS_HOST,
      metrics: runtime.metrics,
      log,
      health: () => ({ ready: listening, mode: 'http', knowledge: runtime.knowledgeHealth() }),
    });
  }
  const port = await app.listen(settings.PORT);
  listening = true;
  log.info({ port, path: INTERACTIONS_PATH }, 'listening');
  // The record's store opens once requests are taken: start-up never waits for a database.
  runtime.ready();
} catch (err) {
  log.fatal({ err }, 'could not listen');
  console.error(
    `summit: could not listen: ${err instanceof Error ? err.message : String(err)}. Check PORT (and METRICS_PORT if set).`,
  );
  log.flush(() => process.exit(1));
}
