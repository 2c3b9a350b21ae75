import { afterAll, describe, expect, it } from 'vitest';
import { checkKnowledge, formatProblem, loadKnowledge } from '../src/knowledge/load.js';
import { between, toKnownDate } from '../src/knowledge/model.js';
import { copyKnowledge, mutate, removeKnowledgeCopies } from './support/knowledge-copy.js';
import { ask, KNOWLEDGE_DIR } from './support/summit.js';

afterAll(removeKnowledgeCopies);

const date = (value: string) => toKnownDate({ value, status: 'stated', evidence: [] });

describe('meetings in date order', () => {
  it('places the 2015 telephone contacts where the articles do: after Moscow in September, before Paris on 30 November', () => {
    const ids = loadKnowledge(KNOWLEDGE_DIR).meetings.map((m) => m.id);
    // Newest first.
    expect(ids.indexOf('paris-2015')).toBeLessThan(ids.indexOf('phone-2015'));
    expect(ids.indexOf('phone-2015')).toBeLessThan(ids.indexOf('moscow-2015'));
    expect(ids.indexOf('moscow-2015')).toBeLessThan(ids.indexOf('jerusalem-2012'));
  });

  it('lists them in that order when a user asks for 2015', () => {
    const text = ask('/meetings year:2015').text;
    const order = ['Paris, 30 November 2015', 'By telephone, 2015', 'Moscow, September 2015'].map((t) =>
      text.indexOf(t),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('sorts a year or month without bounds at its end, and keeps bounds that fall outside its own period out', () => {
    const year = date('2015');
    expect(between(year, [], []).sortKey > date('2015-12-31').sortKey).toBe(true);
    const placed = between(year, [date('2015-09')], [date('2015-11-30')]);
    expect(placed.sortKey < date('2015-11-30').sortKey).toBe(true);
    expect(placed.sortKey > date('2015-11-29').sortKey).toBe(true);
    expect(between(year, [date('2015-03-01')], []).sortKey > date('2015-03-01').sortKey).toBe(true);
    expect(between(year, [date('2015-03-01')], []).sortKey < date('2015-03-02').sortKey).toBe(true);
    // A bound in another year says nothing about where in 2015 it falls.
    expect(between(year, [], [date('2016-01-01')]).sortKey).toBe(year.sortKey);
    expect(between(date('2015-09'), [], [date('2015-11-30')]).sortKey).toBe(date('2015-09').sortKey);
    expect(between(date('2015-09-01'), [], [date('2015-08-01')]).sortKey).toBe(date('2015-09-01').sortKey);
  });

  it('reports an unknown meeting named as a bound with its file and line', () => {
    const dir = copyKnowledge();
    mutate(dir, 'meetings.yaml', 'before: [paris-2015]', 'before: [pariss-2015]');
    const lines = checkKnowledge(dir).problems.map(formatProblem);
    expect(lines).toEqual([
      expect.stringMatching(/^meetings\.yaml:\d+:\d+ .*date\.before.*unknown meeting "pariss-2015"/),
    ]);
  });
});
