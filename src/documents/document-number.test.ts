import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_NUMBER_MAX_LENGTH, normaliseDocumentNumber } from './document-number.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

describe('normaliseDocumentNumber', () => {
  it('upper-cases and removes spaces, hyphens and MRZ fillers', () => {
    expect(normaliseDocumentNumber('l898902c')).toEqual({ ok: true, value: 'L898902C' });
    expect(normaliseDocumentNumber(' ab-12 34<<')).toEqual({ ok: true, value: 'AB1234' });
    expect(normaliseDocumentNumber('L898902C<<<<<<<')).toEqual({ ok: true, value: 'L898902C' });
    expect(normaliseDocumentNumber('12\t34\u00a056\u2013 78\u2212 9')).toEqual({ ok: true, value: '123456789' });
  });

  it('accepts exactly the maximum length, counted after normalisation', () => {
    expect(DOCUMENT_NUMBER_MAX_LENGTH).toBe(20);
    const max = 'A'.repeat(DOCUMENT_NUMBER_MAX_LENGTH);
    expect(normaliseDocumentNumber(max)).toEqual({ ok: true, value: max });
    expect(normaliseDocumentNumber(`${max.slice(0, 10)} - ${max.slice(10)}<<<`)).toEqual({ ok: true, value: max });
  });

  it('refuses an empty number', () => {
    for (const raw of ['', '   ', '<<<<', ' - < ']) {
      const result = normaliseDocumentNumber(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe('document_number.empty');
    }
  });

  it('refuses a number that is too long, saying how long it is', () => {
    const result = normaliseDocumentNumber('1'.repeat(DOCUMENT_NUMBER_MAX_LENGTH + 1));
    expect(result).toMatchObject({ ok: false, code: 'document_number.too_long' });
    if (!result.ok) expect(result.message).toContain('21 characters');
  });

  it('refuses other characters, naming the character and its 1-based position in the input', () => {
    expect(normaliseDocumentNumber('AB/123')).toMatchObject({
      ok: false,
      code: 'document_number.invalid_character',
      character: '/',
      position: 3,
    });
    const accented = normaliseDocumentNumber('  É12');
    expect(accented).toMatchObject({ code: 'document_number.invalid_character', character: 'É', position: 3 });
    if (!accented.ok) expect(accented.message).toContain('"É" (U+00C9) at position 3');
    // A Cyrillic А that looks like a Latin A is not guessed at.
    expect(normaliseDocumentNumber('\u0410123')).toMatchObject({ character: '\u0410', position: 1 });
    // Full-width digits, ß (no Unicode upper-casing), a control character.
    expect(normaliseDocumentNumber('12\uff13')).toMatchObject({ character: '\uff13', position: 3 });
    expect(normaliseDocumentNumber('maß')).toMatchObject({ character: 'ß', position: 3 });
    const control = normaliseDocumentNumber('12\u0007');
    expect(control).toMatchObject({ character: '\u0007', position: 3 });
    if (!control.ok) expect(control.message).toContain('Character U+0007 at position 3');
  });

  it('names a character outside the BMP as one character, and a lone surrogate by its code', () => {
    expect(normaliseDocumentNumber('A\u{1F600}B')).toMatchObject({ character: '\u{1F600}', position: 2 });
    const lone = normaliseDocumentNumber('AB\ud800');
    expect(lone).toMatchObject({ character: '\ud800', position: 3 });
    if (!lone.ok) expect(lone.message).toContain('U+D800');
  });

  it('reports a bad character before the length', () => {
    expect(normaliseDocumentNumber(`${'1'.repeat(30)}*`)).toMatchObject({ code: 'document_number.invalid_character', position: 31 });
  });

  it('is idempotent, and its output is always 1..20 characters of A-Z0-9', () => {
    const noisy = fc
      .array(fc.oneof(fc.constantFrom(...ALNUM, ...ALNUM.toLowerCase(), ' ', '-', '<', '\t', '\u2010'), fc.string({ maxLength: 1 })), {
        maxLength: 30,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(noisy, (raw) => {
        const result = normaliseDocumentNumber(raw);
        if (!result.ok) return;
        expect(result.value).toMatch(/^[A-Z0-9]{1,20}$/);
        expect(normaliseDocumentNumber(result.value)).toEqual(result);
      }),
    );
  });

  it('agrees with a plain regular-expression reading of the rules', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit: fc.constantFrom(...ALNUM, 'a', 'z', ' ', '-', '<', '/', '.', 'é', '\u00a0') }), (raw) => {
        const stripped = raw.replace(/[\s\-<]/g, '');
        const result = normaliseDocumentNumber(raw);
        if (/[^A-Za-z0-9]/.test(stripped)) expect(result).toMatchObject({ code: 'document_number.invalid_character' });
        else if (stripped === '') expect(result).toMatchObject({ code: 'document_number.empty' });
        else if (stripped.length > 20) expect(result).toMatchObject({ code: 'document_number.too_long' });
        else expect(result).toEqual({ ok: true, value: stripped.toUpperCase() });
      }),
    );
  });
});
