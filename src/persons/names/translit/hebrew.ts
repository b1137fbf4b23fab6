/**
 * Hebrew → Latin. Like Arabic, Hebrew writes few vowels; the letters ו and י
 * stand for o/u and i/e inside a word. Three forms: modern Israeli (the
 * letters ב כ פ are v kh f after the first letter, ח ch, צ tz, ש sh), a plain
 * one (b k p, h, ts, s) and the form foreign names come back as (ו o or w,
 * י e, ג g, ק c, פ f). An initial alef is the word's first vowel. A geresh (') turns ג ז צ into j, zh, ch and ת into th.
 */

type System = 'israeli' | 'plain' | 'foreign';

const BASE: Readonly<Record<System, Readonly<Record<string, string>>>> = {
  israeli: { א: '', ב: 'v', ג: 'g', ד: 'd', ה: 'h', ז: 'z', ח: 'ch', ט: 't', כ: 'kh', ך: 'kh', ל: 'l', מ: 'm', ם: 'm', נ: 'n', ן: 'n', ס: 's', ע: '', פ: 'f', ף: 'f', צ: 'tz', ץ: 'tz', ק: 'k', ר: 'r', ש: 'sh', ת: 't' },
  plain: { א: '', ב: 'b', ג: 'g', ד: 'd', ה: 'h', ז: 'z', ח: 'h', ט: 't', כ: 'k', ך: 'k', ל: 'l', מ: 'm', ם: 'm', נ: 'n', ן: 'n', ס: 's', ע: '', פ: 'p', ף: 'f', צ: 'ts', ץ: 'ts', ק: 'k', ר: 'r', ש: 's', ת: 't' },
  foreign: { א: 'a', ב: 'b', ג: 'g', ד: 'd', ה: 'e', ז: 'z', ח: 'kh', ט: 't', כ: 'k', ך: 'k', ל: 'l', מ: 'm', ם: 'm', נ: 'n', ן: 'n', ס: 's', ע: 'a', פ: 'f', ף: 'f', צ: 'z', ץ: 'z', ק: 'c', ר: 'r', ש: 'sh', ת: 't' },
};
/** At the start of a word ב כ פ are hard (b k p) in Israeli reading. */
const INITIAL_HARD: Readonly<Record<string, string>> = { ב: 'b', כ: 'k', פ: 'p' };
const GERESH: Readonly<Record<string, string>> = { ג: 'j', ז: 'zh', צ: 'ch', ץ: 'ch', ת: 'th', ד: 'dh', ח: 'kh', ר: 'r' };

function romanizeWith(word: string, system: System): string {
  const chars = Array.from(word);
  const table = BASE[system];
  let out = '';
  let prevVowel = true;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    if (next === "'" && GERESH[ch] !== undefined) { out += GERESH[ch]; i++; prevVowel = false; continue; }
    if (ch === "'") continue;
    if (ch === 'ו') {
      if (next === 'ו') { out += system === 'israeli' ? 'v' : 'w'; i++; prevVowel = false; continue; }
      if (prevVowel && i === 0) { out += system === 'foreign' ? 'w' : 'v'; prevVowel = false; } else { out += system === 'plain' ? 'u' : 'o'; prevVowel = true; }
      continue;
    }
    if (ch === 'י') {
      if (next === 'י') { out += system === 'foreign' ? 'y' : 'ei'; i++; prevVowel = system !== 'foreign'; continue; }
      if (prevVowel && i === 0) { out += 'y'; prevVowel = false; } else { out += system === 'foreign' ? 'e' : 'i'; prevVowel = true; }
      continue;
    }
    // An initial alef carries the word's first vowel (אדי Eddie, אלכסנדר Alexander).
    if (ch === 'א' && i === 0 && next !== 'ו' && next !== 'י') { out += system === 'foreign' ? 'a' : 'e'; prevVowel = true; continue; }
    if (ch === 'ה' && i === chars.length - 1 && i > 0) { out += system === 'plain' ? 'ah' : system === 'foreign' ? 'e' : 'a'; prevVowel = true; continue; }
    const mapped = (system === 'israeli' && i === 0 ? INITIAL_HARD[ch] : undefined) ?? table[ch];
    if (mapped === undefined) continue;
    out += mapped;
    prevVowel = mapped === '' || /[aeiou]$/u.test(mapped);
  }
  return out;
}

export function romanizeHebrew(part: string): string[] {
  const out: string[] = [];
  for (const s of ['israeli', 'plain', 'foreign'] as const) {
    const form = romanizeWith(part, s);
    if (form !== '' && !out.includes(form)) out.push(form);
  }
  return out;
}
