/**
 * The few rules the answer layer keeps about wording. Each describes English, not the five
 * articles: they hold for any fact base.
 */
import { describe, expect, it } from 'vitest';
import { OCCURRENCES } from '../src/answers/counts.js';
import { detectIntent } from '../src/ask/intents.js';
import { questionParts } from '../src/ask/parts.js';
import { attributionLines, splitSentences } from '../src/engine/passages.js';
import type { Source } from '../src/knowledge/model.js';
import { foldQuestion } from '../src/language/index.js';
import { parseDateQuery } from '../src/search/dates.js';
import { ask } from './support/summit.js';

describe('rules of English the answers rely on', () => {
  it('"first" orders, unless it names a war or counts a number', () => {
    expect(parseDateQuery('when was their first meeting').order).toBe('first');
    expect(parseDateQuery('the earliest talks').order).toBe('first');
    expect(parseDateQuery('what happened at the First World War centennial').order).toBeUndefined();
    expect(parseDateQuery('the first 25 years of relations').order).toBeUndefined();
    expect(parseDateQuery('the first twenty-five years of relations').order).toBeUndefined();
  });

  it('"how many times" counts occurrences, which are the meetings; "how many companies" counts things', () => {
    expect(OCCURRENCES.has('time')).toBe(true);
    expect(ask('how many times did they meet?').reply.title).toBe('How many meetings');
    const companies = ask('how many israeli cleantech companies were at the climate conference?').text;
    expect(companies).toMatch(/Eight Israeli clean-tech companies/);
    expect(companies).not.toMatch(/How many meetings/);
  });

  it('a few letters with a number are a name the articles must use (S-300, G20); a number alone or a word they use is not', () => {
    const s300 = ask('did they discuss the S-300 missile systems at any point').reply;
    expect(s300.kind).toBe('not-found');
    expect(s300.text).toContain('s300');
    const g20 = ask('what did they agree on at the g20 in paris in 2015').reply;
    expect(g20.kind).toBe('not-found');
    // What the articles say of the rest names the meeting that was in Paris in 2015.
    expect(g20.text).toMatch(/What they do say about Paris/);
    // Its plural is the same name ("the S-300s"); the plural of one they use is theirs.
    const plural = ask('did putin agree to hold off on delivering the S-300s to syria when they met').reply;
    expect(plural.kind).toBe('not-found');
    expect(plural.text).toContain('s300s');
    expect(ask('were the cop21s in paris').reply.kind).toBe('answer');
    expect(ask('when was cop21').reply.kind).toBe('answer');
    expect(ask('what happened in 2015').reply.kind).toBe('answer');
  });

  it('"how many X" with no figure counts the Xs a sentence names one by one, in any word that means X; "a/b" offers one thing', () => {
    const deals = ask('how many deals/documents got done during bibis moscow visit').reply;
    expect(deals.text).toMatch(/^\*\*2\*\*, named one by one/);
    expect(deals.text).toContain('memorandum of understanding over dairy produce');
    // Typed with spaces too; and a plural is the thing counted, whatever noun follows it.
    expect(ask('how many deals / documents came out of the moscow visit').reply.title).toBe('How many deals');
    expect(ask('how many meetings total did they have').reply.title).toBe('How many meetings');
    // A sentence that names the thing once gives no count.
    expect(ask('how many people died on the russian plane shot down sept 18').text).not.toMatch(
      /named one by one/,
    );
  });

  it('a tag ("…, did they?") makes a statement a yes/no question; after a question word, "was it" ends the question', () => {
    expect(detectIntent('they met in sochi did they')).toBe('yes-no');
    expect(detectIntent('they met in sochi didnt they')).toBe('yes-no');
    expect(detectIntent('auschwitz liberation anniversary which number anniversary was it')).not.toBe(
      'yes-no',
    );
    expect(ask('auschwitz liberation anniversary - which number anniversary was it').text).toMatch(
      /75th anniversary/,
    );
  });

  it('a name of two words WordNet knows is a name the articles must use, whatever they say of each word', () => {
    const cup = ask('what did bibi and putin chat about at the 2018 world cup final').reply;
    expect(cup.kind).toBe('not-found');
    expect(cup.text).toContain('world cup');
    expect(ask('did they meet at the white house').reply.kind).toBe('not-found');
    // A word that names a record reads as that record first: the Gaza Strip is Gaza.
    expect(ask('what happened in the gaza strip').reply.kind).toBe('answer');
  });

  it('after "what did <name>", a word that can be a verb is the verb, not the detail asked for', () => {
    const raised = ask('what did putin raise at the moscow meeting').reply;
    expect(raised.kind).toBe('answer');
    expect(raised.text).toMatch(/free trade zone/);
    // The subject itself is still checked: "trump" is no name the articles use.
    expect(ask('what did trump say about the sochi meeting').reply.kind).toBe('not-found');
  });

  it('"besides X", "apart from X", "other than X" set X aside: a sentence saying it answers less', () => {
    const others = ask('besides putin who else did the pm talk to at the climate conf?').text;
    const abbas = others.indexOf('Mahmoud Abbas');
    expect(abbas).toBeGreaterThan(-1);
    // The first sentence quoted is the one naming someone else, not a sentence about Putin.
    expect(others.indexOf('│')).toBe(others.lastIndexOf('│', abbas));
  });

  it('a plural of a word every question says ("kinds of stuff") asks nothing; those words still rank what is shown', () => {
    const topics = ask('what kinds of stuff have they discussed over all their meetings').text;
    expect(topics).toContain('discussed many agreements on security, economic issues, tourism, technology');
  });

  it('a contraction typed without its apostrophe is spelled out where it is no English word ("hed"), not where it is one ("shed")', () => {
    expect(ask('did putin say hed visit israel in january for the auschwitz memorial').reply.text).toMatch(
      /^Yes\b/,
    );
    expect(foldQuestion('theyre youll hed shed were well')).toBe('they are you will he would shed were well');
  });

  it('a question word typed as chat shorthand ("wat", "wen") is the question word in every check', () => {
    expect(ask('wat did putin say about having another meeting').text).toMatch(/We haven’t planned yet/);
    expect(ask('wen did they meet in sochi').text).toMatch(/12 September 2019/);
  });

  it('a page credits a picture or a source with a label and a colon, and a title’s period ends no sentence', () => {
    const page =
      'The talks went well.\nImage credit: Jane Roe / Wire\n[Photo: Agency]\nJane Doe is a reporter. Ms. Doe lives in Rome.';
    const source = { author: 'Jane Doe' } as Source;
    expect(attributionLines(page, source)).toEqual([
      { line: 1, text: 'Image credit: Jane Roe / Wire', role: 'credit' },
      { line: 2, text: '[Photo: Agency]', role: 'credit' },
      { line: 3, text: 'Jane Doe is a reporter.', role: 'author' },
      { line: 3, text: 'Ms. Doe lives in Rome.', role: 'author' },
    ]);
    expect(splitSentences('Dr. Smith arrived. He spoke.')).toEqual(['Dr. Smith arrived.', 'He spoke.']);
  });

  it('another question starts after a comma or "and" with a question word, not inside a clause', () => {
    expect(questionParts('who built it, and when was it opened?')).toEqual([
      'who built it',
      'when was it opened?',
    ]);
    expect(questionParts('the town where the bridge was built')).toHaveLength(1);
  });
});
