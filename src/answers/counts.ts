import type { Engine, Understanding } from '../engine/engine.js';
import { passageTerms } from '../engine/passages.js';
import { EXPANSION_WEIGHTS, isFunctionWord } from '../language/index.js';
import { foldForSearch } from '../text/normalise.js';
import { citeSources, echo, listWords } from './format.js';
import { coversNames, type Found, findPassages, questionTerms, quoting } from './passages.js';
import { type Reply, reply } from './reply.js';

/**
 * Nouns that count occurrences rather than things ("how many times", "how many meetings"): they
 * ask for the meetings the records hold. An English fact, with their lemmas.
 */
export const OCCURRENCES: ReadonlySet<string> = new Set(['time', 'meeting', 'meet', 'occasion']);

/**
 * What "how many …" counts: the head of the noun phrase after it ("different cities" → cities,
 * "world leaders" → leaders, "separate Netanyahu–Putin meetings" → meetings), by the words'
 * parts of speech.
 */
export function countedWord(engine: Engine, question: string): string | undefined {
  // "deals/documents" offers one thing in two words: the first is it.
  const folded = foldForSearch(question.replace(/(\p{L}+)\s*\/\s*\p{L}+/gu, '$1'));
  const after = folded.match(/\bhow many\s+(.*)$/)?.[1] ?? folded.match(/\bnumber of\s+(.*)$/)?.[1];
  if (!after) return undefined;
  const words = after.split(' ').filter(Boolean);
  const isNoun = (w: string) => !isFunctionWord(w) && engine.sense.partOfSpeech(w) === 'noun';
  const start = words.findIndex(isNoun);
  if (start < 0) return words.find((w) => !isFunctionWord(w));
  // Names inside the phrase describe its head ("separate Netanyahu–Putin meetings"), and a name
  // after it is no part of it ("times Netanyahu met").
  let head = start;
  for (let i = start + 1; i < words.length; i++) {
    const w = words[i] as string;
    // A plural is the head: a noun after it starts something else ("meetings total").
    if (engine.sense.isPlural(words[head] as string)) break;
    // A stop word ends the phrase, whatever else WordNet files it as ("ministers get named").
    if (engine.sense.isStopWord(w)) break;
    if (isNoun(w)) head = i;
    else if (isFunctionWord(w) || engine.sense.partOfSpeech(w) !== 'proper') break;
  }
  return words[head];
}

/**
 * Sentences that answer the question and state a number (numerals and number words alike);
 * `about` adds words the count is of, which the question may leave implicit.
 */
export function numberSentences(
  engine: Engine,
  question: string,
  u: Understanding,
  about: readonly string[] = [],
): Found[] {
  const terms = questionTerms(engine, question, u, { described: true });
  for (const word of about) {
    const group = engine.sense.expand(word).filter((e) => engine.passages.index.has(e.term));
    if (group.length) {
      terms.groups.push(group);
      terms.kinds.push('word');
    }
  }
  // Every numbered sentence on the subject is a candidate: which states the count is checked after.
  const { numbered } = engine.passages;
  // A number stated of another occasion than the one asked about counts something else.
  return findPassages(engine, terms, 12, { accepts: (i) => numbered[i] === 1 }, 0).filter((f) =>
    coversNames(engine, terms, f),
  );
}

/** The words "how many …" puts before the thing it counts ("israeli clean tech" firms). */
export function countedModifiers(folded: string, counted: string): string[] {
  const after = folded.match(/\bhow many\s+(.*)$/)?.[1] ?? folded.match(/\bnumber of\s+(.*)$/)?.[1] ?? '';
  const words = after.split(' ');
  return words.slice(0, Math.max(0, words.indexOf(counted))).filter((w) => w && !isFunctionWord(w));
}

/** Two words of description or more say which things are meant, whatever they are called. */
const DESCRIBED = 2;

/**
 * Whether a sentence states a number of the thing counted ("8 clean tech companies"): before it,
 * in the same noun phrase (no function word between). The things may be called otherwise when
 * the phrase describes them with all the question's words, two or more ("eight Israeli clean-tech
 * companies" are the Israeli clean-tech firms).
 */
export function statesCount(
  engine: Engine,
  found: Found,
  counted: string,
  modifiers: readonly string[] = [],
): boolean {
  // The counted word as typed or spelled out ("yrs" is years).
  const lemmas = new Set([
    engine.sense.lemma(counted),
    ...engine.sense
      .expand(counted)
      .filter((e) => e.weight >= EXPANSION_WEIGHTS.shorthand)
      .map((e) => engine.sense.lemma(e.term)),
  ]);
  // Time is counted in any of its nouns: "the 75th anniversary" numbers the years.
  const ofTime = engine.sense.kind(counted) === 'time';
  // A noun defined by a number counts as its definition: a centennial is "the 100th anniversary".
  const terms = passageTerms(found.passage.text).flatMap((t) => {
    const defined = engine.sense.numberDefinition(t);
    return defined ? passageTerms(defined) : [t];
  });
  return terms.some((t, i) => {
    if (!/^\d/.test(t)) return false;
    const end = terms.findIndex((w, j) => j > i && isFunctionWord(w));
    const phrase = terms.slice(i + 1, end < 0 ? undefined : end);
    return (
      phrase.some((n) => lemmas.has(engine.sense.lemma(n)) || (ofTime && engine.sense.kind(n) === 'time')) ||
      (modifiers.length >= DESCRIBED && modifiers.every((m) => phrase.includes(m)))
    );
  });
}

/**
 * What the sentences found say of a number in a word that means one: "In WordNet's words, a
 * **centennial** is “the 100th anniversary”." Undefined when they give numbers in figures only.
 */
export function definedNumbers(engine: Engine, found: readonly Found[]): string | undefined {
  const defined = new Map<string, string>();
  for (const f of found)
    for (const t of passageTerms(f.passage.text)) {
      const definition = engine.sense.numberDefinition(t);
      if (definition) defined.set(t, definition);
    }
  if (!defined.size) return undefined;
  const said = [...defined].map(([word, definition]) => `a **${word}** is “${definition}”`);
  return `In WordNet's words, ${listWords(said)}. What the articles say:`;
}

/** A word WordNet relates this closely to the counted one names it too (deal: agreement, understanding). */
const MEANS = 0.5;

/**
 * The things a sentence names one by one when the articles give no figure: "how many deals"
 * against "an agreement was finalised on pensions …, while a memorandum of understanding … was
 * also signed" is two. Each distinct noun the counted word means, in the best sentence on the
 * question that names two or more; nothing when none does.
 */
export function enumerated(engine: Engine, counted: string, found: readonly Found[]): Reply | undefined {
  const lemma = engine.sense.lemma(counted);
  const meanings = new Set(
    engine.sense
      .expand(counted)
      .filter((e) => e.weight >= MEANS)
      .map((e) => engine.sense.lemma(e.term)),
  );
  const namedIn = (f: Found) =>
    new Set(
      passageTerms(f.passage.text)
        .filter((t) => engine.sense.partOfSpeech(t) === 'noun')
        .map((t) => engine.sense.lemma(t))
        .filter((l) => l === lemma || meanings.has(l)),
    ).size;
  const best = found.find((f) => namedIn(f) >= 2);
  if (!best) return undefined;
  const quoted = quoting(engine, [best]);
  return reply({
    title: `How many ${counted}`,
    text: `**${namedIn(best)}**, named one by one in one sentence (the articles give no figure):\n${quoted.text}`,
    citations: quoted.citations,
  });
}

/**
 * "The articles give no number of X", with what they do say about it: a count they do not state
 * is not an answer they refuse.
 */
export function notCounted(engine: Engine, counted: string, closest: readonly Found[]): Reply {
  const shown = closest.slice(0, 2);
  const quoted = quoting(engine, shown);
  // Sentences that speak of the things may let a reader count them; none that do, and the
  // articles simply don't say ("how many crew").
  const lemma = engine.sense.lemma(counted);
  const spoken = shown.some((f) => passageTerms(f.passage.text).some((t) => engine.sense.lemma(t) === lemma));
  return reply({
    kind: closest.length ? 'answer' : 'not-found',
    title: closest.length ? 'From the articles' : 'Not in the articles',
    text: closest.length
      ? `${spoken ? `The articles give no number of ${echo(counted)}` : `The articles don't say how many ${echo(counted)}`}. What they say:\n${quoted.text}`
      : `The articles don't say how many ${echo(counted)}.`,
    citations: quoted.citations,
  });
}

/**
 * "How many defense ministers get named": the people of the records whose role is the counted
 * word with every word before it ("Defense Minister of Russia", "… of Israel"), with the words of
 * the articles that name them so. Nothing when no role is one.
 */
export function peopleByRole(
  engine: Engine,
  counted: string,
  described: readonly string[],
): Reply | undefined {
  const lemma = (w: string) => engine.sense.lemma(w);
  const holders = engine.kb.people.filter((p) => {
    const role = new Set(passageTerms(p.role).map(lemma));
    return role.has(lemma(counted)) && described.every((w) => role.has(lemma(w)));
  });
  if (!holders.length) return undefined;
  const named = holders.map((p) => `${p.name} (${p.role})`);
  return reply({
    title: `How many ${[...described, counted].join(' ')}`,
    text: `The articles name **${holders.length}**: ${named.join('; ')}.`,
    citations: citeSources(
      engine.kb,
      holders.flatMap((p) => p.evidence.map((e) => e.source)),
    ),
  });
}
