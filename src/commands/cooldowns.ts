import { type Reply, usage } from '../answers/reply.js';
import { keyedHash } from '../store/keyed-hash.js';
import type { Store } from '../store/store.js';
import type { AnyCommand, CooldownRule } from './command.js';
import { findCommand } from './registry.js';

/**
 * Per-user rationing of the commands that declare a cooldown: a user's first use of such a
 * command opens a window of `seconds` that admits `uses` uses; past that they are told how many
 * seconds remain. The same rule is kept in memory (what one process serves) and in a shared
 * store (what every shard and replica serves together).
 */
export interface Rationing {
  /**
   * Records a use and returns 0, or returns how many whole seconds the user must wait (the use
   * is then not recorded, so retrying early does not extend the wait).
   */
  take(userId: string, command: AnyCommand): number | Promise<number>;
}

/** The rule in one process's memory: a replica rations what it serves. */
export class Cooldowns implements Rationing {
  /** Each user's open window for each rationed command. */
  private readonly windows = new Map<string, { endsAt: number; used: number }>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  take(userId: string, command: AnyCommand): number {
    const rule = command.cooldown;
    if (!rule) return 0;
    const now = this.now();
    this.sweep(now);
    const key = `${command.name}:${userId}`;
    const window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      this.windows.set(key, { endsAt: now + rule.seconds * 1000, used: 1 });
      return 0;
    }
    if (window.used < rule.uses) {
      window.used += 1;
      return 0;
    }
    return toSeconds(window.endsAt - now);
  }

  /** Forgets ended windows now and then, so that memory follows active users only. */
  private sweep(now: number): void {
    if (now - this.sweptAt < SWEEP_MS) return;
    this.sweptAt = now;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}

const SWEEP_MS = 60_000;

const toSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Why a take was served from memory instead of the shared store. */
export type FallbackReason = 'not-open' | 'timeout' | 'error' | 'paused';

export interface SharedCooldownsOptions {
  /** The shared store, once it is open. */
  store(): Store | undefined;
  /** The secret that hashes members (the same on every replica). */
  hashKey: string;
  /** Where takes go while the store is not open, slow or down. */
  local: Cooldowns;
  /** Longest a take waits for the store before memory decides. */
  timeoutMs?: number;
  onFallback?(reason: FallbackReason): void;
  now?: () => number;
}

/**
 * The rule in the shared store, so that a member who spreads uses over shards and replicas
 * behind a load balancer is rationed as one. A take happens before the answer, so it never
 * waits long: beyond `timeoutMs`, on an error, or while the store is not open, memory decides
 * (and the fallback is counted); after a timeout or an error the store is left alone for a
 * moment, so that takes do not queue up behind a store that is struggling. Members are named
 * only by a keyed hash of the command and the member; ended windows are deleted now and then.
 */
export class SharedCooldowns implements Rationing {
  private pausedUntil = 0;
  private purgedAt = 0;
  private readonly now: () => number;

  constructor(private readonly options: SharedCooldownsOptions) {
    this.now = options.now ?? Date.now;
  }

  async take(userId: string, command: AnyCommand): Promise<number> {
    const rule = command.cooldown;
    if (!rule) return 0;
    const store = this.options.store();
    const now = this.now();
    if (!store) return this.fallBack('not-open', userId, command);
    if (now < this.pausedUntil) return this.fallBack('paused', userId, command);
    try {
      const waitMs = await within(
        this.options.timeoutMs ?? TAKE_TIMEOUT_MS,
        this.takeIn(store, rule, command, userId, now),
      );
      this.purgeNowAndThen(store, now);
      return waitMs === 0 ? 0 : toSeconds(waitMs);
    } catch (error) {
      this.pausedUntil = this.now() + PAUSE_MS;
      return this.fallBack(error instanceof TimedOut ? 'timeout' : 'error', userId, command);
    }
  }

  private takeIn(store: Store, rule: CooldownRule, command: AnyCommand, userId: string, now: number) {
    const id = keyedHash(this.options.hashKey, 'cooldown', command.name, userId);
    return store.takeCooldown(id, rule.uses, rule.seconds * 1000, now);
  }

  private fallBack(reason: FallbackReason, userId: string, command: AnyCommand): number {
    this.options.onFallback?.(reason);
    return this.options.local.take(userId, command);
  }

  /** Ended windows go once a minute; any replica may do it, and a failure waits for the next. */
  private purgeNowAndThen(store: Store, now: number): void {
    if (now - this.purgedAt < SWEEP_MS) return;
    this.purgedAt = now;
    store.purgeCooldowns(now).catch(() => {});
  }
}

/** Discord allows 3 s for the whole answer; a take gets a small part of it. */
const TAKE_TIMEOUT_MS = 250;
/** How long the store is left alone after it failed or was slow. */
const PAUSE_MS = 5_000;

class TimedOut extends Error {}

/** The promise's value if it settles within `ms`, else a TimedOut (the work itself goes on). */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut(`no answer within ${ms} ms`)), ms);
  });
  // A late failure has no one left to hear it.
  work.catch(() => {});
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** "Try again in N s" when this use of a command would exceed the user's ration, else nothing. */
export async function rationed(
  cooldowns: Rationing,
  userId: string,
  commandName: string,
): Promise<Reply | undefined> {
  const command = findCommand(commandName);
  const wait = command ? await cooldowns.take(userId, command) : 0;
  if (!command || wait === 0) return undefined;
  return usage('One moment', `You can use /${command.name} again in ${wait} s.`);
}
