import type { eventKinds } from '../../src/knowledge/schema.js';
import events from './words/events.json' with { type: 'json' };
import people from './words/people.json' with { type: 'json' };
import places from './words/places.json' with { type: 'json' };
import sentences from './words/sentences.json' with { type: 'json' };
import syllables from './words/syllables.json' with { type: 'json' };
import topics from './words/topics.json' with { type: 'json' };

/**
 * The raw material of synthetic fact bases, kept as data in words/: real countries and cities,
 * the subjects leaders discuss, and the words their statements are made of. Names of venues and
 * people beyond these lists are made up from syllables, so that a large fact base has a large
 * vocabulary too. This module only gives the data its types.
 */

export interface CountrySeed {
  name: string;
  aliases: string[];
  cities: string[];
}

export interface TopicSeed {
  label: string;
  aliases: string[];
  /** How an article names it in a sentence: "the situation in Syria". */
  phrase: string;
}

export interface EventSeed {
  kind: (typeof eventKinds)[number];
  label: string;
  aliases: string[];
}

export const COUNTRIES: CountrySeed[] = places.countries;
export const CITY_ALIASES: Record<string, string[]> = places.cityAliases;
export const VENUE_KINDS: string[] = places.venueKinds;
export const OCCASION_KINDS: { label: string; aliases: string[] }[] = places.occasionKinds;
export const TOPICS: TopicSeed[] = topics.topics;
export const PUBLISHERS: string[] = people.publishers;
export const FIRST_NAMES: string[] = people.firstNames;
export const LAST_NAMES: string[] = people.lastNames;
export const ROLES: string[] = people.roles;
export const ONSETS: string[] = syllables.onsets;
export const VOWELS: string[] = syllables.vowels;
export const CODAS: string[] = syllables.codas;
export const BODIES: string[] = syllables.bodies;
export const NOUNS: string[] = sentences.nouns;
export const ADJECTIVES: string[] = sentences.adjectives;
export const VERBS: string[] = sentences.verbs;
export const ADVERBS: string[] = sentences.adverbs;
export const OPENINGS: string[] = sentences.openings;
export const CLOSINGS: string[] = sentences.closings;
/** January to December, as English writes them, from the platform's own calendar names. */
export const MONTH_NAMES: string[] = Array.from({ length: 12 }, (_, month) =>
  new Date(Date.UTC(2000, month)).toLocaleString('en', { month: 'long', timeZone: 'UTC' }),
);
export const EVENT_SEEDS = events.eventSeeds as EventSeed[];
