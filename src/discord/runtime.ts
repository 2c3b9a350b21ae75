import { Cooldowns, type Rationing, SharedCooldowns } from '../commands/cooldowns.js';
import { Recorder, type RecordingOptions } from '../insights/recorder.js';
import { formatProblem } from '../knowledge/load.js';
import type { Logger } from '../ops/log.js';
import { Metrics, type MetricsSources } from '../ops/metrics.js';
import type { LiveEngine, ReloadResult } from '../reload/live-engine.js';
import type { BotDeps } from './answer.js';
import { deployedNames } from './definitions.js';

/**
 * What a running bot shares between its handlers, whichever way Discord reaches it (gateway or
 * HTTP): the live fact base, reloaded on file changes or /reload, with every attempt logged and
 * counted; per-user cooldowns (shared by every process when the record is in PostgreSQL); metrics.
 */

export interface RuntimeOptions {
  live: LiveEngine;
  log: Logger;
  /** Reload when the fact base's files change. */
  watch: boolean;
  gatewayPingMs?: MetricsSources['gatewayPingMs'];
  labels?: Record<string, string>;
  /** The record of questions; `ready` opens its store. */
  recording?: RecordingOptions;
}

export interface Runtime {
  deps: BotDeps;
  metrics: Metrics;
  /** The fact base part of /healthz. */
  knowledgeHealth(): Record<string, unknown>;
  stop(): void;
  /**
   * Call it once the bot takes questions: prepares the engine if it was opened without (see
   * `LiveEngine`), collects the garbage building the fact base left, and opens the record's store
   * (and keeps trying while it cannot). Start-up waits for none of these.
   */
  ready(): void;
  /** Writes what the record still holds and closes its store; false if some could not be written. */
  closeRecord(): Promise<boolean>;
}

/**
 * Collects garbage in full where the process allows it (`--expose-gc`, see GATEWAY_ENV).
 * Building a fact base leaves behind several times its size in garbage that nothing else would
 * collect soon, and a heap grown to hold it stays grown: at 10,000 meetings the idle bot held
 * 300 MB instead of 190 MB. So the bot collects once it is ready and after each reload.
 */
function settleHeap(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function startRuntime({
  live,
  log,
  watch,
  gatewayPingMs,
  labels,
  recording,
}: RuntimeOptions): Runtime {
  const metrics = new Metrics({
    engine: () => live.engine,
    commands: deployedNames(),
    ...(gatewayPingMs && { gatewayPingMs }),
    ...(labels && { labels }),
  });
  const report = (result: ReloadResult, trigger: 'files changed' | '/reload'): ReloadResult => {
    metrics.reloaded(result.status);
    const version = result.engine.kb.version.slice(0, 12);
    if (result.status === 'rejected') {
      log.error(
        { trigger, version, problems: result.problems.map(formatProblem) },
        'fact base edit rejected: still serving the previous version',
      );
    } else if (result.status === 'reloaded') {
      settleHeap();
      const previous = result.previous.kb.version.slice(0, 12);
      log.info(
        { trigger, version, previous, meetings: result.engine.kb.meetings.length },
        'fact base reloaded',
      );
    } else {
      log.debug({ trigger, version }, 'fact base unchanged');
    }
    return result;
  };
  const unwatch = watch
    ? live.watch({
        onReload: (result) => report(result, 'files changed'),
        onError: (err) => log.warn({ err, dir: live.dir }, 'fact base watch failed; /reload still works'),
        onUnreadable: (paths) =>
          log.warn(
            { dir: live.dir, unreadable: paths.slice(0, 10), count: paths.length },
            'some of the fact base folder cannot be read by this user: changes to it are not watched',
          ),
      })
    : () => {};
  const deps: BotDeps = {
    get engine() {
      return live.engine;
    },
    get reloadedAt() {
      return live.reloadedAt;
    },
    log,
    reload: () => report(live.reload(), '/reload'),
    metrics,
  };
  const recorder = recording?.enabled ? recordTo(recording, metrics, log) : undefined;
  if (recorder) deps.recorder = recorder;
  deps.cooldowns = rationing(recorder, metrics, log);
  return {
    deps,
    metrics,
    knowledgeHealth: () => {
      const { kb } = live.engine;
      return {
        version: kb.version.slice(0, 12),
        meetings: kb.meetings.length,
        quotes: kb.quotes.length,
        ...(live.reloadedAt && { reloadedAt: new Date(live.reloadedAt).toISOString() }),
      };
    },
    stop: unwatch,
    ready: () => {
      live.prepare();
      settleHeap();
      void recorder?.start();
    },
    closeRecord: async () => {
      const flushed = (await recorder?.stop()) ?? true;
      if (!flushed)
        log.warn({ left: recorder?.queue.length }, 'record store unavailable: records not written');
      return flushed;
    },
  };
}

/**
 * Cooldowns in memory, or in the record's store when every process shares it (PostgreSQL) and
 * members can be named there by a keyed hash; the embedded store serves one process, whose
 * memory is enough.
 */
function rationing(recorder: Recorder | undefined, metrics: Metrics, log: Logger): Rationing {
  const local = new Cooldowns();
  const { hashKey, where } = recorder?.options ?? {};
  if (!recorder || !where?.databaseUrl) return local;
  if (!hashKey) {
    log.info('SUMMIT_HASH_KEY is not set: cooldowns stay in each process, not in the shared store');
    return local;
  }
  return new SharedCooldowns({
    store: () => recorder.openedStore,
    hashKey,
    local,
    onFallback: metrics.cooldownFallbacks(),
  });
}

function recordTo(options: RecordingOptions, metrics: Metrics, log: Logger): Recorder {
  if (!options.hashKey)
    log.info('SUMMIT_HASH_KEY is not set: questions are recorded, answers carry no 👍/👎');
  let recorder: Recorder | undefined;
  const counted = metrics.recording(() => recorder?.queue.length ?? 0);
  recorder = new Recorder(options, {
    ...counted,
    storeOpen: (dialect) => log.info({ dialect }, 'record store open'),
    storeError: (err, waiting) => {
      counted.storeError?.(err, waiting);
      log.warn({ err, waiting }, 'record store unavailable: records wait for it');
    },
    purged: (count) => log.info({ count }, 'old records purged'),
  });
  return recorder;
}
