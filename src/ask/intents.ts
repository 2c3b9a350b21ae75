/**
 * The kinds of plain-English question /ask understands, recognised from the question's wording.
 * Order matters: the first pattern that matches wins ("when did Putin say…" is a when).
 */
export const INTENTS = [
  ['help', /^(help|commands|what can you (do|answer)|how do (i|you) (use|work))\b/],
  ['timeline', /\btime ?lines?\b|\b(chart|graph|plot|diagram|visuali[sz]e|draw)\b/],
  [
    'who-said',
    /\bwho (said|says|called|described|wished|told|spoke|promised|mentioned|credited|praised|thanked|hailed)\b|\bwhose (words|quote)\b|\bsaid by whom\b|\bwho is quoted\b/,
  ],
  [
    'who-did',
    /^who (proposed|suggested|established|set up|created|initiated|announced|hosted|invited|gave|offered|shot|downed|left|congratulated|endorsed|called for)\b/,
  ],
  [
    'about-source',
    /\bwho (published|reported)\b|\b(who|whos|which|what)\b.*\b(wrote|authored)\b|\b(author|writer|byline|photographer)\b|\b(photo|photograph|picture|pic|image)s?\b.*\bcredit|\bcredit(s|ed)?\b.*\b(photo|photograph|picture|pic|image)s?\b|\bwho (?!is|was|are|were)[a-z]+ ([a-z]+ ){0,3}(photo|photograph|picture|pic|image)s?\b|\boutlets?\b.*\bcited\b|\bwhat (does|did|do) (the )?[a-z. ]*\b(article|report|release|piece|story)\b.*\b(say|says|report|reports|cover|covers)\b/,
  ],
  ['count', /\bhow (many|often)\b|\bnumber of\b|\bcount\b/],
  [
    'when',
    /^when\b|\bwhen (did|was|were|is|will|do|does)\b|\bwhat (date|day|year|month)\b|\bwhich (date|day|year|month)\b|\bhow long ago\b|\bwhat time\b/,
  ],
  [
    'where',
    /^where\b|\bwhere (did|was|were|is|will|do|does)\b|\b(which|what|in what) (city|cities|country|countries|places?|venues?|locations?|towns?)\b/,
  ],
  [
    'sources',
    /\bwhich (articles?|sources?|publications?|outlets?|papers?)\b|\bwhat (articles?|sources?)\b|\b(which|what) (news|media) (outlets?|sites?|websites?|organi[sz]ations?|agency|agencies|sources?)\b|\b(which|what) (news ?papers?)\b|\b(list|show)( me)?( the| all)? (articles|sources)\b|\bwhere (does|did) (this|that|it) come from\b|^sources?\b|\bcite\b/,
  ],
  [
    'quote',
    /\bwhat (?:[a-z]+ly )?did ([a-z ]+?) (say|tell|call|promise|wish|announce|add|declare|note|think|feel)\b|\bwhat (was|were|is) said\b|\bquotes?\b|\bsaid (about|on|regarding)\b|\bsay (about|on|regarding)\b|\bstatements?\b|\bwords (on|about)\b/,
  ],
  [
    'topics',
    /\btopics?\b|\bwhat (did|do) (they|the two|the leaders|both) (discuss|talk)|\bwhat\b.*\b(they|the two|the leaders|both) ((have|had|been|were) )*(discussed|discussing|talked|talking)( about)?$|\bwhat (was|were|is) (discussed|talked about|on the agenda)\b|\bagenda\b|\bsubjects?\b|\bwhat .*\b(discuss|discussed)\b/,
  ],
  [
    'who-is',
    /^who (is|was|s)\b|\bwho (is|was) ([a-z]+ )?[a-z]+\s*$|\bwhat (is|was) (the )?role of\b|\btell me about (mr |president |minister )?[a-z]+ ?[a-z]*$/,
  ],
  [
    'list',
    /\blist\b|\ball (the |of the )?meetings\b|\bevery meeting\b|\bshow (me )?(all )?(the )?meetings\b|\b(which|what) meetings\b|^meetings\b|\b(every|each|all( the| of the)?) (cities|city|countries|country|places?|venues?|locations?|towns?)\b/,
  ],
  // A question put as a statement with a tag ("…, right?", "…, didn't he?", "…, did they?") asks the same;
  // after a question word, "was it" ends the question ("which anniversary was it").
  [
    'yes-no',
    /^(?:(?:at|in|on|during|after|before) (?:(?!what|which|who|how|when|where|why)\S+ ){1,5})?(did|have|has|was|were|is|are|do|does|will|had|didnt|havent|hasnt|wasnt|werent|isnt|arent|dont|doesnt|wont|hadnt) |\b(right|correct|true|yes|yeah)\s*$|^(?:(?:do|does) )?(?:you|u|anyone|any1) (?:know|knows|remember|recall) (?:if|whether) |^(?:any idea|not sure|wondering|i wonder|tell me) (?:if|whether) |\b(didnt|isnt|wasnt|doesnt|dont|arent|werent|hasnt|havent) (he|she|it|they|we|you|there)\s*$|^(?!.*\b(what|which|who|whom|whose|how|when|where|why)\b).*\b(did|was|is|were|does) (he|she|it|they|we|you|there)\s*$/,
  ],
  [
    'details',
    /\btell me (about|more)\b|\bdetails?\b|\bdescribe\b|\bwhat happened\b|\bsummar(y|ise|ize)\b|\bmore about\b|\bexplain\b|\bwhat (was|is) (the|that)\b/,
  ],
] as const satisfies readonly (readonly [string, RegExp])[];

export type Intent = (typeof INTENTS)[number][0] | 'unknown';

export function detectIntent(folded: string): Intent {
  for (const [intent, pattern] of INTENTS) if (pattern.test(folded)) return intent;
  return 'unknown';
}
