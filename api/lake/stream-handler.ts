// The lake's stream consumer, in the primary region only: its replica's stream carries every region's inserts
// (Global Tables replicate them), so one consumer sees each fact once, and after an outage of that region the
// replication catch-up replays what it missed. Lambda in AWS (Firehose sink); locally the same handler run by a
// stream poller (Parquet files). Throws on failure: the batch is retried, and rows carry a stable event_id.
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamRecordLike } from '../stats/aggregator.ts';
import { eventsFromStream, type Pseudonymizer, pseudonymizer } from './events-from-stream.ts';
import type { LakeSink } from './lake-sink.ts';

export function createLakeHandler(sink: LakeSink, hash: Pseudonymizer) {
  return async (event: { Records: readonly StreamRecordLike[] }) => {
    const events = eventsFromStream(event.Records, hash);
    if (events.length > 0) await sink.write(events);
    return { written: events.length, ignored: event.Records.length - events.length };
  };
}

let cached: ReturnType<typeof createLakeHandler> | undefined;

/** The key of the applicant hash: an SSM SecureString in AWS (MP_LAKE_KEY_PARAMETER), a local key file otherwise. */
async function pseudonymKey(env: NodeJS.ProcessEnv): Promise<string> {
  if (env.MP_LAKE_KEY_PARAMETER) {
    const { SSMClient, GetParameterCommand } = await import('@aws-sdk/client-ssm');
    const out = await new SSMClient({}).send(
      new GetParameterCommand({ Name: env.MP_LAKE_KEY_PARAMETER, WithDecryption: true }),
    );
    if (!out.Parameter?.Value) throw new Error(`${env.MP_LAKE_KEY_PARAMETER} has no value`);
    return out.Parameter.Value;
  }
  const { loadOrCreateSecrets, DEFAULT_KEYS_DIR } = await import('../config/local-keys.ts');
  const [secret] = await loadOrCreateSecrets(env.MP_KEYS_DIR ?? DEFAULT_KEYS_DIR, 'lake');
  if (!secret) throw new Error('no local lake key');
  return secret.secret;
}

/** MP_LAKE_STREAM (AWS: the Firehose stream) or MP_LAKE_DIR (local Parquet files, default .local/lake). */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  const { env } = process;
  if (!cached) {
    const key = await pseudonymKey(env);
    let sink: LakeSink;
    if (env.MP_LAKE_STREAM) {
      const { FirehoseClient } = await import('@aws-sdk/client-firehose');
      const { firehoseSink } = await import('./firehose-sink.ts');
      sink = firehoseSink(new FirehoseClient({}), env.MP_LAKE_STREAM);
    } else {
      const { parquetDirSink } = await import('./parquet-dir-sink.ts');
      sink = await parquetDirSink(env.MP_LAKE_DIR ?? '.local/lake');
    }
    cached = createLakeHandler(sink, pseudonymizer(key));
  }
  const result = await cached(event as unknown as { Records: StreamRecordLike[] });
  console.log(
    JSON.stringify({ level: 'info', msg: 'lake batch written', records: event.Records.length, ...result }),
  );
}
