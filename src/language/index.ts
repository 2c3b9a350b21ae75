/**
 * The language layer: how the words people type meet the words of the articles. Folding
 * (fold.ts) is applied alike to both; a fact base's Lexicon (lexicon.ts) says what each word of
 * a question can mean among the fact base's own words, from English as wink-nlp, WordNet and
 * SUBTLEX-US describe it (english.ts), never from lists written for these articles.
 */

export { prepareEnglish, stopWords, timesOfDay } from './english.js';
export { foldQuestion, isUnmarkedContraction } from './fold.js';
export {
  buildLexicon,
  EXPANSION_WEIGHTS,
  type Expansion,
  isFunctionWord,
  isRelationOnly,
  isStopWord,
  Lexicon,
  type PartOfSpeech,
  removeStaleLexicons,
} from './lexicon.js';
export type { NounKind } from './word-entry.js';
