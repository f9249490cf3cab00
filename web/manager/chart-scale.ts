// Pure: how long a bar is drawn. Bars share one scale from 0 to the largest value; a non-zero value stays visible.

/** The scale's top: the largest value, at least 1 (an all-zero chart still has a scale). */
export const scaleMax = (values: readonly number[]): number => Math.max(1, ...values.filter(Number.isFinite));

/** A bar's length in a track `span` units long; 0 for nothing (or a negative value), at least 2 otherwise. */
export function barLength(value: number, max: number, span: number): number {
  if (!Number.isFinite(value) || value <= 0) return 0;
  return Math.min(span, Math.max(2, (value / max) * span));
}
