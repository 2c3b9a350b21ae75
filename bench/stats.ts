/** Figures from lists of timings. */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(p * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

export const median = (values: readonly number[]) => percentile(values, 0.5);

/** Milliseconds, with the precision the size calls for. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 100) return `${Math.round(value)} ms`;
  if (value >= 1) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function mb(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1_048_576).toFixed(1)} MB` : '–';
}

/** Summit ÷ baseline, and how many times faster or smaller that makes Summit. */
export function ratio(summit: number, baseline: number): string {
  if (!Number.isFinite(summit) || !Number.isFinite(baseline) || baseline <= 0) return '–';
  const r = summit / baseline;
  const times = r > 0 ? 1 / r : Number.POSITIVE_INFINITY;
  const shown = r >= 0.01 ? r.toFixed(2) : r.toExponential(1);
  return times >= 1.05 ? `${shown} (${times >= 100 ? Math.round(times) : times.toFixed(1)}× less)` : shown;
}

export function share(hits: number, total: number): string {
  return total ? `${(hits / total).toFixed(3)} (${hits}/${total})` : '–';
}

/** Timings in milliseconds, from the moment `start` was taken. */
export const since = (start: number) => performance.now() - start;
