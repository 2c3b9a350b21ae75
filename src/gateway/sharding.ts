/**
 * discord.js's ShardingManager tells each shard's process which shard it runs through
 * SHARDING_MANAGER, SHARDS and SHARD_COUNT in its environment, and every discord.js client reads
 * SHARDS and SHARD_COUNT from the environment. SHARD_COUNT is also `npm run start:sharded`'s own
 * setting (`auto` or a number, perhaps from .env), which an unsharded bot must not take for an
 * instruction: a client told `auto` there refuses to start.
 */

/** The shard this process runs, when a ShardingManager started it. */
export function managedShard(env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (!env.SHARDING_MANAGER || env.SHARDS === undefined) return undefined;
  const shard = Number(env.SHARDS);
  return Number.isInteger(shard) && shard >= 0 ? shard : undefined;
}

/** Outside a ShardingManager, drops the sharding settings so that the client runs unsharded. */
export function clearShardSettingsOutsideManager(env: NodeJS.ProcessEnv = process.env): void {
  if (env.SHARDING_MANAGER) return;
  delete env.SHARDS;
  delete env.SHARD_COUNT;
}
