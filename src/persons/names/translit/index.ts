/**
 * Any name part → its Latin forms (lower-case ASCII a–z), most standard
 * first. A Latin part gives itself folded (José → jose, Øberg → oberg,
 * Straße → strasse) and, when it has umlauts, the German spelling (Müller →
 * mueller); other scripts give one form per common romanisation system.
 */
import anyAscii from 'any-ascii';
import type { Script } from '../normalize.js';
import { romanizeArabic } from './arabic.js';
import { romanizeCyrillic } from './cyrillic.js';
import { romanizeGreek } from './greek.js';
import { romanizeHan } from './han.js';
import { romanizeHangul } from './hangul.js';
import { romanizeHebrew } from './hebrew.js';
import { romanizeKana } from './kana.js';
import { japaneseReadings } from './han.js';

/** Latin letters NFD does not take apart. */
const LATIN_SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'ss', ø: 'o', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h', ŋ: 'ng', ĸ: 'k', ſ: 's',
  ŧ: 't', ŀ: 'l', ƒ: 'f', ɑ: 'a', ə: 'e', ɛ: 'e', ɔ: 'o', ʊ: 'u', ɨ: 'i', ʃ: 'sh', ʒ: 'zh', ȝ: 'y', ƿ: 'w', ĳ: 'ij',
};

export function foldLatin(part: string): string {
  let out = '';
  for (const ch of part.normalize('NFD')) {
    if (ch >= 'a' && ch <= 'z') out += ch;
    else if (LATIN_SPECIAL[ch] !== undefined) out += LATIN_SPECIAL[ch];
    else if (/\p{L}/u.test(ch)) out += anyAscii(ch).toLowerCase().replace(/[^a-z]/gu, '');
    // combining marks and anything else: dropped
  }
  return out;
}

/** Letters whose diacritic changes the sound: Slavic, Baltic, Turkish, Romanian (č is ch, not c). */
const SOUNDING: Readonly<Record<string, string>> = {
  č: 'ch', ć: 'ch', š: 'sh', ś: 'sh', ž: 'zh', ź: 'zh', ż: 'zh', ř: 'rzh', ş: 'sh', ș: 'sh', ț: 'ts', ç: 'ch', ğ: 'g', ñ: 'ny', ő: 'o', ű: 'u', ą: 'on', ę: 'en',
};

function romanizeLatin(part: string): string[] {
  const folded = foldLatin(part);
  const out = [folded];
  const add = (f: string): void => { if (f !== '' && !out.includes(f)) out.push(f); };
  const nfc = part.normalize('NFC');
  if (/[äöüåø]/u.test(nfc)) add(foldLatin(nfc.replace(/ä/gu, 'ae').replace(/ö/gu, 'oe').replace(/ü/gu, 'ue').replace(/å/gu, 'aa').replace(/ø/gu, 'oe')));
  if (/[čćšśžźżřşșțçğñőűąę]/u.test(nfc)) add(foldLatin(nfc.replace(/[čćšśžźżřşșțçğñőűąę]/gu, (c) => SOUNDING[c] ?? c)));
  const french = frenchSounds(folded);
  if (french !== null) add(french);
  return out.filter((f) => f !== '');
}

/**
 * A French spelling as it sounds, for the scripts that wrote it down by ear
 * (Chauvaud is шово, Beaufaux бофо, Rougier ружье, Évreux эврё): eau and au
 * are o, and the silent letters of the word's end go. Only for a word with
 * one of those ends (-eau(x), -aux, -ault, -aud, -aut, -eux, -oux, -ier,
 * -iers, -et, -ais, -ait, -ot, -ges), so other names keep their one form.
 */
function frenchSounds(folded: string): string | null {
  const m = /(eaux|eau|aux|ault|aud|aut|eux|oux|iers|ier|et|ais|ait|ot|ges)$/u.exec(folded);
  if (m === null || folded.length - m[0].length < 2) return null;
  const end: Readonly<Record<string, string>> = {
    eaux: 'o', eau: 'o', aux: 'o', ault: 'o', aud: 'o', aut: 'o', eux: 'e', oux: 'u', iers: 'ie', ier: 'ie', et: 'e', ais: 'e', ait: 'e', ot: 'o', ges: 'j',
  };
  const stem = folded.slice(0, -m[0].length).replace(/eau/gu, 'o').replace(/au/gu, 'o');
  return stem + end[m[0]]!;
}

function romanizeOther(part: string): string[] {
  const f = anyAscii(part).toLowerCase().replace(/[^a-z]/gu, '');
  return f === '' ? [] : [f];
}

/**
 * The Latin forms of one normalised part of a name written in `script`
 * (the script of the whole name: a kanji part of a Japanese name is read
 * the Japanese way).
 */
export function romanizePart(part: string, script: Script): string[] {
  let forms: string[];
  switch (script) {
    case 'latin': forms = romanizeLatin(part); break;
    case 'cyrillic': forms = romanizeCyrillic(part); break;
    case 'greek': forms = romanizeGreek(part); break;
    case 'arabic': forms = romanizeArabic(part); break;
    case 'hebrew': forms = romanizeHebrew(part); break;
    case 'han': forms = romanizeHan(part, { chinese: true, japanese: true }); break;
    case 'japanese': forms = /\p{Script=Han}/u.test(part) ? japaneseReadings(part) : romanizeKana(part); break;
    case 'korean': forms = /\p{Script=Han}/u.test(part) ? romanizeHan(part, { chinese: true, japanese: false }) : romanizeHangul(part); break;
    default: forms = romanizeOther(part);
  }
  if (forms.length === 0) forms = romanizeOther(part);
  return forms;
}
