/** Ids, tokens and timestamps in Discord's formats. */
import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH = 1_420_070_400_000n;
let snowflakeIncrement = 0n;

/** A fresh snowflake for now; the increment keeps ids made in the same millisecond distinct. */
export function snowflake(at = Date.now()): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | snowflakeIncrement).toString();
}

/** Discord's timestamp format: ISO 8601 with microseconds and an explicit offset. */
export function discordTimestamp(at = Date.now()): string {
  return new Date(at).toISOString().replace(/Z$/, '000+00:00');
}

export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(72).toString('base64url')}`;
}

/**
 * A fresh snowflake for a guild that Discord routes to `shard` of `count`: a guild belongs to
 * shard `(guild_id >> 22) % count`, i.e. to its creation millisecond modulo the count.
 */
export function snowflakeOnShard(shard: number, count: number): string {
  const now = Date.now();
  const ms = BigInt(now) - DISCORD_EPOCH;
  const n = BigInt(count);
  // The latest millisecond at or before now that lands on the shard.
  const at = ms - ((((ms - BigInt(shard)) % n) + n) % n);
  return snowflake(Number(at + DISCORD_EPOCH));
}

/** The shard of `count` that receives a guild's events. */
export function shardOfGuild(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}
