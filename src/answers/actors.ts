import type { Engine } from '../engine/engine.js';
import { passageTerms } from '../engine/passages.js';
import { isFunctionWord } from '../language/index.js';
import { STOPWORDS } from '../search/stopwords.js';
import { searchTokens } from '../search/tokens.js';

/**
 * Who words name as doers and receivers of what the articles tell: people of the records by the
 * words that name one of them alone, and countries by their names and their people's adjectives.
 */

const personCache = new WeakMap<Engine, Set<string>>();

/** Words that name one person alone ("netanyahu", "bibi"; not "prime" or "the"). */
export function personWords(engine: Engine): Set<string> {
  let words = personCache.get(engine);
  if (!words) {
    const count = new Map<string, number>();
    for (const p of engine.kb.people)
      for (const w of new Set([p.name, ...p.aliases].flatMap((n) => passageTerms(n))))
        count.set(w, (count.get(w) ?? 0) + 1);
    words = new Set(
      [...count].filter(([w, n]) => n === 1 && !isFunctionWord(w) && !STOPWORDS.has(w)).map(([w]) => w),
    );
    personCache.set(engine, words);
  }
  return words;
}

const idCache = new WeakMap<Engine, Map<string, string>>();

/** The person each word that names one person alone stands for ("bibi" → Netanyahu). */
export function personIds(engine: Engine): Map<string, string> {
  let ids = idCache.get(engine);
  if (!ids) {
    const words = personWords(engine);
    ids = new Map();
    for (const p of engine.kb.people)
      for (const w of [p.name, ...p.aliases].flatMap((n) => passageTerms(n)))
        if (words.has(w)) ids.set(w, p.id);
    idCache.set(engine, ids);
  }
  return ids;
}

/** The longest ending English adds to a country's name for its people (-i, -n, -ian). */
const DEMONYM_ENDING = 3;
const countryCache = new WeakMap<Engine, Map<string, string>>();

/**
 * Who a word stands for as a doer or a receiver of an action: a person ("bibi"), or a country by
 * its name or its adjective ("Israel", "Israeli": WordNet relates the two).
 */
export function actorOf(engine: Engine, word: string): string | undefined {
  const person = personIds(engine).get(word);
  if (person) return person;
  let countries = countryCache.get(engine);
  if (!countries) {
    countries = new Map();
    // Its name and its one-word aliases: a longer alias ("the Jewish state") is a description.
    for (const p of engine.kb.places.filter((p) => p.kind === 'country'))
      for (const w of [p.name, ...p.aliases.filter((a) => passageTerms(a).length === 1)].flatMap((n) =>
        passageTerms(n),
      ))
        if (!isFunctionWord(w) && !STOPWORDS.has(w)) countries.set(w, p.id);
    countryCache.set(engine, countries);
  }
  const country = countries.get(word);
  if (country || isFunctionWord(word)) return country;
  const related = engine.sense.expand(word).find((e) => e.weight >= 0.7 && countries.has(e.term));
  if (related) return countries.get(related.term);
  // A people's adjective is its country's name with an ending (Israel → Israeli, Russia → Russian).
  const stem = [...countries.keys()].find(
    (c) => word.startsWith(c) && word.length - c.length <= DEMONYM_ENDING,
  );
  return stem && countries.get(stem);
}

/** The country a word names, by its name or its people's adjective (Israel, Israeli). */
export function countryOf(engine: Engine, word: string): string | undefined {
  const id = actorOf(engine, word);
  return id && engine.kb.place(id)?.kind === 'country' ? id : undefined;
}

const partyCache = new WeakMap<Engine, Set<string>>();

/**
 * The names of the two leaders' countries, as the leaders' roles give them ("Prime Minister of
 * Israel"): like the leaders, they are what every article is about, and a sentence need not say them.
 */
export function parties(engine: Engine): Set<string> {
  let words = partyCache.get(engine);
  if (!words) {
    words = new Set([...engine.sides].flatMap((id) => searchTokens(engine.kb.place(id)?.name ?? '')));
    partyCache.set(engine, words);
  }
  return words;
}

/** A word for one of the leaders' countries: its name, or its people's adjective ("Israeli", "Russian"). */
export function isParty(engine: Engine, word: string): boolean {
  const country = countryOf(engine, word);
  const name = country && engine.kb.place(country)?.name;
  return parties(engine).has(word) || (!!name && searchTokens(name).every((w) => parties(engine).has(w)));
}

/**
 * The leader a word names by his office ("presidential" → the president of the two): the one of
 * the two whose role has the word or a form of it, when only one does.
 */
export function roleHolder(engine: Engine, word: string): string | undefined {
  if (isFunctionWord(word)) return undefined;
  const forms = new Set([
    word,
    ...engine.sense
      .expand(word)
      .filter((e) => e.weight >= ROLE_FORM)
      .map((e) => e.term),
  ]);
  const holders = engine.kb.people.filter(
    (p) => engine.principals.has(p.id) && searchTokens(p.role).some((w) => forms.has(w)),
  );
  return holders.length === 1 ? holders[0]?.id : undefined;
}

/** A derived form (presidential → president) weighs this much at least. */
const ROLE_FORM = 0.7;
