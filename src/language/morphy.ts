/**
 * WordNet's morphology (morphy, described in WordNet's morphy(7WN) page): the suffixes English
 * inflects with, and what each may have replaced. A word none of the tables knows is tried
 * against these, and the first base form that `known` accepts is its lemma.
 */
const DETACHMENTS: readonly (readonly [string, string])[] = [
  // nouns
  ['s', ''],
  ['ses', 's'],
  ['xes', 'x'],
  ['zes', 'z'],
  ['ches', 'ch'],
  ['shes', 'sh'],
  ['men', 'man'],
  ['ies', 'y'],
  // verbs
  ['es', 'e'],
  ['es', ''],
  ['ed', 'e'],
  ['ed', ''],
  ['ing', 'e'],
  ['ing', ''],
  // adjectives
  ['er', ''],
  ['est', ''],
  ['er', 'e'],
  ['est', 'e'],
];

export function baseForm(word: string, known: (base: string) => boolean): string | undefined {
  for (const [suffix, ending] of DETACHMENTS) {
    if (!word.endsWith(suffix) || word.length <= suffix.length + 1) continue;
    const base = word.slice(0, -suffix.length) + ending;
    if (known(base)) return base;
  }
  return undefined;
}
