/**
 * Yes/no claims and questions the articles cannot answer, asked in words of our own: "Yes" only
 * where a sentence states the claim with its doers on the right sides, and never for a claim
 * built from the records with another doer, place or year.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ask, engine } from './support/summit.js';

const text = (question: string) => ask(question).reply.text;
const saysYes = (question: string) => /^\W*yes\b/i.test(text(question));

// Building the engine and reading the language tables is the file's set-up, not its first test's.
beforeAll(() => {
  engine();
  ask('did putin meet netanyahu in sochi?');
}, 60_000);

describe('truthful yes/no', () => {
  it('confirms a claim a sentence states, with the sentence quoted and cited', () => {
    for (const question of [
      'was an air force hotline between israel and russia established in october?',
      'did israel shoot down a russian plane over syria?',
      // An adverb says what its adjective says: "personally" for "a personal tour".
      'did putin personally give bibi a kremlin tour?',
      // The same relation word as the sentence's ("before their meeting"), and a short first name.
      'did putin give netanyahu a kremlin tour before they met',
      'did vlad give netanyahu a tour of the kremlin',
      // Chat shorthand for "really" says how sure the asker is, nothing of the claim.
      'did vlad rly show bibi the kremlin on a personal tour',
      // Asked about what was said of a planned visit: the sentence says it was said.
      'did putin say he would visit israel in january to dedicate a memorial for auschwitz?',
      // A yes/no question after a phrase of time or place; its occasion is the article's.
      'during the climate conference did they agree to deepen coordination to prevent mishaps',
      // "The mechanism", which another article calls "our de-confliction mechanisms".
      'did putin credit netanyahu with proposing the deconfliction mechanism?',
      // "…told … Shoigu that Israel is stepping up its attacks …, he said": any verb of saying.
      'in sochi did bibi say israel is stepping up attacks on iran-backed forces',
      // A time given by the occasion the sentence's article reports, which the sentence leaves unsaid.
      'did a russian jet fly into israeli airspace about the time of the paris climate conference',
    ]) {
      const { reply } = ask(question);
      expect(reply.text, question).toMatch(/^Yes\b/);
      expect(reply.citations.length, question).toBeGreaterThan(0);
    }
  });

  it('corrects a number a question gives where a sentence on the same subject gives another', () => {
    expect(text('was the moscow visit for 40 years of diplomatic relations?')).toMatch(
      /^No: the articles say 25 years, not 40 years/,
    );
    // Inside a question that asks something else, the number is pointed out before anything.
    expect(text('what did they discuss at their 7th meeting in sochi')).toMatch(/^Not quite: .*13th meeting/);
    // The clause that gives the number says what it numbers, whatever the next clause asks.
    expect(
      text(
        'moscow meeting marked 50 yrs of israel russia diplomatic relations, what did they say about the next 50',
      ),
    ).toMatch(/^Not quite: the articles say 25 years/);
    expect(text('what did they talk about at their 10th meeting, the sochi one')).toMatch(
      /^Not quite: .*13th meeting/,
    );
    // The number the articles give is no premise to correct.
    expect(saysYes('was sochi their 13th meeting')).toBe(true);
  });

  it('confirms that someone said, mentioned or talked about what a sentence quotes them saying', () => {
    // Netanyahu in Paris: "…a big battle against militant Islam…"; in Sochi: "…place precision missiles there…".
    expect(saysYes('did netanyahu mention militant islam in paris')).toBe(true);
    expect(saysYes('did netanyahu mention precision missiles')).toBe(true);
    // Putin is quoted on the Knesset in Sochi; Netanyahu is not.
    expect(saysYes('did putin talk about the knesset election')).toBe(true);
    expect(saysYes('did netanyahu talk about the knesset election')).toBe(false);
    // Putin: "let me start with congratulations on the coming Chanukah holiday".
    expect(saysYes('did putin congratulate netanyahu on chanukah')).toBe(true);
    // What one leader said is not said by the other.
    expect(saysYes('did putin mention militant islam')).toBe(false);
    expect(saysYes('did putin say anything about precision missiles')).toBe(false);
  });

  it('reads "you" in words one leader says to the other as the other, and who is credited with an action as its doer', () => {
    // Netanyahu in Sochi: "I very much appreciate your statement that the security of Israel is important to you."
    expect(saysYes("did putin tell bibi that israel's security is important to him")).toBe(true);
    expect(saysYes("did putin tell bibi that turkey's security is important to him")).toBe(false);
    // "credited Netanyahu with proposing the mechanism"; Putin: "the mechanism … proposed by you".
    expect(saysYes('did netanyahu propose the mechanism')).toBe(true);
    expect(text('did putin propose the mechanism')).toMatch(/^No\b/);
    // What the articles never call it names another mechanism.
    expect(saysYes('did putin credit netanyahu with proposing the free trade mechanism?')).toBe(false);
  });

  it('says No to a meeting at a place the records hold none of theirs at, and to a place given the wrong owner', () => {
    // "Russia and Israel agreed a military mechanism to avoid unintended clashes in Syria" is no meeting there.
    expect(text('did they meet in syria')).toMatch(/^No: the articles report no meeting of theirs in Syria/);
    // "Bocharov Ruchey, the presidential summer residence".
    expect(saysYes("the sochi meeting was at netanyahu's summer place, correct?")).toBe(false);
    expect(text("the sochi meeting was at netanyahu's summer place, correct?")).toMatch(/otherwise/);
  });

  it('never says Yes from a sentence that does not name the person the claim does', () => {
    // Netanyahu "spoke briefly with … Abbas"; the next sentence, about clean-tech companies, names no one.
    expect(saysYes('did putin talk to abbas at the climate summit too?')).toBe(false);
    // One alias of a topic ("Quartet") does not stand for its others: "left Paris for Israel" is no quartet.
    expect(text('is moscow part of the quartet?')).not.toMatch(/^No\b/);
    // What someone is asked to have said is in their words: "Israel works to prevent arms
    // transfers" is the article's narration, and "works quite well" Netanyahu's.
    expect(saysYes('did putin say that the military coordination works well')).toBe(false);
    // With someone ("talk w Abbas") is no saying of anything: the sentence states it of the two.
    expect(saysYes('did bibi talk w abbas in paris')).toBe(true);
  });

  it('reads "one" after an ordinal as the noun, and keeps the sentence\'s relations', () => {
    // Netanyahu in Paris: "This is our second meeting after our meeting in Moscow".
    expect(saysYes('was the climate conference meeting their 2nd one after moscow')).toBe(true);
    expect(saysYes('was the climate conference meeting their 2nd one before moscow')).toBe(false);
  });

  it('never places a claim elsewhere by a photo credit, which tells of no meeting', () => {
    expect(text('whos credited for the photo of the 2012 jerusalem press conference')).not.toMatch(
      /^Not quite/,
    );
  });

  it('reads the English frame of a claim as typed: "is true that …", "…, is that true?", "…, did they?"', () => {
    expect(saysYes('is true that putin was in jerusalem in 2012?')).toBe(true);
    expect(saysYes('putin was in jerusalem in 2012, is that true?')).toBe(true);
    expect(saysYes('so the moscow talks were in 2016 yeah?')).toBe(true);
    expect(text('i doubt they really talked about hanukkah, did they?')).toMatch(/Chanukah/);
    // A negative question, or a negative tag, asks the claim itself; neither denies it.
    for (const question of [
      "didn't putin confirm he would visit israel in january",
      "putin confirmed he would visit israel in january, didn't he?",
      'putin confirmed he would visit israel in january, didnt he',
    ])
      expect(saysYes(question), question).toBe(true);
  });

  it('reads the sides of an action in its own clause, and a describing word the articles use before the same noun', () => {
    // "Turning to the prospects for peace between Israel and the Palestinians, Putin endorsed …"
    expect(saysYes('did putin endorse continued efforts by the quartet for israeli-palestinian peace')).toBe(
      true,
    );
    // "credited Netanyahu with proposing the mechanism"; another article says "a military mechanism".
    expect(saysYes('did putin give netanyahu credit for proposing the military mechanism')).toBe(true);
    // The sides still decide in one clause.
    expect(text('in moscow, did netanyahu give putin a tour of the kremlin')).toMatch(/^No\b/);
  });

  it('reads what a greeting wishes as its words, not as facts a sentence must state', () => {
    // "He also extended his well wishes for the upcoming Jewish holiday Hannukah" (Putin, Paris).
    // WordNet makes "wish" a kind of "greet": "wish you a nice evening".
    expect(saysYes('did putin wish bibi a happy hanukah')).toBe(true);
    // Names typed wrong are read right in the claim as everywhere else.
    expect(saysYes('did puttin wish bibi a happy hanukah lol')).toBe(true);
    // The greeting is still Putin's, and still at the Paris climate conference.
    expect(saysYes('did netanyahu wish putin a happy hanukkah')).toBe(false);
    expect(text('did putin wish bibi a happy hanukkah in sochi')).toMatch(/^No\b/);
  });

  it('answers a question that offers two choices with the one a sentence states', () => {
    expect(text('was the sochi meeting in the morning or evening')).toMatch(
      /^Evening, according to the articles/,
    );
    expect(text('did putin or netanyahu propose the mechanism')).toMatch(
      /^Netanyahu, according to the articles/,
    );
    // "… an unexpected personal tour of the Kremlin before their meeting."
    expect(text('was the kremlin tour before or after the moscow talks')).toMatch(
      /^Before, according to the articles/,
    );
    expect(saysYes('was the kremlin tour after the moscow talks')).toBe(false);
  });

  it('reads a yes/no question asked inside another ("u know if …", "do you know whether …")', () => {
    expect(saysYes("u know if putin confirmed he's actually visiting israel in january?")).toBe(true);
    expect(saysYes('do you know whether they met in sochi')).toBe(true);
  });

  it('never says Yes where the sentence puts the claim in the air over another place, or gives its unchecked action another doer', () => {
    // "the Russian jet shot down last week by Turkey along the Turkish-Syrian border"
    expect(saysYes('did turkey shoot down the russian jet over israel?')).toBe(false);
    // "… flown into Israeli airspace": in the air over Israel.
    expect(saysYes('did a russian jet fly over israel')).toBe(true);
    // "the mechanism that has been promoted by you and proposed by you", Putin to Netanyahu.
    expect(
      saysYes('was it putin who came up with the deconfliction mechanism between the two militaries?'),
    ).toBe(false);
    // An action no word checks, with the doer the sentence gives: "gave PM Benjamin Netanyahu an
    // unexpected personal tour of the Kremlin".
    expect(saysYes('did putin personally show bibi around the kremlin?')).toBe(true);
  });

  it('never says Yes to a claim that denies what a sentence says', () => {
    // "The Russian leader confirmed his intention to visit Israel … to dedicate a memorial …"
    expect(saysYes('did putin say no to dedicating the auschwitz memorial in israel')).toBe(false);
    expect(saysYes('did putin never intend to visit israel in january')).toBe(false);
  });

  it("never takes what a country did for a leader's saying", () => {
    // Putin "called for a free trade zone": "sign" is also a verb of communication in WordNet.
    expect(
      saysYes('did israel and russia actually sign a free trade deal in moscow or is that just hype'),
    ).toBe(false);
  });

  it('says No to a person put at a meeting the records connect him with nowhere', () => {
    expect(text('was abbas at the sochi meeting')).toMatch(
      /^No: the articles connect Mahmoud Abbas with\n- \*\*Paris, 30 November 2015/,
    );
    expect(saysYes('did netanyahu meet shoigu in sochi')).toBe(true);
    // A place in what someone is said to have said places nobody: "… that Israel is stepping up".
    expect(
      saysYes(
        'Is it true Netanyahu told Shoigu that Israel is stepping up attacks on Iranian-backed forces?',
      ),
    ).toBe(true);
    expect(text('did netanyahu meet shoigu in jerusalem')).toMatch(/^No: the articles connect Sergei Shoigu/);
  });

  it("never says No from a WordNet opposite of a broad noun's kinds", () => {
    // "person" against the "member" in "the Quartet of which Moscow is a member".
    expect(text('do bibi n putin talk by phone too or only in person')).not.toMatch(/^No\b/);
  });

  it('answers "was it their first meeting" with how the article numbers it', () => {
    expect(text('sochi was their very first meeting wasnt it')).toMatch(
      /^No: the earliest[\s\S]*13th meeting/,
    );
  });

  it('never says Yes to an action a sentence gives only as intended, or as done by someone else', () => {
    // "The Russian leader confirmed his intention to visit Israel"; "During Netanyahu's visit, …
    // immigrants to Israel".
    expect(saysYes('did putin visit israel?')).toBe(false);
    expect(saysYes('after the sochi meeting, did putin visit israel?')).toBe(false);
    // However he is named, in one word or several.
    const putin = engine().kb.person('putin');
    for (const name of [putin?.name ?? '', ...(putin?.aliases ?? [])])
      expect(saysYes(`did ${name} visit israel?`), name).toBe(false);
    expect(
      saysYes('did putin say he would visit israel in january to dedicate a memorial for auschwitz?'),
    ).toBe(true);
  });

  it('never says Yes when the doer is another country, or the place is only near the one claimed', () => {
    for (const question of [
      'did russia shoot down an israeli plane in syria?',
      'did israel shoot down the russian jet on the turkish border?',
      'did turkey shoot down a russian plane in syria?',
      'did netanyahu give putin a tour of the kremlin?',
      // The sentence has the tour "before their meeting": after is another order of things.
      'did putin give netanyahu his kremlin tour after the meeting',
      // "No future meeting set": a sentence that denies it.
      'did netanyahu and putin set a future meeting in paris?',
      // Putin said it, and "allies" is no loose word for "countries".
      'so netanyahu said israel and russia are allies?',
    ])
      expect(saysYes(question), question).toBe(false);
  });

  it('says No to a thing the claim gives one people that the sentence gives another', () => {
    // "a Russian jet had recently flown into Israeli airspace"
    expect(text('did an israeli jet fly into israeli airspace?')).toMatch(/^No: .*\n.*a Russian jet/);
    expect(text('did israel shoot down an israeli plane over syria?')).toMatch(/^No: .*\n.*a Russian plane/);
    expect(saysYes('did a russian jet fly into israeli airspace?')).toBe(true);
    // However the sentence puts the rest: "near the Syrian border" against "along the Turkish-Syrian border".
    expect(text('did turkey shoot down an israeli jet near the syrian border')).toMatch(
      /^No: .*\n.*the Russian jet shot down last week by Turkey/,
    );
    // A name before a verb is its subject, not an owner: "Netanyahu say" against "Putin said".
    expect(text('what did netanyahu say about militant islam at the climate conference?')).toMatch(
      /militant Islam/,
    );
  });

  it('says No to a claim a sentence states with one word turned to its WordNet opposite', () => {
    // Putin in Moscow: "In this sense, we are unconditional allies."
    for (const question of [
      'putin basically called israel an enemy in syria, yes?',
      'Putin basically said Israel and Russia are rivals when it comes to terrorism, correct?',
    ])
      expect(text(question), question).toMatch(
        /^No: the articles say otherwise:\n[\s\S]*unconditional allies/,
      );
    // "The prime minister abruptly left Paris for Israel …"
    expect(text('did netanyahu stay in paris for the whole ww1 ceremony')).toMatch(
      /^No: the articles say otherwise:\n.*abruptly left Paris/,
    );
    // "Remain" is opposed by "leave", never by the "change" in the climate change conference's name.
    expect(text('did netanyahu remain in paris until the whole centennial ended')).not.toMatch(
      /^No: the articles say otherwise:\n.*climate change conference/,
    );
    // Arriving and leaving both happen on a trip; a sentence saying the claim's own word decides.
    expect(text('did netanyahu arrive in sochi')).not.toMatch(/^No\b/);
    expect(text('did netanyahu leave paris early')).not.toMatch(/^No\b/);
  });

  it('never reads a number as said otherwise by a number of something else', () => {
    // "3 years" or "the next 25 years" against "our two militaries".
    expect(
      text('did netanyahu say the coordination between the militaries has worked for 3 years'),
    ).not.toMatch(/^No\b/);
    expect(
      text('what areas did netanyahu say they want to work together on for the next 25 years'),
    ).not.toMatch(/tell it otherwise/);
    expect(text('was sochi their 10th meeting')).toMatch(/^No: the articles say 13th meeting/);
  });

  it("never reads the number that ends an occasion's name as a detail another number says otherwise", () => {
    // "WW1" against "the two held an impromptu conversation": the 1 is the war's, not a count.
    expect(text('was the paris ww1 conversation impromptu')).not.toMatch(/^No\b/);
    // A count of the same thing still is one ("the 10th" against "the 13th").
    expect(text('did the paris climate talk take place on the 10th of november')).not.toMatch(/^Yes\b/);
  });

  it('gives a claim a sentence says only might be as possible, never as certain, and never of someone else', () => {
    // "Putin said he might do that as well": "do" stands for dedicating the Leningrad memorial.
    expect(text('did putin definitely promise to open a leningrad siege memorial?')).toMatch(
      /^Not for certain: [^\n]*\n.*he might do that as well/,
    );
    expect(text('is putin maybe also gonna do a memorial for the siege of leningrad heroes?')).toMatch(
      /^Yes, as a possibility:\n.*he might do that as well/,
    );
    expect(saysYes('did netanyahu say he might also do the leningrad memorial thing')).toBe(false);
    // Another sentence's modal is about something else ("…so that their air forces could communicate").
    expect(text("did putin say he'd come to israel in january for an auschwitz memorial")).toMatch(/^Yes\b/);
  });

  it('puts two records in order by their dates, and says nothing where a date known to its year cannot tell', () => {
    // The hotline: October 2015; the climate conference talk: 30 November 2015.
    expect(text('was the hotline set up after the paris climate talk')).toMatch(/^No: .*came before/);
    expect(text('did the hotline come before the climate conference')).toMatch(/^Yes: .*came before/);
    // Calls by telephone, dated only to 2015, are placed by their record between Moscow and Paris.
    expect(text('were the phone calls before the climate conference')).toMatch(/^Yes: .*came before/);
    expect(text('did they meet in sochi before the moscow 25 years meeting')).toMatch(/^No: .*came after/);
  });

  it('says No where a sentence denies the claim\'s own words ("no future talks have been scheduled")', () => {
    expect(text('did they lock in a date for the next sit down after the paris ww1 event?')).toMatch(
      /^No: the articles say otherwise:\n.*no future talks have been scheduled/,
    );
    // A claim that denies itself is another question.
    expect(text('did they not set a date for their next meeting in paris?')).not.toMatch(/^No\b/);
  });

  it('reads "is he going to Israel" as the arranged future, and "did he end up going" as what came of it', () => {
    expect(text('is putin going to israel for the auschwitz liberation anniversary')).toMatch(
      /^Yes, it was announced/,
    );
    expect(text('so did putin actually end up going to israel in january')).toMatch(/^It was announced, but/);
  });

  it('corrects an event asked after at a meeting place the articles do not tell it of', () => {
    expect(text('how come bibi left sochi early, was it rockets')).toMatch(
      /^Not quite: the articles tell this of Paris, November 2018 \(Centennial commemoration of the end of World War I\), not Sochi/,
    );
    // Where the articles do tell it, or a place inside its own, is no mistake.
    expect(text('how come bibi left paris early')).not.toMatch(/Not quite/);
    expect(text('who gave bibi a tour of the kremlin in moscow')).not.toMatch(/Not quite/);
  });

  it('corrects a meeting put "inside" or "within" another place, as "in" does', () => {
    expect(text('was the sochi meeting inside the kremlin?')).toMatch(
      /^No: the articles put the sochi meeting in Sochi/,
    );
  });

  it('reads a relation word that heads a clause of its own as no relation of the claim', () => {
    // "established a hotline in October to ensure that their air forces …": "in" is of October.
    expect(saysYes('is there a hotline between the israeli and russian air forces')).toBe(true);
    expect(saysYes('is there a hotline between the israeli and turkish air forces')).toBe(false);
  });

  it('never reads a noun as a verb of saying: after "the", or as the subject after the opening "did"', () => {
    expect(saysYes('did sanctions come up in moscow')).toBe(false);
    // "the reason … to build that mechanism" puts no words in anyone's mouth.
    const reason = text('whats the reason bibi went to see putin back in september to build that mechanism');
    expect(reason).not.toMatch(/saying it/);
    expect(reason).toContain('Syria');
  });

  it('reads an ordinary word that ends a longer name as no name of its own', () => {
    // "issues" ends the topic's "economic issues"; the sentence says "strategic issues".
    expect(saysYes('did they discuss strategic issues in moscow')).toBe(true);
    expect(text('what issues did they discuss in sochi')).not.toMatch(/^Not quite/);
  });

  it('never says Yes to a noun said only by a verb of another of its senses', () => {
    // "sanction" (to approve) is a synonym of "endorsed"; "sanctions" (penalties) are not.
    expect(saysYes('did sanctions come up in moscow')).toBe(false);
    expect(saysYes('did putin endorse a just peace in moscow')).toBe(true);
  });

  it('declines a yes/no question whose subject the articles never mention', () => {
    expect(ask('did trump join any of these putin netanyahu meetings').reply.kind).toBe('not-found');
    expect(ask('did the weather matter in sochi').reply.kind).toBe('not-found');
    // A subject they name in other words is theirs ("the Russian leader").
    expect(ask('did the russian leader visit israel').reply.kind).toBe('answer');
  });

  it('never says Yes to a stance against what a sentence has someone call for', () => {
    // "Putin also called for a free trade zone between Israel and the Eurasian Economic Union."
    expect(saysYes('putin was against a free trade zone with israel right?')).toBe(false);
    expect(saysYes('did putin call for a free trade zone with israel')).toBe(true);
    // The sentence's own "against" states it.
    expect(saysYes('is israel fighting against terrorism')).toBe(true);
  });

  it('says No to an action the sentence gives another doer by name', () => {
    // "attempts by Iran … to place precision missiles there"; "rockets being fired by Hamas".
    expect(text('did netanyahu say hezbollah was placing precision missiles in syria?')).toMatch(
      /^No: .*\n.*by Iran/,
    );
    expect(text('were the rockets fired by hezbollah?')).toMatch(/^No: .*\n.*fired by Hamas/);
    expect(saysYes('were the rockets fired by hamas?')).toBe(true);
    // … or right before the action: "Israel shooting down a Russian plane in Syria on Sept. 18".
    expect(text('was it turkey that shot down the russian plane in syria on sept 18?')).toMatch(
      /^No: .*\n.*Israel shooting down/,
    );
  });

  it('never says Yes to an action the sentence does to another, whatever form its verb takes', () => {
    // "Moscow backs the Assad regime and Israel works to prevent arms transfers to Hezbollah":
    // "back" is also a function word (come back), but after a name it is the verb.
    for (const question of ['does russia back hezbollah', 'did russia back hezbollah in syria'])
      expect(saysYes(question), question).toBe(false);
    expect(saysYes('does russia back the assad regime')).toBe(true);
  });

  it('corrects a claim whose subject the sentence has another country or group doing it', () => {
    // "referring to the Russian jet shot down last week by Turkey along the Turkish-Syrian border"
    expect(text('why did israel shoot down a turkish jet on the syrian border')).toMatch(
      /^Not quite: .*\n.*by Turkey/,
    );
    // "Israel shooting down a Russian plane in Syria on Sept. 18"
    expect(text('why did russia shoot down the plane in syria')).toMatch(
      /^Not quite: .*\n.*Israel shooting down/,
    );
    expect(saysYes('did israel shoot down a russian plane over syria?')).toBe(true);
  });

  it('never says Yes to whom an action is between or with, unless the sentence itself names them', () => {
    // "Putin also called for a free trade zone between Israel and the Eurasian Economic Union"; its
    // paragraph speaks of Turkey for another reason.
    expect(
      saysYes('did putin call for a free trade zone between turkey and the eurasian economic union?'),
    ).toBe(false);
    expect(
      saysYes('did putin call for a free trade zone between israel and the eurasian economic union?'),
    ).toBe(true);
    // The leaders' two countries may be "the two nations".
    expect(saysYes('was the air force hotline between israel and russia set up in october?')).toBe(true);
  });

  it('never says Yes to one leader doing to the other what no word of the claim can be checked by', () => {
    // "President Vladimir Putin gave PM Benjamin Netanyahu an unexpected personal tour of the Kremlin".
    expect(saysYes('did bibi show putin around the kremlin?')).toBe(false);
    expect(text('did bibi show putin around the kremlin?')).toMatch(/personal tour of the Kremlin/);
    expect(saysYes('did bibi meet putin in the kremlin?')).toBe(true);
    // With a word the sentence does say ("personally"), the doer must still be named first.
    expect(text('did bibi personally show putin around the kremlin?')).toMatch(/^No: /);
    expect(saysYes('did putin personally show bibi around the kremlin?')).toBe(true);
    // One person on both sides, however named: no sentence of two people states it.
    expect(saysYes('did vlad really give putin a personal tour of the kremlin?')).toBe(false);
    expect(saysYes('did vladimir putin give netanyahu a personal tour of the kremlin?')).toBe(true);
  });

  it('answers what was discussed about a topic without a yes or no', () => {
    expect(text('what did putin and netanyahu discuss regarding a leningrad memorial?')).toMatch(
      /^Siege of Leningrad memorial came up at 1 meeting/,
    );
  });

  it('never says Yes to an event of the records told with another country as its doer', () => {
    const e = engine();
    const doers = e.kb.places.filter((p) => p.kind === 'country').map((p) => p.name);
    const named = new Set([...e.kb.places.map((p) => p.name), ...e.kb.topics.map((t) => t.label)]);
    // "Turkey shoots down a Russian jet …" → "did Israel shoot down a Russian jet …"
    const claims = e.kb.events.flatMap((event) => {
      const [doer, verb, ...rest] = event.label.split(' ');
      if (!doer || !named.has(doer) || !verb?.endsWith('s')) return [];
      const told = `${verb.replace(/e?s$/, (s) => (verb.endsWith('ves') ? 'e' : s === 'es' ? 'e' : ''))} ${rest.join(' ')}`;
      return doers.filter((d) => d !== doer && !rest.includes(d)).map((d) => `did ${d} ${told}?`);
    });
    expect(claims.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...claims), (claim) => !saysYes(claim)),
      { numRuns: Math.min(claims.length, 40) },
    );
  });

  it('never says Yes to a meeting of the records moved to a year no record holds', () => {
    const e = engine();
    const years = new Set(e.kb.meetings.flatMap((m) => (m.date.year ? [m.date.year] : [])));
    fc.assert(
      fc.property(
        fc.constantFrom(...e.kb.meetings.filter((m) => m.kind === 'reported')),
        fc.integer({ min: 2000, max: 2030 }).filter((y) => !years.has(y)),
        (meeting, year) => {
          const place = e.kb.place(meeting.place?.city ?? '')?.name ?? 'Moscow';
          const reply = ask(`did netanyahu and putin meet in ${place} in ${year}?`).reply;
          return !/^\W*yes\b/i.test(reply.text);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('what the articles do not say', () => {
  it('declines a question about a year nothing in the articles is dated to', () => {
    const { reply } = ask('so what came out of the 2024 summit between them?');
    expect(reply.text).toMatch(/^The articles don't say anything in 2024/);
  });

  it('puts a meeting asked about in a year nothing is dated to where the articles do report it', () => {
    const { reply } = ask('what did bibi and putin say to each other in sochi back in 2021?');
    expect(reply.text).toMatch(/^The articles don't say anything in 2021/);
    expect(reply.text).toMatch(/Sochi, 12 September 2019/);
    expect(reply.citations.length).toBeGreaterThan(0);
  });

  it('reads a phrasal verb, said together or apart, as the word the articles use', () => {
    // "The two nations established a hotline in October."
    expect(saysYes('was the air force hotline between israel and russia set up in october')).toBe(true);
    expect(saysYes('did they set the hotline up in october?')).toBe(true);
    expect(saysYes('was the hotline set up in december?')).toBe(false);
  });

  it('says No to a part of the day or a weekday the sentence on the rest of the claim gives otherwise', () => {
    // "…in a meeting Thursday evening…"
    expect(text('Was the Sochi meeting held in the morning?')).toMatch(/^No: .*\n.*Thursday evening/);
    expect(text('did they meet in sochi in the morning or at night')).toMatch(/^Neither: .*\n.*evening/);
    expect(saysYes('was the sochi meeting in the evening?')).toBe(true);
  });

  it('says No to a meeting named by its place or occasion at a year it was not held, with when it was', () => {
    expect(text('was the sochi meeting in 2018?')).toMatch(
      /^No: the articles date the sochi meeting 12 September 2019, not in 2018\..*\n- \*\*Sochi, 12 September 2019/,
    );
    expect(text('was the climate conference meeting in 2016')).toMatch(
      /^No: .*\n- \*\*Paris, 30 November 2015/,
    );
    expect(saysYes('was the sochi meeting in 2019?')).toBe(true);
  });

  it('puts a place and a date on one meeting only where the question says them of one', () => {
    // "In Sochi" is where Putin confirmed; "in January" when the Auschwitz visit would be.
    expect(
      text(
        'is it true that in sochi, putin confirmed he intended to visit israel in january for the auschwitz memorial?',
      ),
    ).not.toMatch(/^No\b/);
    // "Their Moscow and Paris meetings of 2015" are two meetings, each of 2015.
    expect(
      text('between their moscow and paris meetings of 2015 did the leaders keep in touch by telephone?'),
    ).not.toMatch(/no meeting in Moscow in Paris/);
    // Said of one meeting, they are checked together.
    expect(text('was the 2019 sochi meeting held at the kremlin?')).toMatch(/^No\b/);
    expect(text('putin came to jerusalem to meet bibi in 2019 yes?')).toMatch(/^No\b/);
  });

  it('reads a claim past the other side of its question ("… or is that a rumor?", "… or not?")', () => {
    expect(saysYes('did israel and russia set up a hotline or not?')).toBe(true);
    const { reply } = ask(
      'is there actually a hotline between the israeli and russian air forces or is that a rumor',
    );
    expect(reply.text).not.toMatch(/don't say/);
    expect(reply.text).toMatch(/established a hotline in October/);
  });

  it('corrects a question built on denying what a sentence states', () => {
    expect(text("why didn't israel and russia set up a hotline?")).toMatch(
      /^Not quite: the articles say it is so:\n.*established a hotline in October/,
    );
    // A yes/no question's own "not" asks the claim; what was never done is no premise to correct,
    // nor is a thing set aside.
    expect(text('did israel and russia not set up a hotline?')).not.toMatch(/^Not quite/);
    expect(text('why did putin never visit israel?')).not.toMatch(/^Not quite/);
    expect(text('what was the occasion in paris for the chat (not the climate one)?')).not.toMatch(
      /^Not quite/,
    );
  });

  it('never answers No to a sentence of the articles asked back as a claim', () => {
    // Every sentence of five words or more, as a member would check it: any "No" contradicts the
    // very words it was asked in. Most are a Yes; the rest show the sentence.
    const sentences = engine()
      .passages.passages.map((p) => p.text.replace(/[.!?]+$/, ''))
      .filter((t) => t.split(' ').length >= 5 && t.length <= 220);
    expect(sentences.length).toBeGreaterThan(50);
    const denied = sentences.flatMap((t) =>
      [`is it true that ${t}?`, `${t}, right?`].filter((q) => /^\W*No\b/.test(text(q))),
    );
    expect(denied).toEqual([]);
  });

  it("never answers No to a quotation put in its speaker's mouth, nor Yes in the other leader's", () => {
    const kb = engine().kb;
    const principals = engine().principals;
    const leaders = [...principals].map((id) => kb.person(id)?.name.split(' ').at(-1) as string);
    const denied: string[] = [];
    const misplaced: string[] = [];
    for (const quote of kb.quotes) {
      if (!quote.speaker) continue;
      const speaker = kb.person(quote.speaker)?.name.split(' ').at(-1) as string;
      const words = quote.text
        .replace(/["“”]/g, '')
        .split(' ')
        .slice(0, 12)
        .join(' ')
        .replace(/[.,;:!?]+$/, '');
      const own = `did ${speaker} say "${words}"?`;
      if (/^\W*No\b/.test(text(own))) denied.push(own);
      if (!principals.has(quote.speaker)) continue;
      const other = `did ${leaders.find((name) => name !== speaker)} say "${words}"?`;
      if (saysYes(other)) misplaced.push(other);
    }
    expect(kb.quotes.length).toBeGreaterThan(30);
    expect(denied).toEqual([]);
    expect(misplaced).toEqual([]);
  });

  it('checks a record the question names in words of their own by those words, not by its other names', () => {
    // "Syrian territory" is an alias of the Syria topic, whose other names include "Assad".
    expect(
      text('did netanyahu say iran increased its attempts to attack israel from syrian territory'),
    ).not.toMatch(/^No\b/);
  });

  it('reads an order word the articles put before the same noun as theirs, not an order of meetings', () => {
    // "… to deal with the latest barrage of rockets being fired by Hamas": barrages, not meetings.
    const barrage = text('did netanyahu leave paris to deal with the latest barrage of rockets from gaza');
    expect(barrage).not.toMatch(/latest meeting/);
    expect(barrage).toMatch(/^Yes\b/);
    expect(text('was paris their latest meeting')).toMatch(/^No: the latest meeting the articles report is/);
  });

  it('never corrects the place of a claim a sentence states at that very place', () => {
    // "… caused Israeli officials to meet their counterparts in Moscow", in the Paris article.
    const officials = text('why did israeli officials go to moscow in 2018');
    expect(officials).not.toMatch(/^(No|Not quite)\b/);
    expect(officials).toContain('their counterparts in Moscow');
    // A claim the articles tell of another meeting still is corrected.
    expect(text('why did bibi leave sochi early')).toMatch(/Not quite: the articles tell this of Paris/);
  });

  it('reads "first" and "last" of every meeting the articles report, never as a plain Yes', () => {
    for (const question of [
      'was sochi their first meeting?',
      'was the sochi meeting their first?',
      'sochi was the first time they ever met, wasnt it',
    ])
      expect(text(question), question).toMatch(
        /^No: the earliest meeting the articles report is\n- \*\*Jerusalem, 25 June 2012/,
      );
    expect(text('was the 2016 moscow meeting their last?')).toMatch(
      /^No: the latest meeting the articles report is\n- \*\*Sochi/,
    );
    // The earliest they report is no first meeting they state: they call Sochi the 13th.
    expect(text('did they first meet in jerusalem?')).toMatch(
      /^Of the meetings the articles report, it is the earliest; they don't say/,
    );
    // A number word is a number: "third" against "the 13th meeting".
    expect(text('was sochi their third meeting?')).toMatch(
      /^No: the articles say 13th meeting, not 3rd meeting/,
    );
  });

  it('corrects a place and a date said together of a meeting that never was, whatever is asked', () => {
    expect(text('what did bibi and putin talk abt in moscow on sept 12 2019?')).toMatch(
      /^No: the articles report no meeting in Moscow on 12 September 2019\./,
    );
    expect(text('what happened at the 2012 sochi meeting?')).toMatch(
      /^No: the articles date the sochi meeting 12 September 2019, not in 2012\./,
    );
    // Said of two things, far apart, or a place the meeting is not put at: no correction.
    expect(
      text(
        'memorials are going up in israel and i saw they talked about memorials in 2019, which ones were discussed?',
      ),
    ).not.toMatch(/^No: /);
    expect(
      text(
        'why did netanyahu say every israeli understands why his moscow trip mattered (climate conf article)?',
      ),
    ).not.toMatch(/^No: /);
  });

  it('says No to a meeting named at a place it was not held, with where it was', () => {
    expect(text('the sochi meeting was held in the kremlin, correct?')).toMatch(
      /^No: the articles put the sochi meeting in Sochi, not in The Kremlin\..*\n- \*\*Sochi, 12 September 2019\*\* — Bocharov Ruchey/,
    );
    expect(saysYes('was the sochi meeting at bocharov ruchey?')).toBe(true);
    // Named by its occasion, whatever the question asks of it.
    expect(text('why did bibi and putin meet in moscow for the world war 1 centennial')).toMatch(
      /^No: the articles put the centennial in Paris, not in Moscow\..*\n- \*\*Paris, November 2018/,
    );
  });

  it('puts what a question places at the wrong meeting where the articles tell it', () => {
    // "The prime minister abruptly left Paris for Israel to deal with … rockets … fired by Hamas".
    expect(text('did netanyahu abruptly leave moscow to deal with rockets fired by hamas?')).toMatch(
      /^No: the articles tell it of Paris, November 2018 \(.*World War I\), not Moscow:\n.*abruptly left Paris/,
    );
    expect(text('why did netanyahu leave sochi abruptly to deal with hamas rockets?')).toMatch(
      /^Not quite: the articles tell it of Paris, November 2018 \(Centennial commemoration of the end of World War I\), not Sochi/,
    );
    // How it was done says nothing of where: "early" for "abruptly".
    expect(text('why did netanyahu leave the climate conference early to deal w hamas rockets')).toMatch(
      /^Not quite: the articles tell it of Paris, November 2018 \(Centennial commemoration of the end of World War I\), not Paris, 30 November 2015/,
    );
    // A meeting named by its date alone, where one was held then.
    expect(text("at their 2012 meeting why did bibi thank putin for the 'mutual rational policy'?")).toMatch(
      /^Not quite: the articles tell it of Sochi, 12 September 2019, not Jerusalem, 25 June 2012/,
    );
    expect(saysYes('did netanyahu leave paris abruptly to deal with rockets fired by hamas')).toBe(true);
    expect(text('what did putin say about the knesset in moscow')).toMatch(
      /^Not quite: the articles tell it of Sochi, 12 September 2019, not Moscow/,
    );
    // A premise in a clause of its own before the question is checked as well.
    expect(text('since the air force hotline was set up in december, has there been any incident?')).toMatch(
      /^Not quite: .*\n.*established a hotline in October/,
    );
    // What an article says of a visit it announces is told of that visit.
    expect(saysYes("did putin confirm he'd come to israel in jan for the auschwitz memorial")).toBe(true);
  });

  it('corrects a person given another country’s title, and answers the question as meant', () => {
    const answer = text('what did israeli defense minister sergei shoigu tell netanyahu in sochi');
    expect(answer).toMatch(
      /^Not quite: the articles name Sergei Shoigu Defense Minister of Russia, not of Israel\./,
    );
    expect(answer).toMatch(/stepping up its attacks/);
    // The country of their own title, or a country before a verb, is no correction.
    expect(text('did netanyahu meet the russian defense minister sergei shoigu')).toMatch(/^Yes\b/);
    expect(text('did the israeli pm meet shoigu')).not.toMatch(/^Not quite/);
    // Nor is a country in the clause before the name's: "… in Syria, Netanyahu met with Putin".
    expect(
      text('due to concerns over russias involvement in syria, netanyahu met with putin in september?'),
    ).not.toMatch(/not of Syria/);
    expect(
      text('on israel-russia ties, putin said they place great importance on the relationship?'),
    ).not.toMatch(/not of Israel/);
  });

  it('never puts words in the other leader’s mouth from another meeting than the one asked about', () => {
    // Netanyahu on "the relationship between Israel and Russia" is from the Paris transcript;
    // Putin's "great importance on our relationship with Israel" from Moscow.
    const moscow = text(
      'what did putin say about how much russia values its ties with israel at the moscow presser',
    );
    expect(moscow).not.toMatch(/Netanyahu saying it/);
    expect(moscow).toContain('great importance');
    expect(text('why did bibi call israel and russia unconditional allies in moscow')).toMatch(
      /Putin saying it/,
    );
  });

  it('tells who said words a question puts in the other leader’s mouth, whatever it asks of them', () => {
    for (const [question, lead] of [
      ['why did bibi call israel and russia "unconditional allies"?', 'Not quite'],
      [
        "when netanyahu called israel and russia 'unconditional allies' in moscow what did he mean",
        'Not quite',
      ],
      ['did netanyahu say israel and russia are unconditional allies?', 'No'],
      ['why did netanyahu say "we are unconditional allies"', 'Not quite'],
    ] as const) {
      expect(text(question)).toMatch(
        new RegExp(`^${lead}: the articles have Vladimir Putin saying it, not Benjamin Netanyahu:`),
      );
      expect(text(question)).toMatch(/unconditional allies/);
    }
    // Said by the one the question names, or near enough in his own words: no correction.
    expect(text('did putin call israel and russia unconditional allies?')).toMatch(/^Yes\b/);
    expect(text('how well did putin say the military contact mechanism has worked')).toMatch(/efficient/);
    expect(text('how well did putin say the military contact mechanism has worked')).not.toMatch(
      /^Not quite/,
    );
  });

  it('declines a question about someone of a leader’s family the articles never mention', () => {
    for (const question of [
      'was sara netanyahu with him on the moscow trip',
      'did yair netanyahu go to sochi?',
    ])
      expect(ask(question).reply.kind, question).toBe('not-found');
    // His own name, typed by ear, or with his title, is still him.
    expect(saysYes('did benjamen netanyahu go to sochi?')).toBe(true);
    expect(saysYes('did israeli pm netanyahu meet putin in sochi?')).toBe(true);
  });

  it('shows what the articles say of the rest of a question built on a name they never mention', () => {
    const { reply } = ask('what did netanyahu tell lavrov about iran when he was in sochi');
    expect(reply.kind).toBe('not-found');
    expect(reply.text).toMatch(/don't mention “lavrov”/);
    expect(reply.text).toMatch(/Shoigu/);
    // The person they do have there comes first, whatever else the rest of the question says.
    expect(text('bibi met lavrov in sochi right?')).toMatch(/What they do say about Sochi:\n.*Shoigu/);
    expect(reply.citations.length).toBeGreaterThan(0);
    // A name of two words they never use ("tel aviv"), and the date that names the meeting meant.
    expect(text('why did putin and netanyahu meet in tel aviv in sept 2019?')).toMatch(
      /Sochi, 12 September 2019[\s\S]*What they do say about September 2019:\n.*Shoigu/,
    );
    // A place they never mention, at a date: the meeting they report then is named first.
    expect(text('what did they talk about at the st petersburg meeting in sept 2019?')).toMatch(
      /The meeting they report then: \*\*Sochi, 12 September 2019\*\*\.\nWhat they do say about September 2019:/,
    );
    // An ordinary word the articles never use asks what they never say: nothing is quoted.
    expect(ask('what did they eat in sochi?').reply.text).not.toMatch(/│|>/);
    // Laughter and "hows" ask nothing beside it; a word the articles say more specifically is said.
    expect(ask('hows the weather in sochi when they met lol').reply.kind).toBe('not-found');
    expect(ask('what did netanyahu say abt his paris chat w putin in 2018').reply.kind).toBe('answer');
  });

  it('says a count the articles never give is not given, with the closest sentence', () => {
    const { reply } = ask('how many pilots were on the plane israel shot down?');
    expect(reply.text).toMatch(/^The articles don't say how many/);
    expect(reply.text).toMatch(/plane/);
  });
});

describe('a value of the kind the question asks for', () => {
  it('says the articles do not give a length they never state, quoting the closest sentence', () => {
    const { reply } = ask("how long was bibi's tour of the kremlin?");
    expect(reply.text).toMatch(/^The articles don't say how long/);
    expect(reply.text).toMatch(/tour of the Kremlin/);
  });

  it('asks for what any noun of a compound says ("what ordinal number", "what holiday greeting")', () => {
    expect(text('what ordinal number was the sochi meeting in the series of their meetings?')).toMatch(
      /13th/,
    );
    expect(text('what holiday greeting did netanyahu give putin at the climate summit')).not.toMatch(
      /don't mention/,
    );
    expect(text('what type of aircraft did turkey shoot down')).toMatch(/don't mention “type”/);
  });

  it('counts a thing typed as shorthand as the word it stands for ("yrs")', () => {
    expect(text('how many yrs of diplomatic ties were they marking in moscow')).toMatch(/25 years/);
  });

  it('says the articles do not give a sum of money they never state', () => {
    expect(text('how much did the pensions deal cost in euros')).toMatch(/^The articles don't say how much/);
  });

  it('answers "how long" where a sentence gives a time', () => {
    const { reply } = ask('how long before the climate conference did turkey down the russian jet');
    expect(reply.text).not.toMatch(/don't say/);
    expect(reply.text).toMatch(/last week/);
  });
});

describe('what a question asks about', () => {
  it('declines a subject one of whose words the articles never use, though they cover the rest', () => {
    const { reply } = ask("what did netanyahu tell putin about iran's ballistic arsenal");
    expect(reply.kind).toBe('not-found');
    expect(reply.text).toMatch(/don't mention “ballistic”/);
  });

  it('answers a subject said in other words of the articles', () => {
    const { reply } = ask('what did they say about hezbollah weapons');
    expect(reply.kind).toBe('answer');
    expect(reply.text).toMatch(/Hezbollah/);
  });
});

describe('a word of conversation before a question', () => {
  it('reads "so did …" as the yes/no question after it, and a typed question word as the question', () => {
    expect(
      text('so did putin actually end up going to israel in january for the auschwitz memorial?'),
    ).toMatch(/^It was announced, but the articles don't say it took place/);
    expect(text('wat did putin say abt the israeli elections')).toMatch(/Knesset/);
  });

  it('confirms a plan asked after as a plan, and never that it was carried out', () => {
    // "The Russian leader confirmed his intention to visit Israel in January …"
    expect(text('is putin planning to come to israel for an auschwitz memorial?')).toMatch(
      /^Yes, it was announced \(no article reports whether it took place\)/,
    );
    // "Going to Israel" is where he went, not what was to come.
    expect(saysYes('did putin actually end up going to israel in january for the auschwitz memorial?')).toBe(
      false,
    );
  });
});

describe('names the articles never give', () => {
  it('says the articles name none of the people or things asked for, with the closest sentence', () => {
    const answer = text('can u list the names of the 8 israeli clean tech companies');
    expect(answer).toMatch(/^The articles don't say which “clean tech companies”: they name none\./);
    expect(answer).toMatch(/Eight Israeli clean-tech companies/);
    expect(text('which officials did netanyahu say would meet on tuesday')).toMatch(
      /^The articles don't say which/,
    );
  });

  it('answers where a sentence on the subject gives a name the question does not', () => {
    expect(text('which israeli minister announced that a russian jet flew into israeli airspace')).toMatch(
      /Ya'alon/,
    );
    expect(text('which world leaders did bibi meet at the climate conference')).toMatch(/Abbas/);
    // A name the sentence capitalises, though English has it as a word ("the Quartet of which
    // Moscow is a member").
    expect(
      text(
        'whats the name of the group moscow belongs to that putin wanted to keep working on israeli-palestinian peace',
      ),
    ).toContain('Quartet');
    expect(
      text(
        'whats the name of the group moscow belongs to that putin wanted to keep working on israeli-palestinian peace',
      ),
    ).not.toMatch(/they name none/);
  });
});

describe('who did what the articles never say was done', () => {
  it('declines "who lost" when no sentence on the subject says anyone lost, with the closest sentence', () => {
    const { reply } = ask('who lost that knesset vote putin brought up in sochi');
    expect(reply.text).toMatch(/^The articles don't say who lost/);
    expect(reply.text).toMatch(/Knesset/);
  });

  it('reads "who" after a word or two of conversation', () => {
    expect(ask('ok so who lost the knesset vote putin mentioned').reply.text).toMatch(
      /^The articles don't say who lost/,
    );
  });

  it('answers who did something a sentence says in another form of the word', () => {
    const { reply } = ask('who fired rockets into israel while bibi was in paris');
    expect(reply.text).not.toMatch(/don't say/);
    expect(reply.text).toMatch(/Hamas/);
  });
});

describe('names typed by ear', () => {
  it('reads a name two slips away as that name, when no other name is as near', () => {
    const { reply } = ask('wat did netanyhau tell pootin in sochi');
    expect(reply.kind).toBe('answer');
    expect(reply.text).not.toMatch(/don't mention/);
  });

  it('never reads an ordinary English word as a name', () => {
    const e = engine();
    for (const word of ['price', 'prune', 'pottin', 'sock']) {
      const u = e.understand(`what about the ${word}`);
      expect(
        u.corrections.filter(([typed]) => e.sense.isEnglish(typed)),
        word,
      ).toEqual([]);
    }
  });
});
