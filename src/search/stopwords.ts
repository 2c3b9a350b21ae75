/**
 * Words that carry no search meaning in questions about these meetings: function words,
 * question words, and the words every record shares (the two leaders, "meet").
 */
const WORDS = `
a an the and or but if of in on at to for from by with about into onto over under as than then
is are was were be been being am do does did done doing have has had having will would shall should
can could may might must i me my we us our you your he him his she her it its they them their this
that these those there here what when where which who whom whose why how whats wheres whos
tell show give list find know say said says speak spoke talk talked talking talks discuss discussed
please any all some every each much many more most other another same such only just also very
ever again once both two leaders leader men man meet meets met meeting meetings meetup
time times date dates day days year years month months place places city cities where happened happen
take took taken hold held get got go went come came see saw let lets like want
not no yes up out off after before since during until
summit summits encounter encounters session gathering rendezvous venue venues location locations country countries town towns occasion
topic topics subject subjects agenda quote quotes quotation quotations
statement statements article articles source sources report reports reported publisher author wrote
remarks comments publication
written stated inferred known certain sure detail details summary summarise summarize describe explain information info
exactly actually really approximately roughly about around just kindly thanks thank hi hello hey
anything something someone anyone everyone everybody anybody somebody nobody nothing everything thing things stuff bit lot lots kind sort one ones
occur occurred occurs going gone know knew tell told think does happening
`;

export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
