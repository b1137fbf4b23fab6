import { describe, expect, it } from 'vitest';
import { analyzePart, compareNames, partSimilarity, type AnalyzedPart } from './match.js';
import { normalizeName } from './normalize.js';
import { phoneticForm } from './phonetic.js';
import { jaroWinkler, levenshtein, phoneticSimilarity } from './similarity.js';

function parts(name: string): AnalyzedPart[] {
  const n = normalizeName(name);
  return n.parts.map((p) => analyzePart(p, n.script));
}
const one = (name: string): AnalyzedPart => parts(name)[0]!;

describe('string measures', () => {
  it('Levenshtein and Jaro–Winkler', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
  });
  it('the phonetic distance makes same-class consonants and vowels cheap', () => {
    expect(phoneticSimilarity('putin', 'butin', 1)).toBeGreaterThan(phoneticSimilarity('putin', 'mutin', 1));
    expect(phoneticSimilarity('mhmd', 'muhamad', 0.35)).toBeGreaterThan(phoneticSimilarity('mhmd', 'muhamad', 1));
  });
  it('phonetic forms meet spellings of one sound', () => {
    expect(phoneticForm('philipp')).toBe(phoneticForm('filip'));
    expect(phoneticForm('tschaikowsky')).toBe(phoneticForm('chaikovski'));
    expect(phoneticForm('wladimir')).toBe(phoneticForm('vladimir'));
  });
});

describe('part similarity and how it matched', () => {
  it('exact, transliteration, phonetic, variant, fuzzy, initial', () => {
    expect(partSimilarity(one('putin'), one('Putin'))).toMatchObject({ method: 'exact', score: 1 });
    expect(partSimilarity(one('putin'), one('Путин'))).toMatchObject({ method: 'transliteration', score: 0.97 });
    expect(partSimilarity(one('Philipp'), one('Filip'))).toMatchObject({ method: 'phonetic', score: 0.97 });
    expect(partSimilarity(one('Mohammed'), one('Mehmet'))).toMatchObject({ method: 'variant', score: 0.9 });
    expect(partSimilarity(one('Yusuf'), one('Joseph'))).toMatchObject({ method: 'variant' });
    expect(partSimilarity(one('Alexander'), one('Iskander'))).toMatchObject({ method: 'variant' });
    expect(partSimilarity(one('Muhammad'), one('محمد')).score).toBeGreaterThanOrEqual(0.8);
    const fuzzy = partSimilarity(one('Kravitz'), one('Kravits'));
    expect(fuzzy.method === 'fuzzy' || fuzzy.method === 'phonetic').toBe(true);
    expect(fuzzy.score).toBeGreaterThan(0.85);
    expect(partSimilarity(one('V'), one('Vladimir'))).toMatchObject({ method: 'initial', score: 0.75 });
    expect(partSimilarity(one('Smith'), one('Nakamura')).score).toBeLessThan(0.6);
  });

  it('two Han parts compare by their Chinese readings, a Han and a Latin part by the Japanese ones too', () => {
    // 姜 (Jiang) and 子产 (Zichan) are both "ko" read the Japanese way, nothing alike in Chinese.
    expect(partSimilarity(one('姜'), one('子产')).score).toBeLessThan(0.6);
    expect(partSimilarity(one('陈'), one('陳')).score).toBeGreaterThanOrEqual(0.97);
    expect(partSimilarity(one('鈴木'), one('Suzuki')).score).toBeGreaterThanOrEqual(0.97);
    expect(partSimilarity(one('鈴木'), one('スズキ')).score).toBeGreaterThanOrEqual(0.97);
    expect(partSimilarity(one('敏'), one('ساتو')).score).toBeLessThan(0.6); // 敏's name reading sato is Japanese
  });

  it('a Han or kana transliteration that is only near is not lifted to a hit', () => {
    const names = (s: string): AnalyzedPart[] => { const n = normalizeName(s); return n.parts.map((p) => analyzePart(p, n.script)); };
    expect(compareNames(names('克隆·費馬'), names('Femi Kone')).score).toBeLessThan(0.8); // 0.806 with the lift of 0.8
  });
});

describe('whole names', () => {
  it('matches parts regardless of order, with the explanation', () => {
    const a = compareNames(parts('Vladimir Putin'), parts('Путин Владимир'));
    expect(a.score).toBeGreaterThan(0.95);
    expect(a.matches.map((m) => [m.query, m.record, m.method])).toEqual(
      expect.arrayContaining([['putin', 'путин', 'transliteration'], ['vladimir', 'владимир', 'transliteration']]),
    );
    expect(compareNames(parts('Putin Vladimir'), parts('Vladimir Putin')).score).toBe(1);
  });

  it('an omitted patronymic costs little, an unmatched query part much', () => {
    const withPatronymic = compareNames(parts('Vladimir Putin'), parts('Владимир Владимирович Путин'));
    expect(withPatronymic.score).toBeGreaterThan(0.8);
    expect(withPatronymic.unmatchedRecord).toEqual(['владимирович']);
    expect(compareNames(parts('Ivan Putin'), parts('Vladimir Putin')).score).toBeLessThan(0.6);
  });

  it('names written together on one side and apart on the other', () => {
    const c = compareNames(parts('Abdul Rahman'), parts('Abdulrahman'));
    expect(c.score).toBeGreaterThan(0.85);
    expect(c.matches[0]?.method).toBe('joined');
  });

  it('matches across every script of the issue', () => {
    for (const [latin, other] of [
      ['Vladimir Putin', 'Владимир Путин'], ['Vladimir Putin', 'Βλαντίμιρ Πούτιν'], ['Vladimir Putin', 'فلاديمير بوتين'],
      ['Vladimir Putin', 'ולדימיר פוטין'], ['Vladimir Putin', 'ウラジーミル・プーチン'], ['Vladimir Putin', '블라디미르 푸틴'],
      ['Vladimir Putin', '弗拉基米尔·普京'], ['Park Ji-sung', '박 지성'], ['Mao Zedong', '毛 泽东'],
    ]) {
      expect(compareNames(parts(latin!), parts(other!)).score, `${latin} / ${other}`).toBeGreaterThan(0.7);
    }
  });
});
