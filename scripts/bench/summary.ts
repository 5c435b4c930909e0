/** Medians and spreads of the rounds, as the bench prints them. */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** `median (min–max)` with `digits` decimals; only the median when all rounds agree or there is one. */
export function spread(values: readonly number[], digits = 0): string {
  const m = median(values).toFixed(digits);
  const lo = Math.min(...values).toFixed(digits);
  const hi = Math.max(...values).toFixed(digits);
  return lo === hi ? m : `${m} (${lo}–${hi})`;
}
