import { loadKnowledge } from '../knowledge/load.js';
import { Engine } from './engine.js';

/** Loads and validates a fact base folder and builds the engine over it; throws a KnowledgeError. */
export function createEngine(dir: string): Engine {
  return new Engine(loadKnowledge(dir));
}
