/**
 * Answers that hold the fact asked for: the sentence that says what the question asks comes
 * with (or before) the record that fits, credits and authors are answerable, a sentence is shown
 * with what it goes on from, and a message that asks two things gets both answered.
 * Phrasings here are new: none is a question of the blind sets.
 */
import { describe, expect, it } from 'vitest';
import type { Reply } from '../src/answers/reply.js';
import { combineParts, questionParts } from '../src/ask/parts.js';
import { renderText } from '../src/console/render.js';
import { ask } from './support/summit.js';

/** What the user reads as the answer: no sources list, suggestions or follow-ups. */
const shown = (line: string) => {
  const { reply } = ask(line);
  expect(reply.kind, line).toBe('answer');
  expect(reply.citations.length, line).toBeGreaterThan(0);
  return renderText({ ...reply, citations: [], followUps: [], suggestions: [] });
};

describe('the sentence that answers the question', () => {
  it('is shown with a record that does not say it', () => {
    expect(shown('name the israeli defense minister from the paris climate conference piece')).toContain(
      "Moshe Ya'alon",
    );
    expect(shown('who does israel try to stop arms from reaching in syria')).toContain('Hezbollah');
  });

  it('comes from any article, before a record that does not say what was asked', () => {
    // The record that fits best is the upsurge of Iranian attempts (the Sochi article); the arms
    // and whom they must not reach are in the Moscow article.
    const text = shown('who does israel try to stop arms from reaching in syria');
    expect(text).toMatch(/^[^\n]*\n+What the articles say:\n(?:>|│) During the past year[^\n]*Hezbollah/);
  });

  it('is read with the sentences it goes on from', () => {
    expect(shown('in what sense did putin call israel and russia allies')).toContain(
      'fighting against terrorism',
    );
    expect(shown('when did putin say no date for another bilateral meeting had been negotiated')).toContain(
      'Putin said on Thursday',
    );
  });
});

describe('the kind of thing asked for', () => {
  it('a day to "which day", before a record that gives only the date', () => {
    const text = shown('which day did netanyahu thank putin for their rational policy');
    expect(text).toMatch(/What the articles say:\n(?:>|│) [^\n]*Thursday evening/);
  });
});

describe('who made the article', () => {
  it('answers who took a photo and who wrote a piece, in the article’s own words', () => {
    expect(shown('who shot the photo used in the sochi story')).toContain('Amos Ben-Gershom');
    expect(shown('credit for the picture in the jns article?')).toContain('Marc Israel Sellem');
    // Any verb for taking it, and any words before "photo".
    expect(shown('who snapped that farewell pic in sochi')).toContain('Amos Ben-Gershom');
    // "Credited" as well as "credit"; a "photograph" as well as a "photo".
    expect(shown('whos credited for the pic of them saying goodbye in sochi')).toContain('Amos Ben-Gershom');
    expect(
      shown('Who is credited with the photograph of the June 25, 2012 joint press conference in Jerusalem?'),
    ).toContain('Marc Israel Sellem');
    expect(shown('which reporter wrote up the sochi meeting')).toContain('Hana Levi Julian');
    // Whose report an article relays is what "which outlet" asks of a quotation.
    expect(shown('which outlet reported that putin credited bibi with proposing the mechanism')).toContain(
      'The Times of Israel',
    );
    // A meeting two articles report is asked after in both: one relays The Times of Israel.
    const cited = shown(
      'which outlet is cited as the source for the report on the climate change conference talks',
    );
    expect(cited).toContain('2 articles report this meeting');
    expect(cited).toContain('The Times of Israel');
    const writer = shown('who is the writer of the bocharov ruchey piece');
    expect(writer).toContain('Hana Levi Julian');
    expect(writer).toContain('Southern Connecticut State University');
  });
});

describe('what someone said', () => {
  it('at the occasion named, when the question only tells the occasion again', () => {
    expect(shown('what did bibi say about his conversation with putin in paris in 2018')).toContain(
      'to the point',
    );
  });

  it('with an adverb between "what" and "did" ("what exactly did Putin say …")', () => {
    const asked = shown('what exactly did putin say when asked about another meeting after paris');
    expect(asked).toContain('We haven’t planned yet');
    expect(asked).not.toMatch(/^Netanyahu–Putin meetings/);
  });
});

describe('counts and lists', () => {
  it('a number stated of another occasion is no count of the one asked about', () => {
    const text = shown('how many other leaders did netanyahu talk to during the climate change conference');
    expect(text).toContain('Mahmoud Abbas');
    // "the two leaders" is said of the 2018 talks in Paris, not of the 2015 conference.
    expect(text).not.toContain('between the two leaders');
  });

  it('"all the quotes from" someone lists them all, whatever other words the request has', () => {
    const { reply } = ask('list all the quotes from netanyahu in the articles please');
    expect(reply.title).toMatch(/^\d+ quotes by Benjamin Netanyahu$/);
  });
});

describe('a message that asks several things', () => {
  it('is split where English starts another question, and only there', () => {
    expect(questionParts('where did they meet in 2019, and what did putin say about the knesset?')).toEqual([
      'where did they meet in 2019',
      'what did putin say about the knesset?',
    ]);
    expect(questionParts('Why did he fly home? What happened in Gaza?')).toEqual([
      'Why did he fly home?',
      'What happened in Gaza?',
    ]);
    // A piece with no word of its own only continues the question before it.
    expect(questionParts('how many companies presented, and what were they')).toHaveLength(1);
    // What leads to the first question is part of it.
    expect(questionParts('two things: first, who proposed it, and second, when was it set up')).toEqual([
      'two things: first who proposed it',
      'when was it set up',
    ]);
    expect(questionParts('the meeting where Putin gave the tour')).toEqual([
      'the meeting where Putin gave the tour',
    ]);
    expect(questionParts('who reported the talks, and on which weekday did it appear')).toEqual([
      'who reported the talks',
      'on which weekday did it appear',
    ]);
  });

  it('answers each part under its heading, in one reply', () => {
    const text = shown('where did they meet in 2019, and what did putin say about the knesset?');
    expect(text).toMatch(
      /1\. “where did they meet in 2019”[\s\S]*Sochi[\s\S]*2\. “what did putin say about the knesset\?”[\s\S]*Knesset/,
    );
  });

  it('numbers the sources once, each part’s marks pointing at the same article', () => {
    const cite = (sourceId: string) => ({ sourceId, title: sourceId, published: '2019' });
    const part = (text: string, ids: string[]): Reply => ({
      kind: 'answer',
      title: 't',
      text,
      fields: [],
      citations: ids.map(cite),
      followUps: [],
      suggestions: [],
    });
    const combined = combineParts(
      ['a', 'b'],
      [part('first [1] second [2]', ['x', 'y']), part('third [1] fourth [2]', ['y', 'z'])],
    );
    expect(combined.citations.map((c) => c.sourceId)).toEqual(['x', 'y', 'z']);
    expect(combined.text).toContain('first [1] second [2]');
    expect(combined.text).toContain('third [2] fourth [3]');
  });
});
