import { type Reply, usage } from '../answers/reply.js';
import type { AnyCommand } from './command.js';
import { findCommand } from './registry.js';

/**
 * Per-user rationing of the commands that declare a cooldown: each user may run such a command
 * `uses` times within any `seconds`-long window. Kept in memory: a replica rations what it
 * serves, which is what protects it.
 */
export class Cooldowns {
  /** When each user last ran each rationed command, oldest first. */
  private readonly uses = new Map<string, number[]>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Records a use and returns 0, or returns how many whole seconds the user must wait (the use is
   * then not recorded, so retrying early does not extend the wait).
   */
  take(userId: string, command: AnyCommand): number {
    const rule = command.cooldown;
    if (!rule) return 0;
    const now = this.now();
    const windowMs = rule.seconds * 1000;
    this.sweep(now, windowMs);
    const key = `${command.name}:${userId}`;
    const recent = (this.uses.get(key) ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= rule.uses) {
      const oldest = recent[0] as number;
      return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    }
    recent.push(now);
    this.uses.set(key, recent);
    return 0;
  }

  /** Forgets users who have been quiet for a while, so that memory follows active users only. */
  private sweep(now: number, windowMs: number): void {
    if (now - this.sweptAt < windowMs) return;
    this.sweptAt = now;
    for (const [key, times] of this.uses) {
      if (now - (times.at(-1) ?? 0) >= MAX_WINDOW_MS) this.uses.delete(key);
    }
  }
}

/** No command rations over a longer window than this. */
const MAX_WINDOW_MS = 5 * 60_000;

/** "Try again in N s" when this use of a command would exceed the user's ration, else nothing. */
export function rationed(cooldowns: Cooldowns, userId: string, commandName: string): Reply | undefined {
  const command = findCommand(commandName);
  const wait = command ? cooldowns.take(userId, command) : 0;
  if (!command || wait === 0) return undefined;
  return usage('One moment', `You can use /${command.name} again in ${wait} s.`);
}
