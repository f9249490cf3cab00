// Replication lag samples over a sliding window (the last N applies), with percentiles for the status page.

export interface LagSummary {
  p50: number | null;
  p99: number | null;
  last: number | null;
  samples: number;
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

export class LagWindow {
  private readonly values: number[] = [];
  private next = 0;
  private lastValue: number | null = null;

  constructor(private readonly size = 1_000) {}

  record(ms: number): void {
    const value = Math.max(0, Math.round(ms));
    this.lastValue = value;
    if (this.values.length < this.size) this.values.push(value);
    else this.values[this.next] = value;
    this.next = (this.next + 1) % this.size;
  }

  summary(): LagSummary {
    const sorted = [...this.values].sort((a, b) => a - b);
    return {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      last: this.lastValue,
      samples: sorted.length,
    };
  }

  reset(): void {
    this.values.length = 0;
    this.next = 0;
    this.lastValue = null;
  }
}
