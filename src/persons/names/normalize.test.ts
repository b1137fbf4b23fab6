import { describe, expect, it } from 'vitest';
import { NameError } from './errors.js';
import { MAX_NAME_CHARS, normalizeName } from './normalize.js';

function code(f: () => unknown): string | undefined {
  try { f(); } catch (e) { return e instanceof NameError ? e.code : `not a NameError: ${String(e)}`; }
  return undefined;
}

describe('normalizeName', () => {
  it('folds case and width, splits parts on spaces, commas, hyphens and dots', () => {
    expect(normalizeName('PUTIN, Vladimir Vladimirovich')).toMatchObject({ script: 'latin', parts: ['putin', 'vladimir', 'vladimirovich'] });
    expect(normalizeName('Jean-Pierre  O\u2019Brien').parts).toEqual(['jean', 'pierre', 'obrien']);
    expect(normalizeName('ＪＯＨＮ　ＳＭＩＴＨ').parts).toEqual(['john', 'smith']); // full-width, NFKC
    expect(normalizeName('ウラジーミル・プーチン')).toMatchObject({ script: 'japanese', parts: ['ウラジーミル', 'プーチン'] });
    expect(normalizeName('弗拉基米尔·普京')).toMatchObject({ script: 'han', parts: ['弗拉基米尔', '普京'] });
  });

  it('removes marks that carry no identity and keeps those that do', () => {
    expect(normalizeName('Влади́мир ПУ́ТИН').parts).toEqual(['владимир', 'путин']); // stress accents
    expect(normalizeName('Андрей').parts).toEqual(['андрей']); // й is not и
    expect(normalizeName('مُحَمَّد').parts).toEqual(['محمد']); // Arabic short vowels
    expect(normalizeName('Βλαντίμιρ Πούτιν').parts).toEqual(['βλαντιμιρ', 'πουτιν']);
    expect(normalizeName('José Müller').parts).toEqual(['josé', 'müller']); // kept for romanisation
  });

  it('recognises the script of the whole name', () => {
    expect(normalizeName('박지성').script).toBe('korean');
    expect(normalizeName('佐藤 さくら').script).toBe('japanese');
    expect(normalizeName('ולדימיר פוטין').script).toBe('hebrew');
    expect(normalizeName('ვლადიმერ პუტინი').script).toBe('other');
  });

  it('refuses what is not a name, with stable codes', () => {
    expect(code(() => normalizeName(''))).toBe('person.name_empty');
    expect(code(() => normalizeName('   '))).toBe('person.name_empty');
    expect(code(() => normalizeName('.,-;!?'))).toBe('person.name_no_letters');
    expect(code(() => normalizeName('12345'))).toBe('person.name_no_letters');
    expect(code(() => normalizeName('a'.repeat(10_000)))).toBe('person.name_too_long');
    expect(code(() => normalizeName('a'.repeat(MAX_NAME_CHARS + 1)))).toBe('person.name_too_long');
    expect(code(() => normalizeName('a'.repeat(MAX_NAME_CHARS)))).toBeUndefined();
    expect(code(() => normalizeName('Владимир Putin'))).toBe('person.name_mixed_scripts');
    expect(code(() => normalizeName('Рutin'))).toBe('person.name_mixed_scripts'); // a Cyrillic Р among Latin letters
    expect(code(() => normalizeName('John\u0000Smith'))).toBe('person.name_invalid_characters');
    expect(code(() => normalizeName(Array.from({ length: 17 }, () => 'ab').join(' ')))).toBe('person.name_too_many_parts');
  });
});
