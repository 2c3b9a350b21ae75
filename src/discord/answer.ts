import type { Reply } from '../answers/reply.js';
import type { Context } from '../commands/command.js';
import { type Rationing, rationed } from '../commands/cooldowns.js';
import { dispatch, type Invocation, runLine } from '../commands/dispatch.js';
import { commandOf } from '../commands/parse-line.js';
import { createContext } from '../commands/registry.js';
import type { Engine } from '../engine/engine.js';
import type { Recorder } from '../insights/recorder.js';
import type { Logger } from '../ops/log.js';
import type { Metrics } from '../ops/metrics.js';
import type { ReloadResult } from '../reload/live-engine.js';

/** What every Discord handler needs. */
export interface BotDeps {
  /** The fact base in force; it may be swapped by a reload, so read it once per answer. */
  readonly engine: Engine;
  log: Logger;
  /** For "a random quote"; injectable so tests are repeatable. */
  random?: () => number;
  /** Loads the fact base again, for /reload. */
  reload?: () => ReloadResult;
  /** Rations expensive commands per user; none in tests that ask in bursts. */
  cooldowns?: Rationing;
  /** When a reload last swapped the fact base (ms since the epoch): older buttons may be stale. */
  readonly reloadedAt?: number | undefined;
  metrics?: Metrics;
  /** The record of questions and votes; absent when recording is off. */
  recorder?: Recorder;
}

/**
 * Runs a command through the core dispatcher; a failing handler is logged and becomes an
 * apology. `user` is who asked, when the command is theirs to ration (not a page turn); a
 * shared store may be asked whether they may.
 */
export async function answer(
  deps: BotDeps,
  invocation: Invocation | string,
  page = 1,
  user?: string,
  extra: Partial<Context> = {},
): Promise<Reply> {
  if (user && deps.cooldowns) {
    const name = typeof invocation === 'string' ? commandOf(invocation) : invocation.command;
    const wait = await rationed(deps.cooldowns, user, name);
    if (wait) return wait;
  }
  const ctx = createContext(deps.engine, {
    ...extra,
    page,
    ...(deps.random && { random: deps.random }),
    ...(deps.reload && { reload: deps.reload }),
  });
  const onError = (err: unknown, reference: string, failed: Invocation) =>
    deps.log.error({ err, reference, command: failed.command }, 'command failed');
  return typeof invocation === 'string'
    ? runLine(invocation, ctx, onError)
    : dispatch(invocation, ctx, onError);
}
