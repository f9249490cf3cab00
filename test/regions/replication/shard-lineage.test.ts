// Shard lineage: a child shard is read only after its parent has been read to the end.
import { describe, expect, it } from 'vitest';
import { readyShards } from '../../../regions/replication/shard-lineage.ts';

describe('shard lineage', () => {
  const shards = [
    { shardId: 'root' },
    { shardId: 'child-1', parentShardId: 'root' },
    { shardId: 'child-2', parentShardId: 'root' },
    { shardId: 'grandchild', parentShardId: 'child-1' },
  ];

  it('reads only the root while it is unfinished', () => {
    expect(readyShards(shards, new Set())).toEqual(['root']);
  });

  it('opens both children once the parent is finished', () => {
    expect(readyShards(shards, new Set(['root']))).toEqual(['child-1', 'child-2']);
  });

  it('opens a grandchild only after its own parent is finished', () => {
    expect(readyShards(shards, new Set(['root', 'child-1']))).toEqual(['child-2', 'grandchild']);
  });

  it('reads a child whose parent was trimmed out of the stream', () => {
    expect(readyShards([{ shardId: 'orphan', parentShardId: 'gone' }], new Set())).toEqual(['orphan']);
  });

  it('has nothing to read when every shard is finished', () => {
    expect(readyShards(shards, new Set(shards.map((s) => s.shardId)))).toEqual([]);
  });
});
