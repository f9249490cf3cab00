// The request mix the capacity model predicts for the API, and flow weights that make the load-test flows send it.
// The flows are fixed sequences (a citizen registers, then applies…), so the weights are fitted: non-negative
// least squares on each endpoint's relative error. What cannot be matched is reported, not hidden.
import { OTHER } from './capacity/assumptions.ts';
import { apiCalls, LAUNCH, launchCounts, REQUEST_COSTS } from './capacity/launch-mix.ts';
import { type EndpointName, FLOWS, type Flow, requestMix } from './scenarios.ts';

/** API requests per second the model predicts at the launch's mean, per endpoint (CloudFront's share removed). */
export function modelApiRates(requests = LAUNCH.hits, hours = LAUNCH.hours): Map<EndpointName, number> {
  const counts = launchCounts(requests);
  const rates = new Map<EndpointName, number>();
  for (const [name, n] of Object.entries(counts)) {
    const reaching = apiCalls({ [name]: n }, OTHER.cacheHitRatio.value);
    if (reaching > 0) rates.set(name as EndpointName, reaching / (hours * 3600));
  }
  return rates;
}

/** The endpoints whose every request reaches the API (CloudFront answers most /reference and /keys). */
const isDynamic = (name: string) => REQUEST_COSTS[name as keyof typeof REQUEST_COSTS]?.class === 'dynamic';

/** Requests per user of one flow, by endpoint. */
const flowVector = (flow: Flow) => requestMix([{ ...flow, weight: 1 }]);

/** Solves the normal equations (AᵀA)x = Aᵀb by Gaussian elimination; undefined when singular. */
function leastSquares(columns: number[][], b: number[]): number[] | undefined {
  const k = columns.length;
  const m = columns.map((ci) => [...columns.map((cj) => dot(ci, cj)), dot(ci, b)]);
  for (let i = 0; i < k; i++) {
    const pivot = m
      .slice(i)
      .reduce((best, row, j) => (Math.abs(row[i] ?? 0) > Math.abs(m[best]?.[i] ?? 0) ? i + j : best), i);
    [m[i], m[pivot]] = [m[pivot] as number[], m[i] as number[]];
    const p = m[i]?.[i] ?? 0;
    if (Math.abs(p) < 1e-12) return undefined;
    for (let r = 0; r < k; r++) {
      if (r === i) continue;
      const f = (m[r]?.[i] ?? 0) / p;
      for (let c = i; c <= k; c++) (m[r] as number[])[c] = (m[r]?.[c] ?? 0) - f * (m[i]?.[c] ?? 0);
    }
  }
  return m.map((row, i) => (row[k] ?? 0) / (row[i] ?? 1));
}
const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

export interface FittedMix {
  flows: Flow[];
  /** Per endpoint the model asks: its share of API requests, asked and sent by the fitted flows. */
  endpoints: { name: EndpointName; asked: number; sent: number }[];
  /** Requests per user the flows send beyond the dynamic ones (pages, /reference, /keys, the local outbox). */
  extraPerUser: number;
}

/**
 * Weights for `flows` (every subset tried, as there are few flows) minimising the squared difference between the
 * requests per user the flows send and the model's dynamic API mix (scaled to fit), with no negative weight.
 * Cacheable and static requests are left out of the fit: CloudFront answers them in AWS.
 */
export function fitFlowsToModel(flows: readonly Flow[] = FLOWS, model = modelApiRates()): FittedMix {
  const target = new Map([...model].filter(([name]) => isDynamic(name)));
  const names = [...target.keys()];
  const vectors = flows.map(flowVector);
  const columns = vectors.map((v) => names.map((n) => v.get(n) ?? 0));
  const targetTotal = [...target.values()].reduce((a, b) => a + b, 0);
  const ones = names.map((n) => (target.get(n) as number) / targetTotal);
  let best: { weights: number[]; residual: number } | undefined;
  for (let subset = 1; subset < 1 << flows.length; subset++) {
    const chosen = flows.map((_, i) => i).filter((i) => subset & (1 << i));
    const solution = leastSquares(
      chosen.map((i) => columns[i] as number[]),
      ones,
    );
    if (!solution || solution.some((w) => w < 0)) continue;
    const weights = flows.map((_, i) => solution[chosen.indexOf(i)] ?? 0);
    const fitted = names.map((_, e) => weights.reduce((sum, w, f) => sum + w * (columns[f]?.[e] ?? 0), 0));
    const residual = fitted.reduce((sum, x, e) => sum + (x - (ones[e] as number)) ** 2, 0);
    if (!best || residual < best.residual) best = { weights, residual };
  }
  if (!best) throw new Error('no non-negative flow weights fit the model mix');
  const total = best.weights.reduce((a, b) => a + b, 0);
  // Whole-number weights Artillery accepts, in thousandths of the users.
  const fittedFlows = flows
    .map((flow, i) => ({ ...flow, weight: Math.round(((best?.weights[i] ?? 0) / total) * 1000) }))
    .filter((flow) => flow.weight > 0);
  const sentMix = requestMix(fittedFlows);
  const sentApi = names.reduce((sum, n) => sum + (sentMix.get(n) ?? 0), 0);
  const askedApi = names.reduce((sum, n) => sum + (target.get(n) ?? 0), 0);
  const everyRequest = [...sentMix.values()].reduce((a, b) => a + b, 0);
  return {
    flows: fittedFlows,
    endpoints: names.map((name) => ({
      name,
      asked: (target.get(name) ?? 0) / askedApi,
      sent: (sentMix.get(name) ?? 0) / sentApi,
    })),
    extraPerUser: everyRequest - sentApi,
  };
}
