import type { Engine, Understanding } from '../engine/engine.js';
import type { Passage } from '../engine/passages.js';
import { oneLine } from '../limits.js';
import type { QueryGroup } from '../search/bm25.js';
import { STOPWORDS } from '../search/stopwords.js';
import { searchTokens } from '../search/tokens.js';
import { citeSources, echo, listWords } from './format.js';
import { type Reply, reply } from './reply.js';

/** A sentence longer than this is cut, so that three fit any reply. */
const SENTENCE_CHARACTERS = 600;
/** Sentences scoring below this share of the best one answer something else. */
const CLOSE_TO_BEST = 0.6;

/** The words of a question that carry its content, and the corpus terms each can mean. */
export interface QuestionTerms {
  words: string[];
  groups: QueryGroup[];
  /** Content words with no term in the articles or records, in any form or spelling. */
  unknown: string[];
}

/** A sentence found for a question, with what it matched. */
export interface Found {
  passage: Passage;
  score: number;
  /** How many of the question's content words it matched. */
  matched: number;
  /** Which content words (as a bit set over `QuestionTerms.groups`). */
  groups: number;
}

export function questionTerms(engine: Engine, question: string, u?: Understanding): QuestionTerms {
  const words = [...new Set(searchTokens(question).filter((t) => !STOPWORDS.has(t)))];
  const groups: QueryGroup[] = [];
  const unknown: string[] = [];
  const index = engine.passages.index;
  for (const word of words) {
    const group = engine.sense.expand(word).filter((e) => index.has(e.term) || engine.vocabulary.has(e.term));
    if (group.length) groups.push(group);
    else unknown.push(word);
  }
  // A name typed as its alias or misspelt ("bibi", "Netanjahu") searches as the name the articles use.
  for (const named of [...(u?.people ?? []), ...(u?.places ?? [])]) {
    const terms = searchTokens(named.name).filter((t) => !STOPWORDS.has(t) && !words.includes(t));
    if (terms.length) groups.push(terms.map((term) => ({ term, weight: 0.9 })));
  }
  return { words, groups, unknown };
}

/** The sentences that best answer a question: the best, and those close to it; at most `limit`. */
export function findPassages(
  engine: Engine,
  terms: QuestionTerms,
  limit = 3,
  within?: (p: Passage) => boolean,
): Found[] {
  const { passages, index } = engine.passages;
  const hits = index.search(terms.groups, Math.max(limit * 4, 12), within && ((i) => within(passages[i] as Passage)));
  const [best] = hits;
  if (!best) return [];
  return hits
    .filter((h) => h.score >= best.score * CLOSE_TO_BEST)
    .slice(0, limit)
    .map((h) => ({ passage: passages[h.index] as Passage, score: h.score, matched: h.matched, groups: h.groups }));
}

/** Sentences as quoted lines, each followed by the article it comes from. */
export function quotedPassages(found: readonly Found[]): string {
  return found
    .map(({ passage }) => `> ${oneLine(passage.text, SENTENCE_CHARACTERS)}\n— _${passage.source.title}_`)
    .join('\n');
}

export function citePassages(engine: Engine, found: readonly Found[]) {
  return citeSources(
    engine.kb,
    found.map((f) => f.passage.source.id),
  );
}

/** "What the articles say:" with the sentences that best answer the question, or nothing. */
export function groundedAnswer(
  engine: Engine,
  question: string,
  u: Understanding,
  lead = 'What the articles say:',
): Reply | undefined {
  const terms = questionTerms(engine, question, u);
  const found = findPassages(engine, terms);
  if (!found.length) return undefined;
  return reply({
    title: 'From the articles',
    text: `${lead}\n${quotedPassages(found)}`,
    citations: citePassages(engine, found),
  });
}

/** A structured answer, followed by the sentences of the articles that back it. */
export function withPassages(engine: Engine, question: string, u: Understanding, answer: Reply, limit = 2): Reply {
  if (answer.kind !== 'answer') return answer;
  const found = findPassages(engine, questionTerms(engine, question, u), limit).filter(
    (f) => !answer.text.includes(f.passage.text.slice(0, 60)),
  );
  if (!found.length) return answer;
  const known = new Set(answer.citations.map((c) => c.sourceId));
  return {
    ...answer,
    text: `${answer.text}\n**In the articles' words:**\n${quotedPassages(found)}`,
    citations: [...answer.citations, ...citePassages(engine, found).filter((c) => !known.has(c.sourceId))],
  };
}

/** "The articles don't cover X", with the sentences closest to the rest of the question. */
export function notCovered(engine: Engine, question: string, u: Understanding, missing: string[]): Reply {
  const terms = questionTerms(engine, question, u);
  const found = findPassages(engine, terms, 2);
  const closest = found.length ? `\nThe closest they come:\n${quotedPassages(found)}` : '';
  return reply({
    kind: 'not-found',
    title: 'Not in the articles',
    text: `The articles don't cover ${listWords(missing.map(echo))}.${closest}`,
    citations: citePassages(engine, found),
    followUps: [{ label: 'All meetings', command: '/meetings' }],
  });
}

/**
 * The salient words of a question the articles never mention, in any form or spelling: names
 * (written with a capital inside the sentence) and words that are no ordinary English. An
 * ordinary word the articles happen not to use ("respond", "supposed") decides nothing.
 */
export function uncovered(engine: Engine, question: string, terms: QuestionTerms): string[] {
  if (!terms.unknown.length) return [];
  const capitalised = new Set(
    question
      .split(/\s+/)
      .slice(1)
      .filter((w) => /^\p{Lu}/u.test(w))
      .flatMap((w) => searchTokens(w)),
  );
  return terms.unknown.filter((w) => capitalised.has(w) || !engine.sense.isEnglish(w));
}
