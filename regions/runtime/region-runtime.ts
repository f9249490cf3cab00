// One local region's processes: its DynamoDB Local (own or shared), its table, its API and its aggregator.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { RegionProcessStatus } from '../edge/edge-status.ts';
import { ManagedChild } from './child-process.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.ts';
import { ensureTable, localClient } from './table-setup.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));

export interface RegionRuntimeOptions {
  id: string;
  apiPort: number;
  /** An existing DynamoDB Local (shared JVM) or a port for a JVM of the region's own. */
  database: { endpoint: string } | { port: number; dataDir?: string };
  tableName: string;
  keysDir: string;
  /** The aggregator's stream handler module; none when absent. */
  aggregatorHandler?: string;
  /** The event lake's stream handler (the primary region only: its stream carries every region's facts). */
  lakeHandler?: string;
  env?: Record<string, string>;
  /** How long the API process may take to answer /health (default 120 s). */
  startTimeoutMs?: number;
  log: (line: string) => void;
}

export class RegionRuntime {
  readonly apiUrl: string;
  readonly dbEndpoint: string;
  private db: DynamoDbLocal | undefined;
  private readonly api: ManagedChild;
  private readonly aggregator: ManagedChild | undefined;
  private readonly lake: ManagedChild | undefined;
  private expectDbExit = false;

  constructor(private readonly options: RegionRuntimeOptions) {
    const { id, database } = options;
    this.apiUrl = `http://127.0.0.1:${options.apiPort}`;
    this.dbEndpoint = 'endpoint' in database ? database.endpoint : `http://127.0.0.1:${database.port}`;
    const env = {
      ...options.env,
      MP_REGION: id,
      MP_DB_ENDPOINT: this.dbEndpoint,
      MP_TABLE_NAME: options.tableName,
      MP_KEYS_DIR: options.keysDir,
    };
    this.api = new ManagedChild({
      name: id,
      entry: join(HERE, 'region-entry.ts'),
      env: { ...env, MP_API_PORT: String(options.apiPort) },
      log: options.log,
      onUnexpectedExit: (code, signal) =>
        options.log(
          `region ${id}: API process exited (${signal ?? `code ${code}`}); the edge routes around it. ` +
            `Bring it back: POST /_edge/regions/${id}/restart`,
        ),
    });
    const dataDir = 'dataDir' in database ? database.dataDir : undefined;
    if (options.lakeHandler)
      // The same stream poller as the aggregator's, running the lake's handler with a checkpoint of its own.
      this.lake = new ManagedChild({
        name: `${id} lake`,
        entry: join(HERE, 'aggregator-process.ts'),
        env: {
          ...env,
          MP_AGGREGATOR_HANDLER: resolve(options.lakeHandler),
          ...(dataDir ? { MP_AGGREGATOR_CHECKPOINT: join(dataDir, 'lake-checkpoint.json') } : {}),
        },
        log: options.log,
        onUnexpectedExit: (code, signal) =>
          options.log(
            `region ${id}: lake writer exited (${signal ?? `code ${code}`}); POST /_edge/regions/${id}/restart`,
          ),
      });
    if (options.aggregatorHandler) {
      this.aggregator = new ManagedChild({
        name: `${id} aggregator`,
        entry: join(HERE, 'aggregator-process.ts'),
        env: {
          ...env,
          MP_AGGREGATOR_HANDLER: resolve(options.aggregatorHandler),
          // With a data dir the counters survive a restart, so the aggregator must resume, not recount.
          ...(dataDir ? { MP_AGGREGATOR_CHECKPOINT: join(dataDir, 'aggregator-checkpoint.json') } : {}),
        },
        log: options.log,
        onUnexpectedExit: (code, signal) =>
          options.log(
            `region ${id}: aggregator exited (${signal ?? `code ${code}`}); POST /_edge/regions/${id}/restart`,
          ),
      });
    }
  }

  get id(): string {
    return this.options.id;
  }

  get ownsDatabase(): boolean {
    return !('endpoint' in this.options.database);
  }

  /** Starts the region's own JVM if it has one and it is down; creates the table only if absent. */
  async startDatabase(): Promise<{ tableCreated: boolean }> {
    const { database, id, tableName } = this.options;
    if (!('endpoint' in database) && !this.databaseRunning()) {
      if (database.dataDir) mkdirSync(database.dataDir, { recursive: true });
      this.expectDbExit = false;
      this.db = await startDynamoDbLocal({
        port: database.port,
        ...(database.dataDir ? { dataDir: resolve(database.dataDir) } : {}),
      });
      this.db.process.once('exit', (code, signal) => {
        if (!this.expectDbExit)
          this.options.log(`region ${id}: DynamoDB Local exited (${signal ?? `code ${code}`})`);
      });
    }
    const client = localClient(this.dbEndpoint, id);
    try {
      const existed = await client
        .send(new DescribeTableCommand({ TableName: tableName }))
        .then(() => true)
        .catch(() => false);
      await ensureTable(client, tableName);
      return { tableCreated: !existed };
    } finally {
      client.destroy();
    }
  }

  databaseRunning(): boolean {
    if (!this.ownsDatabase) return true;
    const child = this.db?.process;
    return !!child && child.exitCode === null && child.signalCode === null;
  }

  async startApi(): Promise<void> {
    this.api.start();
    await this.api.waitUntil(
      async () => (await fetch(`${this.apiUrl}/health`, { signal: AbortSignal.timeout(2_000) })).ok,
      // undefined: waitUntil's own default.
      this.options.startTimeoutMs,
    );
  }

  startAggregator(): void {
    this.aggregator?.start();
    this.lake?.start();
  }

  /** A crash drill: SIGKILL the API process, and with `database` the region's own JVM. */
  async kill(options: { database: boolean }): Promise<void> {
    if (options.database && !this.ownsDatabase)
      throw new Error(`region ${this.id} uses a shared DynamoDB Local, which cannot be killed from here`);
    await this.api.kill();
    if (options.database && this.db) {
      this.expectDbExit = true;
      this.db.process.kill('SIGKILL');
      await new Promise<void>((done) =>
        this.databaseRunning() ? this.db?.process.once('exit', () => done()) : done(),
      );
    }
  }

  /** Shutting down (Ctrl-C reaches the children too): their exits are not crashes. */
  expectExit(): void {
    this.api.expectExit();
    this.aggregator?.expectExit();
    this.lake?.expectExit();
    this.expectDbExit = true;
  }

  async stop(): Promise<void> {
    this.expectExit();
    await Promise.all([this.api.stop(), this.aggregator?.stop(), this.lake?.stop()]);
    await this.db?.stop();
  }

  status(): RegionProcessStatus {
    return {
      id: this.id,
      apiRunning: this.api.running,
      ...(this.api.pid ? { apiPid: this.api.pid } : {}),
      databaseRunning: this.databaseRunning(),
      databaseOwned: this.ownsDatabase,
      databasePersistent: 'dataDir' in this.options.database && !!this.options.database.dataDir,
      dbEndpoint: this.dbEndpoint,
    };
  }

  apiRunning(): boolean {
    return this.api.running;
  }

  aggregatorRunning(): boolean {
    return this.aggregator?.running ?? false;
  }
}
