/**
 * Questions the articles answer in other words than the question's: they are answered, not
 * declined. Phrasings here are new: none is a question of the blind sets.
 */
import { describe, expect, it } from 'vitest';
import { questionParts } from '../src/ask/parts.js';
import { renderText } from '../src/console/render.js';
import { ask, engine } from './support/summit.js';

/** The reply as the user reads it, with its kind. */
const read = (line: string) => {
  const { reply } = ask(line);
  return { kind: reply.kind, text: renderText({ ...reply, citations: [], followUps: [], suggestions: [] }) };
};

const answers = (line: string, fact: string) => {
  const { kind, text } = read(line);
  expect(kind, line).toBe('answer');
  expect(text, line).toContain(fact);
};

describe('a "who" or "what did X tell" question read through its adverbs and auxiliaries', () => {
  it('finds the doer past an adverb after "who"', () => {
    for (const question of [
      'who actually shot down the russian jet near the turkish border',
      'who actually gave netanyahu a tour of the kremlin',
    ])
      expect(read(question).text, question).not.toMatch(/The articles don't say who/);
    answers('who actually shot down the russian jet near the turkish border', 'Turkey');
  });

  it('reads the verb after "what did <name>" as the verb, though WordNet has a person of its name (William Tell)', () => {
    expect(read('what did netanyahu tell putin about radical islam').text).not.toMatch(/don't say which/);
    answers('what did netanyahu tell putin about radical islam', 'militant Islam');
  });
});

describe('a meeting still to come that the articles announce none of', () => {
  it('is answered with what they say of one: none is set', () => {
    answers(
      'when is the next bibi putin meeting after the ww1 anniversary, is there a date',
      'no future talks have been scheduled',
    );
  });
});

describe('a question asking what a name is', () => {
  it('is answered about the name, whatever word it guesses at', () => {
    answers("what's bocharov ruchey, some hotel?", 'summer residence');
    // Not a name's definition: a thing the articles never mention is still declined.
    expect(read("what's the food like in sochi").kind).toBe('not-found');
  });
});

describe('a question asking for people to be listed', () => {
  it('lists the people of the records but those it names, with their roles', () => {
    const { text } = read('other than bibi and vlad, which officials show up in the articles?');
    for (const name of ['Sergei Shoigu', "Moshe Ya'alon", 'Mahmoud Abbas']) expect(text).toContain(name);
    expect(text).not.toContain('- **Benjamin Netanyahu**');
  });

  it("keeps those of the meeting or article the question gives, and asks for one person's role as before", () => {
    const { text } = read('who else gets a mention in the sochi story apart from the two leaders');
    expect(text).toMatch(/^People in the articles/);
    expect(text).toContain('Sergei Shoigu');
    expect(text).not.toContain('Mahmoud Abbas');
    expect(read('who was the russian defense minister bibi met in sochi').text).toMatch(/Shoigu/);
  });
});

describe('someone the articles never quote', () => {
  it('is said to be unquoted, with where the articles place them, even where the question puts them elsewhere', () => {
    const { text } = read('what did abbas tell bibi in sochi');
    expect(text).toContain(
      "The articles don't quote Mahmoud Abbas at all. Where they place Mahmoud Abbas: Paris, 30 November 2015.",
    );
  });
});

describe('the thing a "what" question asks for', () => {
  it('is answered by its synonyms when asked for by itself', () => {
    answers('what weapons did netanyahu say iran wanted to station in syria', 'precision missiles');
    answers('what was the motive for netanyahu’s trip to moscow in september', 'Syria');
  });

  it('is still declined when a detail of a thing is asked and no form of its word is said', () => {
    expect(read('what type of aircraft did turkey use').kind).toBe('not-found');
  });

  it('is what one sentence names when it says all the rest of the question, in its own words', () => {
    answers('what milestone was the moscow visit marking', '25 years');
    // A hyphenated pair asks each of its words, not also the pair joined ("israel-russia"), and
    // the sentence that says it all need not be the first found.
    answers('what milestone in israel-russia relations did the moscow meeting mark?', '25 years');
    // A word that only describes ("that quick chat") need not be said there too.
    answers(
      'what ceremony were bibi and putin both at in paris when they had that quick chat and didnt set another meeting?',
      'World War I',
    );
    // Only the leaders' names said, and no word of what was done: nothing to read the thing from.
    expect(read('what souvenir did netanyahu bring putin').kind).toBe('not-found');
  });

  it('is anything the articles say when its word only describes a head that names nothing in particular', () => {
    answers('what concrete stuff came out of the moscow visit, like agreements signed', 'pensions');
    // A name that is also a noun, before a verb, is still what is asked about.
    expect(read('what did trump say about the sochi meeting').kind).toBe('not-found');
  });

  it('reads a name typed as an English word’s slip as the name', () => {
    answers('what did puttin tell reporters about who gets elected', 'Knesset');
  });
});

describe('counts', () => {
  it('count the head of the phrase, past the names that describe it, and not a name after it', () => {
    expect(read('how many distinct bibi-vlad meetings are reported').text).toMatch(/mention \d+ meetings/);
    expect(read('how many times netanyahu met putin in paris').text).toContain('in Paris');
  });

  it('count things called otherwise when the question describes them as the sentence does', () => {
    answers('how many israeli clean-tech businesses were going to present in paris', 'Eight');
  });

  it('count time in any noun of time a number stands before ("the 75th anniversary" for years)', () => {
    answers(
      'which anniversary of the liberation of auschwitz was the memorial for, like how many yrs',
      '75th anniversary',
    );
  });

  it('count meetings with what brought each about: two in one city are told apart', () => {
    const { text } = read('how many separate times were bibi and putin both in paris');
    expect(text).toContain('climate change conference');
    expect(text).toContain('World War I');
  });

  it('count the time between two meetings the question names, from their dates', () => {
    const { text } = read('how many years between the jerusalem presser pic and the sochi meeting');
    expect(text).toMatch(/7 years[\s\S]*25 June 2012[\s\S]*12 September 2019/);
    // Paris holds two meetings: a place names one only where the articles report one.
    expect(read('how many years between the paris meeting and the sochi meeting').text).not.toMatch(
      /years apart/,
    );
  });
});

describe('what a question asks "about"', () => {
  it('ends at the clause: "come about," has no object', () => {
    answers('how did the world war one centennial talk come about, was it a proper sitdown', 'impromptu');
  });
});

describe('a question whose whole content the articles say in other words', () => {
  it('is answered: a synonym or a derived word stands for it', () => {
    answers('who else besides putin did bibi talk with in sochi', 'Shoigu');
    // A phrasal verb WordNet lists ("get together": meet), typed as a noun with a hyphen.
    answers('was their moscow get-together in 2016', 'Yes');
  });

  it('reads a contraction typed without its apostrophe as the function words it is', () => {
    answers(
      "in what city did netanyahu say they'll never forget the russian army defeating the nazis",
      'Sochi',
    );
  });

  it('is still declined when nothing in the articles says it in any form', () => {
    expect(read('what did they drink in moscow').kind).toBe('not-found');
  });
});

describe('chat shorthand for words that ask nothing of their own ("abt", "bc", "kinda")', () => {
  it('asks what it spells out, and is searched for as nothing', () => {
    answers('wat did putin say abt the israeli elections', 'Knesset');
    answers('wat did putin think abt israel n turkey making up', 'positive outcome');
    // Spelled out, "kinda stuff … talking abt" searches for no sentence "about" something.
    answers('so what kinda stuff have they been talking abt', 'topics came up across the meetings');
  });
});

describe('a word of a name typed clipped ("the climate conf", "the centennial commem")', () => {
  it('names the meeting or place whose one word it starts', () => {
    const e = engine();
    expect(e.understand('what did bibi say at the climate conf').meetings.map((m) => m.id)).toEqual([
      'paris-2015',
    ]);
    expect(e.understand('what happened at the ww1 centennial commem').meetings.map((m) => m.id)).toEqual([
      'paris-2018',
    ]);
    expect(e.understand('did they meet in jerus').places.map((p) => p.id)).toEqual(['jerusalem']);
    // Every name word it starts belonging to one person ("vladimir", "vladimirovich") is no doubt.
    expect(
      e.understand('did vlad say he might do the leningrad memorial too').people.map((p) => p.id),
    ).toEqual(['putin']);
  });

  it('leaves an English word alone, though a name starts with it', () => {
    expect(engine().understand('who does russia back in syria?').corrected).toContain('back');
    expect(engine().understand('did trump join them in paris?').corrected).toContain('join');
  });
});

describe('a question word typed one slip away as an auxiliary ("were did they meet")', () => {
  it('is the question word: two auxiliaries in a row open no English question', () => {
    answers('were did bibi and vlad run into each other for the ww1 100 year thing', 'Paris');
    expect(read('were did they meet in sochi').text).toMatch(/Bocharov Ruchey/);
  });
});

describe('people counted by what they are ("how many defense ministers")', () => {
  it("are the records' people whose role says it, each named with the role", () => {
    answers(
      'how many defense ministers get named across all the articles',
      'Sergei Shoigu (Defense Minister of Russia)',
    );
    answers(
      'how many defense ministers get named across all the articles',
      "Moshe Ya'alon (Defense Minister of Israel)",
    );
    expect(read('how many presidents are mentioned').text).toMatch(/name 2: Vladimir Putin/);
  });
});

describe('a question for someone\'s wording ("what phrase did X use for Y")', () => {
  it('is answered with what X said about Y', () => {
    answers('what phrase did netanyahu use for the iranian threat in sochi', 'intolerable threat');
    answers(
      'need the exact words: what term did bibi use to describe the iranian threat?',
      'intolerable threat',
    );
    // The words asked for as a noun, with no question word.
    answers(
      'the exact words bibi told reporters after his short paris talk with putin in 2015',
      'deepen the coordination',
    );
  });

  it('is asked as how X described, called or put Y, with or without "himself"', () => {
    answers('how did bibi describe the paris convo, his actual words', 'to the point');
    answers('how did netanyahu himself describe the conversation?', 'to the point');
    // As typed without its auxiliary, and asking for "his own words".
    answers('how netanyahu describe the conversation, in his own words', 'to the point');
  });
});

describe('a question asked by its question mark alone', () => {
  it('goes on with the question before it', () => {
    answers('who else did bibi see at the climate change conference in paris? palestinians too?', 'Abbas');
  });

  it('is no part of its own, while a request of its own still is', () => {
    expect(questionParts('when was the sochi meeting? any other leaders there?')).toHaveLength(1);
    expect(questionParts('When was the Sochi meeting? Tell me about Hanukkah.')).toHaveLength(2);
  });
});

describe('a part of a message that names nothing of its own', () => {
  it('is read with the names the parts before it gave, and keeps the meetings it lists', () => {
    const { text } = read('did bibi and putin ever meet in paris, and on which occasions');
    expect(text).toContain('climate');
    expect(text).toContain('World War');
  });
});

describe('a meeting named by how it was held ("the Moscow press conference")', () => {
  it('is the one of the meetings there held so', () => {
    answers(
      "I'm trying to understand the Moscow press conference. Which topics did Putin bring up there? Please list all of them.",
      'Moscow, 2016',
    );
  });
});
