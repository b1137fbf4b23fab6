import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { CodedProblems, checkBirthDate, engineNationality, engineRecord, validateNewPerson, validateScreening } from './validate.js';

const TODAY = '2026-11-23';

function refusal(run: () => unknown): { code: string; pointers: string[] } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, pointers: (error.errors ?? []).map((e) => e.pointer) };
  }
  throw new Error('expected a refusal');
}

describe('birth dates', () => {
  const check = (input: Parameters<typeof checkBirthDate>[0]) => {
    const problems = new CodedProblems();
    const out = checkBirthDate(input, '/birthDate', TODAY, problems);
    return { out, codes: problems.list.map((p) => p.message) };
  };

  it('keeps each precision as written, with the days it allows', () => {
    expect(check('1952-10-07').out).toEqual({ text: '1952-10-07', from: '1952-10-07', to: '1952-10-07' });
    expect(check('1952-10').out).toEqual({ text: '1952-10', from: '1952-10-01', to: '1952-10-31' });
    expect(check('1952').out).toEqual({ text: '1952', from: '1952-01-01', to: '1952-12-31' });
    expect(check({ from: '1970', to: '1975-06' }).out).toEqual({ text: '1970/1975-06', from: '1970-01-01', to: '1975-06-30' });
    expect(check(' 1970/1972 ').out).toEqual({ text: '1970/1972', from: '1970-01-01', to: '1972-12-31' });
    expect(check('2000-02-29').out?.to).toBe('2000-02-29');
    // A range from a date to itself is that date.
    expect(check('1980-05-05/1980-05-05').out?.text).toBe('1980-05-05');
  });

  it('refuses impossible dates and dates to come', () => {
    for (const bad of ['1980-02-31', '1900-02-29', '1980-04-31', '1980-00', '1980-13-01', '80-01-01', '1980-1-1', '', '01.02.1980', { from: '1980-02-30', to: '1981' }, '2026-11-24', '2027']) {
      const { out, codes } = check(bad);
      expect(out, JSON.stringify(bad)).toBeNull();
      expect(codes).toHaveLength(1);
    }
    // Today is not to come.
    expect(check(TODAY).out?.text).toBe(TODAY);
  });
});

describe('records', () => {
  it('fills the defaults: primary name, threshold, review date in five years, visible to all', () => {
    const input = validateNewPerson({ names: [{ family: 'Ng', given: 'Ann' }] }, TODAY);
    expect(input).toMatchObject({
      names: [{ kind: 'primary', family: 'Ng', given: 'Ann', patronymic: null }],
      birth: null, sex: null, nationalities: [], documents: [], hitThreshold: 0.8, reviewDate: '2031-11-23', visibility: 'all', visibleTo: [],
    });
  });

  it('normalises nationalities and documents as the travel-documents database does, without duplicates', () => {
    const input = validateNewPerson({
      names: [{ family: 'Müller' }], nationalities: ['d', 'D<<', 'deu'],
      documents: [{ issuingState: 'd', number: 'c01x-00t47' }, { issuingState: 'D', number: 'C01X00T47' }],
    }, TODAY);
    expect(input.nationalities).toEqual(['D', 'DEU']);
    expect(input.documents).toEqual([{ issuingState: 'D', number: 'C01X00T47', documentType: null }]);
  });

  it('answers the one code every problem shares, or person.invalid with each pointer', () => {
    expect(refusal(() => validateNewPerson({ names: [{ family: '...' }, { kind: 'alias', given: '@@' }] }, TODAY))).toEqual({ code: 'person.name_no_letters', pointers: ['/body/names/0/family', '/body/names/1/given'] });
    expect(refusal(() => validateNewPerson({ names: [{ family: '...' }], birthDate: '1980-02-31' }, TODAY))).toEqual({ code: 'person.invalid', pointers: ['/body/names/0/family', '/body/birthDate'] });
    expect(refusal(() => validateNewPerson({ names: [{ kind: 'alias', family: 'Ng' }] }, TODAY))).toEqual({ code: 'person.invalid', pointers: ['/body/names/0/kind'] });
  });

  it('gives the name index whole names, ISO nationalities, the birth date as recorded', () => {
    expect(engineRecord({
      names: [{ kind: 'primary', family: 'Путин', given: 'Владимир', patronymic: 'Владимирович' }, { kind: 'alias', family: null, given: 'Volodya', patronymic: null }],
      birthDate: '1970/1975-06', sex: 'M', nationalities: ['D', 'RUS', 'XXA'],
    })).toEqual({ names: ['Владимир Владимирович Путин', 'Volodya'], birthDate: '1970/1975-06', sex: 'M', nationalities: ['DEU', 'RUS', 'XXA'] });
    expect(engineNationality('D')).toBe('DEU');
    expect(engineNationality('GBR')).toBe('GBR');
  });
});

describe('screening queries', () => {
  it('passes the query to the engine as asked, nationality in ISO form', () => {
    expect(validateScreening({ names: ['Ivan Petrov'], birthDate: '1970-05', sex: 'M', nationality: 'd' }, TODAY)).toEqual({
      query: { names: ['Ivan Petrov'], birthDate: '1970-05', sex: 'M', nationalities: ['DEU'] },
      asked: { names: ['Ivan Petrov'], birthDate: '1970-05', sex: 'M', nationality: 'D' },
    });
  });

  it('points at each bad name', () => {
    expect(refusal(() => validateScreening({ names: ['ok name', '', 'Ivan Иван'] }, TODAY))).toEqual({ code: 'person.invalid', pointers: ['/body/names/1', '/body/names/2'] });
    expect(refusal(() => validateScreening({ names: Array.from({ length: 11 }, () => 'a b') }, TODAY)).code).toBe('person.names_too_many');
  });
});
