/**
 * Text normalisation shared by the fact-base checker (is this span verbatim in its article?)
 * and the search engine (does this query match that record?).
 */

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;

/** Typographic quotes to ASCII and runs of white space to one space: how spans are compared. */
export function normaliseForComparison(value: string): string {
  return value
    .normalize('NFC')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

const COMBINING_MARKS = /\p{M}/gu;
const INVISIBLE = /[\u200B-\u200F\u2028-\u202F\u2060-\u206F\uFEFF]/g;

/** A name written as a few letters and a number, as models and summits are: s300 (S-300), g20, su24, and their plurals (S-300s). */
export const isModelCode = (word: string): boolean => /^[a-z]{1,3}\d+s?$/.test(word);

/** A few letters and their number hyphenated are one name, as a model or a summit is written either way (S-300, S300; S-300s). */
export const joinCodes = (text: string): string =>
  text.replace(/(?<![\p{L}\p{N}])(\p{L}{1,3})[-\u2010\u2011](\d+s?)(?![\p{L}\p{N}])/gu, '$1$2');

/**
 * The search form of a text: lower case, accents stripped, apostrophes dropped inside words
 * (Ya'alon → yaalon), hyphens and other punctuation turned into spaces.
 */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(SINGLE_QUOTES, "'")
    .replace(DASHES, '-')
    .replace(/(\p{L})'(\p{L})/gu, '$1$2')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Search tokens; a hyphenated or apostrophised word also yields its joined form (high-tech → hightech). */
export function tokenize(value: string): string[] {
  const tokens = foldForSearch(value).split(' ').filter(Boolean);
  const joined = value
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(DASHES, '-')
    .match(/\p{L}+(?:-\p{L}+)+/gu);
  if (joined) tokens.push(...joined.map((w) => w.replace(/-/g, '')));
  return tokens;
}
