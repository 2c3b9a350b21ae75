import { type RunningBot, startBot } from '../discord/bot.js';
import { createLogger } from '../discord/log.js';
import { readDiscordSettings, SettingsError } from '../discord/settings.js';
import { openEngine } from './open-engine.js';

/**
 * `npm start`: checks the settings, loads the fact base, logs in, and answers until SIGINT or
 * SIGTERM, when it disconnects cleanly. Anything missing stops it with one line saying what to set.
 */

function settingsOrExit() {
  try {
    return readDiscordSettings();
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(`summit: ${error.message}`);
    process.exit(1);
  }
}

const settings = settingsOrExit();
const log = createLogger({ level: settings.LOG_LEVEL, secrets: [settings.DISCORD_TOKEN] });
const engine = openEngine();
log.info({ version: engine.kb.version, meetings: engine.kb.meetings.length }, 'fact base loaded');

process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));

let bot: RunningBot | undefined;
let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) process.exit(1); // a second signal means: now
  stopping = true;
  log.info({ signal }, 'shutting down');
  // Never hang on the way out: a stuck connection gets a few seconds.
  setTimeout(() => process.exit(1), 5000).unref();
  await bot?.stop();
  log.info('stopped');
  log.flush(() => process.exit(0));
}
process.on('SIGINT', (s) => void shutdown(s)).on('SIGTERM', (s) => void shutdown(s));

try {
  bot = await startBot(settings.DISCORD_TOKEN, settings, { engine, log });
} catch (err) {
  log.fatal({ err }, 'could not log in to Discord');
  console.error(
    `summit: could not log in to Discord: ${err instanceof Error ? err.message : String(err)}. Check DISCORD_TOKEN (and DISCORD_API_URL if set).`,
  );
  log.flush(() => process.exit(1));
}
