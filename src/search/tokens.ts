import { tokenize } from '../text/normalise.js';

/**
 * `tokenize`, fast for the text fact bases are mostly made of: ASCII with typographic quotes and
 * dashes. Unicode normalisation and five regular expressions run at a few megabytes a second,
 * which at a hundred thousand articles is most of the time it takes to build the indexes. For
 * such text one pass gives the very same tokens; any other character hands the text to `tokenize`.
 */

const LEFT_SINGLE = 0x2018;
const RIGHT_SINGLE = 0x2019;
const LEFT_DOUBLE = 0x201c;
const RIGHT_DOUBLE = 0x201d;
const EN_DASH = 0x2013;
const EM_DASH = 0x2014;
const NO_BREAK_SPACE = 0xa0;
const MIDDLE_DOT = 0xb7;
const BULLET = 0x2022;

const isLetter = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Characters whose search form this pass knows: their Unicode normal forms are themselves (or, for
 * the no-break space, a space), and none of them is a letter or a digit.
 */
function isPlain(c: number): boolean {
  return (
    c < 128 ||
    c === LEFT_SINGLE ||
    c === RIGHT_SINGLE ||
    c === LEFT_DOUBLE ||
    c === RIGHT_DOUBLE ||
    c === EN_DASH ||
    c === EM_DASH ||
    c === NO_BREAK_SPACE ||
    c === MIDDLE_DOT ||
    c === BULLET
  );
}

/** The same tokens as `tokenize(value)`, in the same order. */
export function searchTokens(value: string): string[] {
  let upper = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!isPlain(c)) return tokenize(value);
    if (c >= 65 && c <= 90) upper = true;
  }
  // Of these characters only A–Z have a lower case.
  const text = upper ? value.toLowerCase() : value;
  const tokens = words(text);
  if (hasDash(text)) joinedWords(text, tokens);
  return tokens;
}

const isApostrophe = (c: number) => c === 39 || c === 96 || c === LEFT_SINGLE || c === RIGHT_SINGLE;
const isHyphen = (c: number) => c === 45 || c === EN_DASH || c === EM_DASH;

function hasDash(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isHyphen(text.charCodeAt(i))) return true;
  return false;
}

/**
 * Runs of letters and digits; an apostrophe between two letters is dropped (Ya'alon → yaalon),
 * each match consuming the letter after it as the expression `(\p{L})'(\p{L})` does.
 */
function words(text: string): string[] {
  const tokens: string[] = [];
  /** Where the current token's unbroken part starts, or -1; `before` holds its parts before an apostrophe. */
  let start = -1;
  let before = '';
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (isLetter(c) && isApostrophe(text.charCodeAt(i + 1)) && isLetter(text.charCodeAt(i + 2))) {
      before += text.slice(start === -1 ? i : start, i + 1);
      start = i + 2;
      i += 3;
    } else if (isLetter(c) || isDigit(c)) {
      if (start === -1) start = i;
      i++;
    } else {
      if (start !== -1) tokens.push(before + text.slice(start, i));
      start = -1;
      before = '';
      i++;
    }
  }
  if (start !== -1) tokens.push(before + text.slice(start));
  return tokens;
}

/** Hyphenated words joined (high-tech → hightech): letters only, dashes read as hyphens. */
function joinedWords(text: string, into: string[]): void {
  for (let i = 0; i < text.length; ) {
    if (!isLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    while (isLetter(text.charCodeAt(end))) end++;
    let joined = text.slice(i, end);
    let parts = 1;
    while (isHyphen(text.charCodeAt(end)) && isLetter(text.charCodeAt(end + 1))) {
      const from = end + 1;
      end = from;
      while (isLetter(text.charCodeAt(end))) end++;
      joined += text.slice(from, end);
      parts++;
    }
    if (parts > 1) into.push(joined);
    i = end;
  }
}
