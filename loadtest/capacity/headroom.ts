// One headroom rule for every quota: plan to use at most 80 % of it, and ask for enough that the need is 80 %.
export const HEADROOM = 0.8;

export interface QuotaCheck {
  /** What is measured against what, e.g. "Lambda concurrency per region". */
  name: string;
  unit: string;
  need: number;
  quota: number;
  /** need / quota */
  share: number;
  /** need ≤ HEADROOM × quota */
  ok: boolean;
  /** The quota that would put the need at HEADROOM (only when not ok). */
  raiseTo?: number;
  /** What to do when not ok (raise a quota, pre-warm, …). */
  action: string;
}

export function quotaCheck(
  name: string,
  unit: string,
  need: number,
  quota: number,
  action: string,
): QuotaCheck {
  const ok = need <= quota * HEADROOM;
  return {
    name,
    unit,
    need,
    quota,
    share: quota === 0 ? Number.POSITIVE_INFINITY : need / quota,
    ok,
    ...(ok ? {} : { raiseTo: Math.ceil(need / HEADROOM) }),
    action,
  };
}
