/**
 * The passage index: every sentence of every article's text, searchable, quoted and cited; page
 * furniture left out by where the article's text runs, not by a list of phrases; an article added
 * with its source entry answerable at once, before any record cites it.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimOf } from '../src/answers/claims.js';
import { answerQuestion } from '../src/ask/router.js';
import { createEngine } from '../src/engine/create.js';
import { splitSentences } from '../src/engine/passages.js';
import { copyKnowledge, removeKnowledgeCopies } from './support/knowledge-copy.js';
import { engine } from './support/summit.js';

afterAll(removeKnowledgeCopies);

const texts = () => engine().passages.passages.map((p) => p.text);

describe('the passage index', () => {
  it('holds the sentences of the articles, verbatim', () => {
    expect(texts()).toContain(
      'Eight Israeli clean-tech companies are scheduled to present their products and services at the conference early next week.',
    );
    expect(texts()).toContain(
      "Russia's President Vladimir Putin and Israel's Prime Minister Benjamin Netanyahu say their 'goodbyes' in Sochi, Sept. 12 2019.",
    );
  });

  it('leaves out what is not the article: paywall prompts, share buttons, links to other articles', () => {
    const all = texts().join('\n');
    for (const furniture of [
      'Register to receive full access',
      'Advertisement',
      'SHARE',
      'Previous article',
      'You have read',
    ])
      expect(all).not.toContain(furniture);
  });

  it('keeps who made the article apart from its story: credits and the author’s lines, wherever printed', () => {
    const roles = new Map(engine().passages.passages.map((p) => [p.text, p.role]));
    expect(roles.get('Photo Credit: Amos Ben-Gershom / GPO')).toBe('credit');
    expect(roles.get('[Photo: IsraeliPM / YouTube ]')).toBe('credit');
    expect(roles.get('Source: https://www.gov.il/en/pages/eventputin301115')).toBe('credit');
    const bio = [...roles].filter(([, role]) => role === 'author').map(([text]) => text);
    expect(bio.join(' ')).toContain('Southern Connecticut State University');
    // "Ms. Julian" goes on the sentence it starts; a title's period ends nothing.
    expect(bio.some((t) => t.includes('Ms. Julian has written for Babble.com'))).toBe(true);
    expect(
      roles.get(
        'Eight Israeli clean-tech companies are scheduled to present their products and services at the conference early next week.',
      ),
    ).toBeUndefined();
  });

  it('reads a sentence with those it goes on from, and a speech with its speaker', () => {
    const passages = engine().passages.passages;
    const allies = passages.find((p) => p.text.includes('we are unconditional allies'));
    expect(allies?.lead).toContain('fighting against terrorism');
    const dates = passages.find((p) => p.text.startsWith('"No specific dates'));
    expect(dates?.lead).toContain('Putin said on Thursday');
    const chanukah = passages.find((p) => p.text.includes('coming Chanukah holiday'));
    expect(chanukah?.speaker).toBe('Russian President Putin');
  });

  it('splits sentences by English rules, not at every abbreviation', () => {
    expect(splitSentences('"Mr. President. It is good to see you." Then they left.')).toEqual([
      '"Mr. President.',
      'It is good to see you."',
      'Then they left.',
    ]);
    expect(splitSentences('They met in Sochi, Sept. 12 2019. Then they left.')).toEqual([
      'They met in Sochi, Sept. 12 2019.',
      'Then they left.',
    ]);
  });
});

describe('a new article', () => {
  it('is answerable as soon as it is in knowledge/articles with its sources.yaml entry', () => {
    const dir = copyKnowledge();
    writeFileSync(
      join(dir, 'articles', '005_new.txt'),
      'Netanyahu and Putin discuss gas in Vienna\n\nThe two leaders spoke about a new gas pipeline across the Black Sea during a short call.\n\nAdvertisement\n',
    );
    appendFileSync(
      join(dir, 'sources.yaml'),
      '\n- id: vienna-gas\n  file: 005_new.txt\n  title: Netanyahu and Putin discuss gas in Vienna\n  titleFrom: headline\n  published:\n    value: "2021"\n    status: stated\n    evidence:\n      - text: Netanyahu and Putin discuss gas in Vienna\n  evidence:\n    - text: Netanyahu and Putin discuss gas in Vienna\n',
    );
    const fresh = createEngine(dir);
    const reply = answerQuestion(fresh, 'what did they say about the gas pipeline?', { commands: [] });
    expect(reply.text).toContain('a new gas pipeline across the Black Sea');
    expect(reply.citations.map((c) => c.sourceId)).toContain('vienna-gas');
    expect(fresh.passages.passages.map((p) => p.text)).not.toContain('Advertisement');
  });
});

describe('claims', () => {
  it('reads a claim without the English that frames the question (a rule of English, not of the articles)', () => {
    expect(claimOf('is it true that putin called israel an ally?')).toBe('putin called israel an ally?');
    expect(claimOf('The Sochi meeting was held in the Kremlin, correct?')).toBe(
      'The Sochi meeting was held in the Kremlin',
    );
    expect(
      claimOf('did a russian jet fly into israeli airspace according to yaalon').replace(/\s+/g, ' '),
    ).toBe('yaalon did a russian jet fly into israeli airspace');
  });
});
