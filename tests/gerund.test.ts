import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { GERUNDS } from '../src/generated/lexicon.js';
import { gerundOf, toGerundPhrase } from '../src/parse/gerund.js';

describe('gerundOf', () => {
  it('gives compromise’s own -ing form for every verb it conjugates, without loading it at run time', () => {
    const { conjugate } = (nlp.methods() as { two: { transform: { verb: { conjugate: (verb: string, model: unknown) => Record<string, string> } } } }).two.transform.verb;
    const model = nlp.model() as { one: { lexicon: Record<string, string | string[]> } };
    const lexicon = model.one.lexicon;
    const verbs = Object.keys(GERUNDS).filter((word) => [lexicon[word]].flat().includes('Infinitive'));
    expect(verbs.length).toBeGreaterThan(1000);
    const disagreeing = verbs.filter((verb) => gerundOf(verb) !== conjugate(verb, model).Gerund);
    expect(disagreeing).toEqual([]);
  });

  it('spells irregular and doubled forms, and past forms, as the rewrites need them', () => {
    expect(['turn', 'plug', 'reset', 'tie', 'see', 'agree', 'save', 'restart', 'cleared', 'signed', 'plugged', 'tried'].map(gerundOf)).toEqual([
      'turning', 'plugging', 'resetting', 'tying', 'seeing', 'agreeing', 'saving', 'restarting', 'clearing', 'signing', 'plugging', 'trying',
    ]);
  });

  it('spells a word the lexicon does not list by rule, and leaves known words that are no verbs alone', () => {
    expect(['reset', 'unplug', 'rebooted', 'synced', 'zip', 'vape', 'defrag'].map(gerundOf)).toEqual([
      'resetting', 'unplugging', 'rebooting', 'syncing', 'zipping', 'vaping', 'defragging',
    ]);
    expect(gerundOf('a')).toBeUndefined();
    expect(gerundOf('another')).toBeUndefined();
  });

  it('keeps the case of the word', () => {
    expect(gerundOf('Turn')).toBe('Turning');
    expect(gerundOf('RESTART')).toBe('RESTARTING');
  });
});

describe('toGerundPhrase', () => {
  it('turns the first word of a step into its -ing form and keeps the rest', () => {
    expect(toGerundPhrase('turn the power on')).toBe('turning the power on');
    expect(toGerundPhrase('cleared your cookies')).toBe('clearing your cookies');
    expect(toGerundPhrase('restarting it')).toBe('restarting it');
  });

  it('leaves a step that does not start with a verb as written', () => {
    expect(toGerundPhrase('a different browser')).toBe('a different browser');
  });
});
