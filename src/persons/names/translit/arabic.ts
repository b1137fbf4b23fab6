/**
 * Arabic script (Arabic, Persian, Urdu letters) → Latin. The script writes
 * no short vowels, so a romanisation is a consonant frame with the long
 * vowels the letters alif, waw and ya give; the matcher compares consonant
 * skeletons for that reason. Three forms: the usual English transcription
 * (Muhammad, Husayn), the French/Maghrebi habit (ou, ch, dj) and the form
 * foreign names written in Arabic letters come back as (و as o or v, ي as e,
 * ف as v, ب as p, ج as g: شلاج is Schlag). A word starting with the article
 * ال also gives its forms without it (الحسن → alhasan and hasan).
 */

type System = 'english' | 'french' | 'foreign';

const BASE: Readonly<Record<string, string>> = {
  ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z', س: 's', ش: 'sh',
  ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: '', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'h',
  ء: '', ئ: '', ؤ: 'u', أ: 'a', إ: 'i', آ: 'a', ٱ: 'a', ة: 'a', ى: 'a',
  // Persian, Urdu, Kurdish, Pashto letters
  پ: 'p', چ: 'ch', ژ: 'zh', گ: 'g', ک: 'k', ڤ: 'v', ٹ: 't', ڈ: 'd', ڑ: 'r', ں: 'n', ھ: 'h', ۃ: 'a', ە: 'e', ۆ: 'o', ێ: 'e', ڵ: 'l', ڕ: 'r',
};

const OVERRIDES: Readonly<Record<System, Readonly<Record<string, string>>>> = {
  english: {},
  french: { ج: 'dj', ش: 'ch', خ: 'kh', ق: 'k', غ: 'gh', ث: 't', ذ: 'd' },
  foreign: { ج: 'g', ف: 'v', ب: 'p', ق: 'k', ث: 's', ذ: 'z', غ: 'g', ع: 'a', ه: 'e', ة: 'e', ظ: 'z', ط: 't', ص: 's', ض: 'd', ح: 'h', خ: 'h' },
};

/** The vowel letters: at the start of a word or after a vowel they are consonants (w, y). */
const WAW = new Set(['و', 'ۇ', 'ۉ']);
const YA = new Set(['ي', 'ی', 'ې', 'ۍ', 'ے']);
const ALIF = new Set(['ا']);
const INITIAL_ALIF = new Set(['ا', 'أ', 'إ', 'آ']);

function romanizeWith(word: string, system: System): string {
  const chars = Array.from(word);
  const over = OVERRIDES[system];
  let out = '';
  let prevVowel = true;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    // A word opening with alif (or its hamza forms) and waw or ya opens with the vowel they write: أولسن is Olsen, إيليش Elish.
    // (أي, اي stay ay in the Arabic forms: Ayman; إي is ī: Iman.)
    if (i === 0 && INITIAL_ALIF.has(ch) && next !== undefined && chars.length > 2 && (WAW.has(next) || (YA.has(next) && (ch === 'إ' || system === 'foreign')))) {
      out += WAW.has(next) ? (system === 'french' ? 'ou' : system === 'foreign' ? 'o' : 'u') : system === 'foreign' ? 'e' : 'i';
      i++;
      prevVowel = true;
      continue;
    }
    if (ALIF.has(ch)) { out += 'a'; prevVowel = true; continue; }
    if (WAW.has(ch)) {
      if (next !== undefined && WAW.has(next)) { out += system === 'french' ? 'ouw' : system === 'foreign' ? 'v' : 'uw'; i++; prevVowel = false; continue; }
      if (prevVowel) { out += system === 'foreign' ? 'v' : 'w'; prevVowel = false; } else { out += system === 'french' ? 'ou' : system === 'foreign' ? 'o' : 'u'; prevVowel = true; }
      continue;
    }
    if (YA.has(ch)) {
      if (next !== undefined && YA.has(next)) { out += 'iy'; i++; prevVowel = false; continue; }
      if (prevVowel && i !== chars.length - 1) { out += 'y'; prevVowel = false; } else { out += system === 'foreign' ? 'e' : 'i'; prevVowel = true; }
      continue;
    }
    const mapped = over[ch] ?? BASE[ch];
    if (mapped === undefined) continue;
    out += mapped;
    prevVowel = mapped === '' ? prevVowel : /[aeiou]$/u.test(mapped);
  }
  // ة at the end is -a or -ah; ه at the end after a consonant is often a written vowel -e.
  return out;
}

export function romanizeArabic(part: string): string[] {
  const words = [part];
  if (part.startsWith('ال') && Array.from(part).length > 3) words.push(part.slice(2));
  const out: string[] = [];
  for (const w of words) {
    for (const s of ['english', 'french', 'foreign'] as const) {
      const form = romanizeWith(w, s);
      if (form !== '' && !out.includes(form)) out.push(form);
    }
  }
  return out;
}
