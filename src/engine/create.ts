import { loadKnowledge } from '../knowledge/load.js';
import { readSnapshot } from '../knowledge/snapshot.js';
import { Engine } from './engine.js';
import { readPrebuiltIndexes } from './prebuilt.js';

/**
 * Loads and validates a fact base folder and builds the engine over it; throws a KnowledgeError.
 * A folder exactly as it was when a snapshot of it was saved starts from the snapshot, and from
 * the indexes prebuilt for it; any change to any of its files means it is validated in full.
 */
export function createEngine(dir: string): Engine {
  const kb = readSnapshot(dir) ?? loadKnowledge(dir);
  return new Engine(kb, readPrebuiltIndexes(kb));
}
