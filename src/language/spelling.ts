/**
 * Spelling candidates: every string one edit away (a letter left out, added, changed, or two
 * neighbours swapped: Damerau's four kinds of typing slip), as Norvig's corrector generates
 * them. The caller keeps those that are words and ranks them by how common they are.
 */

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export function* oneEditAway(word: string): Generator<string> {
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) yield head + tail.slice(1);
    if (tail.length > 1) yield head + (tail[1] as string) + (tail[0] as string) + tail.slice(2);
    for (const letter of LETTERS) {
      if (tail && letter !== tail[0]) yield head + letter + tail.slice(1);
      yield head + letter + tail;
    }
  }
}
