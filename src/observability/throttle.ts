/**
 * A failure that repeats on every request (a dead Redis, a scanner failing TLS handshakes) is
 * reported at most once per interval, with how many were left out since the last report: the log
 * stays readable and nobody outside can flood it.
 */
export function throttled<T>(
  report: (value: T, suppressed: number) => void,
  now: () => number,
  intervalMs = 1_000,
): (value: T) => void {
  let lastAt = -Infinity;
  let suppressed = 0;
  return (value) => {
    const at = now();
    if (at - lastAt < intervalMs) {
      suppressed += 1;
      return;
    }
    lastAt = at;
    const skipped = suppressed;
    suppressed = 0;
    report(value, skipped);
  };
}
