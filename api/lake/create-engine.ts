// Chooses the question engine from the runtime configuration, created on first use (DuckDB's native library is
// loaded only by a process that is asked a question).
import type { LakeConfig } from '../config/runtime-config.ts';
import type { QueryEngine } from './query-engine.ts';

export function lazyEngine(config: LakeConfig): () => Promise<QueryEngine> {
  let engine: Promise<QueryEngine> | undefined;
  return () => {
    engine ??= create(config).catch((error: unknown) => {
      engine = undefined;
      throw error;
    });
    return engine;
  };
}

async function create(config: LakeConfig): Promise<QueryEngine> {
  if (config.kind === 'duckdb') {
    const { duckdbEngine } = await import('./duckdb-engine.ts');
    return duckdbEngine(config.dir);
  }
  const [{ AthenaClient }, { athenaEngine }] = await Promise.all([
    import('@aws-sdk/client-athena'),
    import('./athena-engine.ts'),
  ]);
  return athenaEngine(new AthenaClient({ region: config.region }), config.workGroup, config.database);
}
