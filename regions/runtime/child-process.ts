// Node child processes of the local deployment (region APIs, aggregators): spawn with tsx, prefix logs, reap.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const running = new Set<ChildProcess>();
// No child outlives the orchestrator, whichever way it ends (the children also exit when the IPC channel closes).
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface ChildSpec {
  name: string;
  /** Absolute path of a TypeScript entry module. */
  entry: string;
  env: Record<string, string>;
  log?: (line: string) => void;
  /** Called when the child ends without being asked to. */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

export class ManagedChild {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private expectingExit = false;
  private recent: string[] = [];

  constructor(private readonly spec: ChildSpec) {}

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the child printed, for error messages. */
  output(): string {
    return this.recent.join('\n');
  }

  start(): void {
    if (this.running) return;
    this.expectingExit = false;
    const child = spawn(process.execPath, ['--import', 'tsx', this.spec.entry], {
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env, ...this.spec.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    running.add(child);
    for (const stream of [child.stdout, child.stderr])
      if (stream)
        createInterface({ input: stream }).on('line', (line) => {
          this.recent = [...this.recent.slice(-19), line];
          this.spec.log?.(`[${this.spec.name}] ${line}`);
        });
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        running.delete(child);
        if (!this.expectingExit) this.spec.onUnexpectedExit?.(code, signal);
        resolve();
      }),
    );
  }

  /** From now on an exit is expected (shutting down): it is not reported as a crash. */
  expectExit(): void {
    this.expectingExit = true;
  }

  /** Like a crash: SIGKILL, no goodbye. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.expectingExit = true;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL if it lingers. */
  async stop(graceMs = 3_000): Promise<void> {
    if (!this.running) return;
    this.expectingExit = true;
    this.child?.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Resolves when `ready()` says so; rejects if the child exits first or time runs out. */
  async waitUntil(ready: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.spec.name} exited while starting:\n${this.output()}`);
      if (await ready().catch(() => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.spec.name} was not ready within ${timeoutMs / 1000} s:\n${this.output()}`);
  }
}
