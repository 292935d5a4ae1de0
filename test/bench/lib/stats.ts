// Percentiles and the clock every bench process shares: wall-clock milliseconds with sub-millisecond precision.

/** The same time base in every process on this machine, so a send in one and a receipt in another compare. */
export const wallMs = (): number => performance.timeOrigin + performance.now();

/** The p-th percentile (nearest rank) of xs; NaN when there are none. */
export function pct(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (x: number, digits = 1): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
