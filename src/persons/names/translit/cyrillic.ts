/**
 * Cyrillic → Latin. One Cyrillic name is written many ways in Latin
 * letters: the passport (ICAO 9303) system, BGN/PCGN, the German, French and
 * Polish habits, the scholarly (ISO 9 without its hačeks) one, and the
 * Ukrainian passport rules. Each system gives one form; the engine keeps
 * them all (`Vladimirovich`, `Wladimirowitsch`, `Vladimirovitch`,
 * `Władimirowicz`, `Vladimirovic`).
 */

type System = 'passport' | 'bgn' | 'german' | 'french' | 'polish' | 'scholarly' | 'ukrainian';
const SYSTEMS: readonly System[] = ['passport', 'bgn', 'german', 'french', 'polish', 'scholarly', 'ukrainian'];

/** Letters written the same way in every system. */
const COMMON: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', д: 'd', з: 'z', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', т: 't', ф: 'f',
  ъ: '', ь: '', ў: 'u', ґ: 'g', ѣ: 'e', і: 'i', ј: 'j', љ: 'lj', њ: 'nj', ђ: 'dj', ћ: 'c', џ: 'dz', ѕ: 'dz', ќ: 'k', ѓ: 'g',
};

/** Per system: the letters that differ. Keys `^x` apply at the start of a word or after a vowel (iotated vowels). */
const TABLES: Readonly<Record<System, Readonly<Record<string, string>>>> = {
  passport: { в: 'v', г: 'g', е: 'e', ё: 'e', ж: 'zh', и: 'i', й: 'i', с: 's', у: 'u', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ы: 'y', э: 'e', ю: 'iu', я: 'ia', ъ: 'ie', є: 'ie', ї: 'i' },
  bgn: { в: 'v', г: 'g', е: 'e', '^е': 'ye', ё: 'yo', ж: 'zh', и: 'i', й: 'y', с: 's', у: 'u', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ы: 'y', э: 'e', ю: 'yu', я: 'ya', є: 'ye', ї: 'yi' },
  german: { в: 'w', г: 'g', е: 'e', '^е': 'je', ё: 'jo', ж: 'sch', и: 'i', й: 'j', с: 's', у: 'u', х: 'ch', ц: 'z', ч: 'tsch', ш: 'sch', щ: 'schtsch', ы: 'y', э: 'e', ю: 'ju', я: 'ja', є: 'je', ї: 'ji' },
  french: { в: 'v', г: 'g', е: 'e', '^е': 'ie', ё: 'io', ж: 'j', и: 'i', й: 'i', с: 's', у: 'ou', х: 'kh', ц: 'ts', ч: 'tch', ш: 'ch', щ: 'chtch', ы: 'y', э: 'e', ю: 'iou', я: 'ia', є: 'ie', ї: 'i' },
  polish: { в: 'w', г: 'g', е: 'e', '^е': 'je', ё: 'jo', ж: 'z', и: 'i', й: 'j', с: 's', у: 'u', х: 'ch', ц: 'c', ч: 'cz', ш: 'sz', щ: 'szcz', ы: 'y', э: 'e', ю: 'ju', я: 'ja', є: 'je', ї: 'ji' },
  scholarly: { в: 'v', г: 'g', е: 'e', ё: 'e', ж: 'z', и: 'i', й: 'j', с: 's', у: 'u', х: 'h', ц: 'c', ч: 'c', ш: 's', щ: 'sc', ы: 'y', э: 'e', ю: 'ju', я: 'ja', є: 'je', ї: 'ji' },
  ukrainian: { в: 'v', г: 'h', е: 'e', ё: 'io', ж: 'zh', и: 'y', й: 'i', '^й': 'y', с: 's', у: 'u', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ы: 'y', э: 'e', ю: 'iu', '^ю': 'yu', я: 'ia', '^я': 'ya', є: 'ie', '^є': 'ye', ї: 'i', '^ї': 'yi' },
};

const VOWELS = new Set(['а', 'е', 'ё', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'і', 'ї', 'є', 'ъ', 'ь']);

function romanizeWith(word: string, system: System): string {
  const table = TABLES[system];
  const chars = Array.from(word.normalize('NFC'));
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const prev = i === 0 ? undefined : chars[i - 1];
    const iotated = prev === undefined || VOWELS.has(prev);
    // "-ий"/"-ый" at the end: Dmitriy, Dmitrii, Dmitry are all seen; BGN writes -iy, popular -y.
    if (system === 'bgn' && ch === 'и' && chars[i + 1] === 'й' && i + 2 === chars.length) { out += 'y'; i++; continue; }
    // "кс" is often x in German and French habits (Aleksandr / Alexander).
    if ((system === 'german' || system === 'french') && ch === 'к' && chars[i + 1] === 'с') { out += 'x'; i++; continue; }
    const mapped = (iotated ? table[`^${ch}`] : undefined) ?? table[ch] ?? COMMON[ch];
    if (mapped !== undefined) out += mapped;
    else if (/[a-z]/u.test(ch)) out += ch;
    // anything else (stray marks) is dropped
  }
  // German habit: a single s between vowels is doubled (Wassili); French: -ov is -off at the end.
  if (system === 'german') out = out.replace(/([aeiouy])s([aeiouy])/gu, '$1ss$2');
  if (system === 'french') out = out.replace(/ov$/u, 'off').replace(/ev$/u, 'eff');
  return out;
}

/**
 * Japanese and Chinese names reach Cyrillic through their own systems
 * (Polivanov: дзи is ji, ти chi, си shi, цу tsu; Palladius: цз is j or z, чж zh,
 * сы si): written back, хикодзиро is hikojiro and цзыцзе jijie.
 */
function eastAsian(word: string): string {
  const w = word
    .replace(/дзи/gu, 'ji').replace(/дз/gu, 'z').replace(/ти/gu, 'chi').replace(/си/gu, 'shi').replace(/цу/gu, 'tsu')
    .replace(/ся/gu, 'sha').replace(/сю/gu, 'shu').replace(/сё/gu, 'sho').replace(/тя/gu, 'cha').replace(/тю/gu, 'chu').replace(/тё/gu, 'cho')
    .replace(/цз/gu, 'j').replace(/чж/gu, 'zh').replace(/сы/gu, 'si').replace(/цы/gu, 'ci').replace(/юй/gu, 'yu');
  return romanizeWith(w, 'bgn');
}

/** All the Latin forms of a Cyrillic name part, most official first, without duplicates. */
export function romanizeCyrillic(part: string): string[] {
  const out: string[] = [];
  for (const s of SYSTEMS) {
    const form = romanizeWith(part, s);
    if (form !== '' && !out.includes(form)) out.push(form);
  }
  if (/дз|ти|си|цу|цз|чж|сы/u.test(part)) {
    const form = eastAsian(part);
    if (form !== '' && !out.includes(form)) out.push(form);
  }
  return out;
}
