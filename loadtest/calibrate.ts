// `npm run loadtest -- --calibrate`: how many API requests/s one Artillery worker sends per vCPU while staying under
// 70 % CPU, measured here against the local system (Artillery's CPU time per request does not depend on how fast
// the target answers). --plan sizes its workers with it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LOADTEST_DIR } from './artillery-runner.ts';
import { apiRequestsPerUser } from './model-profiles.ts';
import { FARGATE_VCPUS } from './plan.ts';
import { requestsPerUser } from './profiles.ts';
import type { Flow } from './scenarios.ts';

export const CALIBRATION_FILE = join(LOADTEST_DIR, 'results', 'calibration.json');
/** Artillery's CPU share at which a worker counts as fully used (beyond it, its own queueing shows as latency). */
export const CALIBRATION_CPU_SHARE = 0.7;
/** A Lambda worker of 4,096 MB gets about 2.3 vCPUs (Lambda allocates CPU in proportion to memory). */
export const LAMBDA_WORKER_VCPUS = 2.3;

export interface Calibration {
  measuredAt: string;
  target: string;
  httpRequests: number;
  artilleryCpuSeconds: number;
  cpuMsPerHttpRequest: number;
  /** HTTP requests per API request in the model flows (pages, /reference, /keys and the outbox ride along). */
  httpPerApiRequest: number;
  apiRequestsPerVcpu: number;
  perWorker: { fargate: number; lambda: number };
  loadAverage: number;
}

export function calibration(
  measured: { httpRequests: number; artilleryCpuSeconds: number; target: string; loadAverage: number },
  flows: readonly Flow[],
  now = new Date(),
): Calibration {
  const cpuMsPerHttpRequest = (measured.artilleryCpuSeconds * 1000) / Math.max(1, measured.httpRequests);
  const httpPerApiRequest = requestsPerUser(flows) / apiRequestsPerUser(flows);
  const apiRequestsPerVcpu = (CALIBRATION_CPU_SHARE * 1000) / cpuMsPerHttpRequest / httpPerApiRequest;
  return {
    measuredAt: now.toISOString(),
    ...measured,
    cpuMsPerHttpRequest,
    httpPerApiRequest,
    apiRequestsPerVcpu,
    perWorker: {
      fargate: Math.floor(apiRequestsPerVcpu * FARGATE_VCPUS),
      lambda: Math.floor(apiRequestsPerVcpu * LAMBDA_WORKER_VCPUS),
    },
  };
}

export function writeCalibration(result: Calibration, file = CALIBRATION_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}

export function readCalibration(file = CALIBRATION_FILE): Calibration | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Calibration) : undefined;
}

export function calibrationText(c: Calibration): string {
  return [
    `Artillery used ${c.artilleryCpuSeconds.toFixed(1)} CPU-s for ${c.httpRequests} HTTP requests: ` +
      `${c.cpuMsPerHttpRequest.toFixed(2)} ms each (${c.target}, load average ${c.loadAverage.toFixed(1)})`,
    `${c.httpPerApiRequest.toFixed(2)} HTTP requests per API request in the model flows → ` +
      `${c.apiRequestsPerVcpu.toFixed(0)} API req/s per vCPU at ${CALIBRATION_CPU_SHARE * 100} % CPU`,
    `per worker: Fargate ${FARGATE_VCPUS} vCPU ${c.perWorker.fargate} req/s, Lambda 4,096 MB ${c.perWorker.lambda} req/s ` +
      `(written to ${CALIBRATION_FILE}; --plan uses it)`,
  ].join('\n');
}
