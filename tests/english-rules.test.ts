/**
 * The few rules the answer layer keeps about wording. Each describes English, not the five
 * articles: they hold for any fact base.
 */
import { describe, expect, it } from 'vitest';
import { OCCURRENCES } from '../src/answers/counts.js';
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
});
