/**
 * The Doc 9303 Part 3 check digit: each character gets a value (`0`–`9` are
 * themselves, `A`–`Z` are 10–35, the filler `<` is 0), the values are
 * multiplied by the repeating weights 7, 3, 1, and the check digit is the sum
 * modulo 10.
 */

const WEIGHTS = [7, 3, 1] as const;

/** The value of one MRZ character, or `undefined` if it is not one (`A-Z`, `0-9`, `<`). */
export function characterValue(ch: string): number | undefined {
  if (ch.length !== 1) return undefined;
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 65 && c <= 90) return c - 55; // A-Z → 10-35
  if (c === 60) return 0; // <
  return undefined;
}

/** The check digit of `s`. Throws a RangeError on a character outside `A-Z0-9<`. */
export function checkDigit(s: string): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    const value = characterValue(ch);
    if (value === undefined) throw new RangeError(`'${ch}' at index ${i} is not an MRZ character`);
    sum += value * WEIGHTS[i % 3]!;
  }
  return sum % 10;
}
