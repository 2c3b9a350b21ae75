import type { Logger } from '../discord/log.js';
import { SettingsError } from '../settings.js';

/**
 * What every long-running program shares: settings that stop start-up with one line, and a
 * clean stop on SIGINT or SIGTERM that never hangs.
 */

/**
 * Node flags for a gateway bot process (npm start, each shard, the image's start). The young
 * generation's semi-spaces default to 16 MB, which an idle bot fills with garbage it never
 * needs to collect; at 1 MB the idle process stays under 90 MB with no measurable cost in
 * answer latency at the real fact base (p50 1.6 ms, p99 7 ms either way, 400 commands against a
 * local fake). At 100,000 meetings young collections come ten times as often and take a few ms
 * each on the gigabyte heap: p99 /ask 22 ms instead of 12 (README, Speed and scale).
 * `--expose-gc` lets the bot collect once a fact base is built (see `settleHeap`).
 * Kept in step with package.json's start script and docker/entrypoint.sh, as is the program.
 */
export const GATEWAY_NODE_FLAGS = ['--max-semi-space-size=1', '--expose-gc'];

/**
 * The environment a gateway bot process starts with. glibc keeps up to 32 MB of freed memory for
 * later, and some of what loading a fact base frees was kept: the idle bot measured 84 or 96 MB
 * from run to run. Handing back anything over 128 KB makes it 83-86 MB every time. It must be
 * set before the process starts, so package.json's start script, the image's entry point and
 * the shard manager (for its shards) set it; musl and other platforms ignore it.
 */
export const GATEWAY_ENV = { MALLOC_TRIM_THRESHOLD_: '131072' };

/**
 * The gateway bot's program as they run it: start.js bundled with its dependencies into one file
 * beside it by `npm run build` (see scripts/bundle.ts), which starts in half the time.
 */
export const GATEWAY_PROGRAM = 'start.bundle.js';

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
