/**
 * Where a fact base keeps its records: one YAML file per collection, read in this order, and
 * the article texts in a folder beside them.
 */
export const COLLECTION_FILES = {
  sources: 'sources.yaml',
  people: 'people.yaml',
  places: 'places.yaml',
  topics: 'topics.yaml',
  meetings: 'meetings.yaml',
  events: 'events.yaml',
  quotes: 'quotes.yaml',
} as const;

export const ARTICLES_FOLDER = 'articles';
