/**
 * The edit distance with transpositions (optimal string alignment) of one word to many, a column
 * of the distance table at a time in the bits of an integer (Hyyrö's bit-vector algorithm): a few
 * operations per letter instead of a row of the table per letter. Matching a misspelt word
 * against the thousands of terms that share a few trigrams with it costs that much less.
 * Words longer than 31 letters do not fit the bits and are left to the table.
 */
export const MAX_BIT_WORD = 31;

export type DistanceTo = (term: string) => number;

/** The distance from `word` (at most 31 letters) to any term. */
export function distanceFrom(word: string): DistanceTo {
  const m = word.length;
  const masks = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const c = word.charCodeAt(i);
    masks.set(c, (masks.get(c) ?? 0) | (1 << i));
  }
  const all = m === 0 ? 0 : (2 ** m - 1) | 0;
  const last = m === 0 ? 0 : 1 << (m - 1);
  return (term) => {
    if (m === 0) return term.length;
    let vp = all;
    let vn = 0;
    let d0 = 0;
    let previous = 0;
    let distance = m;
    for (let j = 0; j < term.length; j++) {
      const eq = masks.get(term.charCodeAt(j)) ?? 0;
      // Two letters swapped: a match here on the previous letter, a match there on this one.
      const swapped = (((~d0 & eq) << 1) & previous) | 0;
      d0 = (swapped | (((eq & vp) + vp) ^ vp) | eq | vn) & all;
      let hp = (vn | ~(d0 | vp)) & all;
      let hn = d0 & vp;
      if (hp & last) distance++;
      else if (hn & last) distance--;
      // The first row counts the letters of the term so far: each column starts one higher.
      hp = ((hp << 1) | 1) & all;
      hn = (hn << 1) & all;
      vp = (hn | ~(d0 | hp)) & all;
      vn = d0 & hp;
      previous = eq;
    }
    return distance;
  };
}
