import numberToWords from 'number-to-words';
import shorthand from './data/english-chat.json' with { type: 'json' };
import { contractions, english } from './english.js';

/**
 * One form for the ways English writes the same word, applied alike to the articles and to
 * questions so that they meet: lower case without accents; possessives reduced to the name
 * (Netanyahu's, Netanyahu’s → netanyahu); numbers in digits (seven → 7, twenty-five → 25,
 * third → 3rd); World War I, WWI, WW1 and the First World War all "world war 1"; a hyphenated
 * word both as its parts and joined (clean-tech → clean tech cleantech, so cleantech meets it);
 * contractions spelled out (didn't, didnt → did not).
 * The result is words of letters and digits separated by single spaces; folding it again
 * changes nothing.
 */

const { toOrdinal, toWords, toWordsOrdinal } = numberToWords;
const COMBINING_MARKS = /\p{M}/gu;
const INVISIBLE = /[\u200B-\u200F\u2028-\u202F\u2060-\u206F\uFEFF]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/g;
/** Hyphens join words (clean-tech); the figure, en and em dashes and the bar separate them. */
const HYPHENS = /[\u2010\u2011\u2212]/g;
const DASHES = /[\u2012-\u2015]/g;
/**
 * ASCII and the punctuation of edited text (quotes, dashes, no-break space, bullet, ellipsis),
 * which folding reads as separators or apostrophes whatever their Unicode normal forms.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is what ASCII is.
const TYPOGRAPHIC = /^[\x00-\x7f\u00a0\u2018\u2019\u201c\u201d\u2013\u2014\u2022\u2026]*$/;
const APOSTROPHE = 39;
const HYPHEN = 45;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const ORDINAL_DIGITS = /^\d+(st|nd|rd|th)$/;
const CONTRACTION = /\p{L}+'(t|re|ve|ll|d|m)(?![\p{L}\p{N}])/gu;

/** English number words, 0–99, as number-to-words spells them: "twenty-five" → 25, "third" → "3rd". */
const CARDINALS = new Map<string, number>();
const ORDINALS = new Map<string, string>();
for (let n = 0; n < 100; n++) {
  CARDINALS.set(toWords(n), n);
  ORDINALS.set(toWordsOrdinal(n), toOrdinal(n));
}
const lastWord = (words: string) => words.slice(words.lastIndexOf(' ') + 1);
const HUNDRED = lastWord(toWords(100));
const THOUSAND = lastWord(toWords(1000));
/**
 * "One" alone is mostly a pronoun in English (which one, no one, one of them): it stays a word
 * unless it is part of a number (twenty-one) or names a war (World War One).
 */
const PRONOUN_ONE = toWords(1);

/** A Map, not the JSON object: a question may well say "constructor". */
const NUMBERED: ReadonlyMap<string, string> = new Map(Object.entries(shorthand.numbered));
const ROMAN = /^(x{0,3})(ix|iv|v?i{0,3})$/;
const ROMAN_VALUES: Record<string, number> = { i: 1, v: 5, x: 10 };

/** Roman numerals up to 39 (World War II, Elizabeth II), or undefined. */
function romanValue(word: string): number | undefined {
  if (!word || !ROMAN.test(word)) return undefined;
  let total = 0;
  for (let i = 0; i < word.length; i++) {
    const value = ROMAN_VALUES[word[i] as string] as number;
    const next = ROMAN_VALUES[word[i + 1] as string] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

export function foldQuestion(text: string): string {
  const words: string[] = [];
  for (const chunk of chunks(spellOutContractions(plainText(text)))) splitChunk(chunk, words);
  return readNumbers(words).join(' ');
}

/** Lower case, accents and invisible characters gone, apostrophes and hyphens in ASCII. */
function plainText(text: string): string {
  // Unicode normalisation is the slow part, and most text has nothing it would change.
  if (TYPOGRAPHIC.test(text)) {
    return text.toLowerCase().replace(SINGLE_QUOTES, "'").replace(DASHES, ' ');
  }
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(SINGLE_QUOTES, "'")
    .replace(HYPHENS, '-')
    .replace(DASHES, ' ');
}

/** didn't → did not, they're → they are, as wink-nlp reads them (see english.ts). */
function spellOutContractions(text: string): string {
  if (!text.includes("'")) return text;
  const known = contractions();
  return text.replace(CONTRACTION, (written) => known.get(written) ?? written);
}

let unmarked: ReadonlyMap<string, string> | undefined;

/** Each contraction typed without its apostrophe (theyll), with the contraction (they'll). */
function unmarkedContractions(): ReadonlyMap<string, string> {
  unmarked ??= new Map([...contractions().keys()].map((k) => [k.replace("'", ''), k]));
  return unmarked;
}

/** A contraction typed without its apostrophe (theyll, youre): function words, whatever else they spell. */
export function isUnmarkedContraction(word: string): boolean {
  return unmarkedContractions().has(word);
}

/**
 * didnt → did not: "n't" typed without its apostrophe. Any other contraction so typed only where
 * it is no English word: "hed", "theyre", "youll" are he would, they are, you will; were, well
 * and shed are words of their own.
 */
function spellOutUnmarked(word: string): string | undefined {
  if (word.endsWith('nt')) return contractions().get(`${word.slice(0, -1)}'t`);
  const contraction = unmarkedContractions().get(word);
  return contraction === undefined || english().get(word) ? undefined : contractions().get(contraction);
}

const isWordCharacter = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  return !Number.isNaN(c) && LETTER_OR_DIGIT.test(text[i] as string);
};
const isLetter = (text: string, i: number): boolean =>
  isWordCharacter(text, i) && !(text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57);

/**
 * Runs of letters and digits, single hyphens between them kept (clean-tech, twenty-five); a
 * possessive 's or s' dropped (Netanyahu's → netanyahu, leaders' → leaders), an apostrophe
 * inside a word dropped (Ya'alon → yaalon).
 */
function* chunks(text: string): Generator<string> {
  let chunk = '';
  let start = -1;
  const flush = (end: number) => {
    if (start !== -1) chunk += text.slice(start, end);
    start = -1;
  };
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && isWordCharacter(text, i)) {
      if (start === -1) start = i;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === APOSTROPHE && start !== -1 && isLetter(text, i - 1)) {
      if (text[i + 1] === 's' && !isWordCharacter(text, i + 2)) {
        flush(i);
        i++;
        continue;
      }
      if (isLetter(text, i + 1)) {
        flush(i);
        continue;
      }
    }
    if (
      c === HYPHEN &&
      (start !== -1 || chunk) &&
      isWordCharacter(text, i - 1) &&
      isWordCharacter(text, i + 1)
    ) {
      flush(i);
      chunk += '-';
      continue;
    }
    flush(i);
    if (chunk) yield chunk;
    chunk = '';
  }
}

/** A hyphenated chunk: a number (twenty-five → 25), or its parts and, for words or a code (S-300), their joined form. */
function splitChunk(chunk: string, into: string[]): void {
  const parts = chunk.split('-');
  if (parts.length === 1) {
    const spelled = spellOutUnmarked(chunk);
    if (spelled) into.push(...spelled.split(' '));
    else pushNumbered(chunk, into);
    return;
  }
  const cardinal = CARDINALS.get(chunk);
  const ordinal = ORDINALS.get(chunk);
  if (cardinal !== undefined || ordinal !== undefined) {
    into.push(ordinal ?? String(cardinal));
    return;
  }
  for (const part of parts) pushNumbered(part, into);
  // Words joined, and a few letters with their number, as a model or a summit is written
  // either way (S-300, S300; G-20, G20).
  const [letters = '', number = ''] = parts;
  const coded = parts.length === 2 && /^\p{L}{1,3}$/u.test(letters) && /^\d+$/.test(number);
  if (coded || parts.every((p) => /^\p{L}+$/u.test(p))) into.push(parts.join(''));
}

/** An abbreviation written with its number (ww1, wwii): its words, then the number. */
function pushNumbered(word: string, into: string[]): void {
  const spelled = NUMBERED.get(word);
  if (spelled) {
    into.push(...spelled.split(' '));
    return;
  }
  for (const [abbreviation, name] of NUMBERED) {
    if (!word.startsWith(abbreviation)) continue;
    const number = word.slice(abbreviation.length);
    const value = /^\d+$/.test(number) ? number : romanValue(number);
    if (value !== undefined) {
      into.push(...name.split(' '), String(value));
      return;
    }
  }
  into.push(word);
}

/** Number words to digits, and the ordinal of a world war after it (first world war → world war 1). */
function readNumbers(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const previous = out[out.length - 1];
    const roman = previous === 'war' ? romanValue(word) : undefined;
    if (roman !== undefined) {
      out.push(String(roman));
      continue;
    }
    const ordinal = ORDINALS.get(word) ?? (ORDINAL_DIGITS.test(word) ? word : undefined);
    const cardinal = CARDINALS.get(word);
    if (ordinal !== undefined) {
      if (words[i + 1] === 'world' && words[i + 2] === 'war') {
        out.push('world', 'war', ordinal.replace(/\D+$/, ''));
        i += 2;
      } else out.push(ordinal);
      continue;
    }
    const scaled = words[i + 1] === HUNDRED || words[i + 1] === THOUSAND;
    if (cardinal === undefined || (word === PRONOUN_ONE && previous !== 'war' && !scaled)) {
      out.push(word === HUNDRED ? '100' : word === THOUSAND ? '1000' : word);
      continue;
    }
    // twenty five, twenty fifth; two hundred (and) five; three thousand.
    let value = cardinal;
    const unit = words[i + 1] as string;
    if (cardinal >= 20 && cardinal % 10 === 0) {
      const unitCardinal = CARDINALS.get(unit);
      const unitOrdinal = ORDINALS.get(unit);
      if (unitCardinal !== undefined && unitCardinal > 0 && unitCardinal < 10) {
        value += unitCardinal;
        i++;
      } else if (unitOrdinal !== undefined && /^[1-9](st|nd|rd|th)$/.test(unitOrdinal)) {
        out.push(toOrdinal(cardinal + Number.parseInt(unitOrdinal, 10)));
        i++;
        continue;
      }
    }
    for (const [scale, factor] of [
      [HUNDRED, 100],
      [THOUSAND, 1000],
    ] as const) {
      if (words[i + 1] === scale) {
        value *= factor;
        i++;
      }
    }
    out.push(String(value));
  }
  return out;
}
