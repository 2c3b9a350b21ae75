import type { InsightsData } from '../store/store.js';

/** Whatever can read the record for a period: the recorder of a running bot, or the store itself. */
export interface InsightsSource {
  report(days: number): Promise<InsightsData | undefined>;
}
