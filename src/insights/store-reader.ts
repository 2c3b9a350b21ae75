import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import type { RecordingOptions } from './recorder.js';
import type { InsightsSource } from './source.js';

const DAY_MS = 86_400_000;

/**
 * The record read directly, for programs that only read it (the console's /insights): the store
 * is opened on the first read, and a store that cannot be opened reads as absent.
 */
export function storeReader(options: RecordingOptions): InsightsSource & { close(): Promise<void> } {
  let store: Promise<Store> | undefined;
  return {
    async report(days) {
      if (!options.enabled) return undefined;
      store ??= openStore(options.where);
      const opened = await store.catch(() => {
        store = undefined;
        return undefined;
      });
      return opened?.insights(Date.now() - days * DAY_MS);
    },
    async close() {
      await (await store?.catch(() => undefined))?.close();
    },
  };
}
