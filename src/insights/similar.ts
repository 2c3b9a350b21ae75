/**
 * Questions that ask the same thing in different words: the store groups questions whose terms
 * are identical (word order, case, accents and function words aside); here groups whose terms
 * overlap enough are merged. Overlap is Jaccard's index over the two sets of terms.
 */

export interface TermsGroup {
  terms: string;
  count: number;
  example: string;
}

export interface MergedGroup {
  count: number;
  /** The wording of the most frequent group. */
  example: string;
  /** How many different wordings were merged into it. */
  wordings: number;
}

/** Groups at least this similar are taken to ask the same thing. */
export const SAME_QUESTION = 0.5;

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Merges similar groups, most frequent first; each joins the first (most frequent) it resembles. */
export function mergeSimilar(groups: readonly TermsGroup[], threshold = SAME_QUESTION): MergedGroup[] {
  const merged: (MergedGroup & { terms: Set<string> })[] = [];
  for (const group of [...groups].sort((a, b) => b.count - a.count)) {
    const terms = new Set(group.terms.split(' ').filter(Boolean));
    const into = merged.find((m) => jaccard(m.terms, terms) >= threshold);
    if (into) {
      into.count += group.count;
      into.wordings += 1;
    } else {
      merged.push({ terms, count: group.count, example: group.example, wordings: 1 });
    }
  }
  return merged
    .sort((a, b) => b.count - a.count)
    .map(({ count, example, wordings }) => ({ count, example, wordings }));
}
