// Which stream shards may be read now, pure: a child shard only after its parent is read to the end.

export interface ShardInfo {
  shardId: string;
  parentShardId?: string;
}

/**
 * Ready: not finished, and its parent is either finished or no longer listed (trimmed away, so nothing of it is
 * left to read). Reading a child before its parent could apply an item's newer change before its older one.
 */
export function readyShards(shards: readonly ShardInfo[], finished: ReadonlySet<string>): string[] {
  const listed = new Set(shards.map((shard) => shard.shardId));
  return shards
    .filter((shard) => !finished.has(shard.shardId))
    .filter(
      (shard) =>
        !shard.parentShardId || !listed.has(shard.parentShardId) || finished.has(shard.parentShardId),
    )
    .map((shard) => shard.shardId);
}
