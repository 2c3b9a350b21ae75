/**
 * How many cases the property tests generate. SUMMIT_PROPERTY_RUNS multiplies every count (and
 * the time a property may take), so that a long run before a release searches further than CI.
 */

const MULTIPLIER = (() => {
  const n = Number(process.env.SUMMIT_PROPERTY_RUNS ?? 1);
  return Number.isFinite(n) && n > 0 ? n : 1;
})();

/** `base` cases scaled by SUMMIT_PROPERTY_RUNS, never fewer than one. */
export const runs = (base: number) => Math.max(1, Math.round(base * MULTIPLIER));

/** How long one property may run, scaled with its number of cases. */
export const PROPERTY_TIMEOUT_MS = 120_000 * MULTIPLIER;
