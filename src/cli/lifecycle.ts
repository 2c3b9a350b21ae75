import type { Logger } from '../ops/log.js';
import { SettingsError } from '../settings.js';

/**
 * What every long-running program shares: settings that stop start-up with one line, and a
 * clean stop on SIGINT or SIGTERM that never hangs.
 */

/** The settings, or the problem on one line of stderr and exit 1. */
export function settingsOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(`summit: ${error.message}`);
    process.exit(1);
  }
}

/**
 * On the first SIGINT or SIGTERM, runs `stop` and exits 0 once the logs are written; a stop that
 * hangs gets a few seconds, and a second signal means: now.
 */
export function stopOnSignals(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 5000).unref();
    await stop();
    log.info('stopped');
    log.flush(() => process.exit(0));
  };
  process.on('SIGINT', (s) => void shutdown(s)).on('SIGTERM', (s) => void shutdown(s));
}
