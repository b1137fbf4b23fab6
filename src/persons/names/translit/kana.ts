/**
 * Kana (hiragana and katakana) → Latin, Hepburn. Forms: long vowels written
 * out (Oono, Kataa), long vowels dropped (Ono, Kata: the passport habit and
 * the way foreign names come back), and the second with r read as l
 * (Japanese has one liquid: ロンドン is London). Small ッ doubles the next
 * consonant; ン is m before b, m, p.
 */

const MONO: Readonly<Record<string, string>> = {
  ア: 'a', イ: 'i', ウ: 'u', エ: 'e', オ: 'o',
  カ: 'ka', キ: 'ki', ク: 'ku', ケ: 'ke', コ: 'ko', ガ: 'ga', ギ: 'gi', グ: 'gu', ゲ: 'ge', ゴ: 'go',
  サ: 'sa', シ: 'shi', ス: 'su', セ: 'se', ソ: 'so', ザ: 'za', ジ: 'ji', ズ: 'zu', ゼ: 'ze', ゾ: 'zo',
  タ: 'ta', チ: 'chi', ツ: 'tsu', テ: 'te', ト: 'to', ダ: 'da', ヂ: 'ji', ヅ: 'zu', デ: 'de', ド: 'do',
  ナ: 'na', ニ: 'ni', ヌ: 'nu', ネ: 'ne', ノ: 'no',
  ハ: 'ha', ヒ: 'hi', フ: 'fu', ヘ: 'he', ホ: 'ho', バ: 'ba', ビ: 'bi', ブ: 'bu', ベ: 'be', ボ: 'bo',
  パ: 'pa', ピ: 'pi', プ: 'pu', ペ: 'pe', ポ: 'po',
  マ: 'ma', ミ: 'mi', ム: 'mu', メ: 'me', モ: 'mo',
  ヤ: 'ya', ユ: 'yu', ヨ: 'yo', ラ: 'ra', リ: 'ri', ル: 'ru', レ: 're', ロ: 'ro',
  ワ: 'wa', ヰ: 'i', ヱ: 'e', ヲ: 'o', ン: 'n', ヴ: 'vu',
  ァ: 'a', ィ: 'i', ゥ: 'u', ェ: 'e', ォ: 'o', ャ: 'ya', ュ: 'yu', ョ: 'yo', ヮ: 'wa', ヵ: 'ka', ヶ: 'ke',
};

/** Kana followed by a small kana: the pair has its own reading. */
const COMBINED: Readonly<Record<string, string>> = {
  シャ: 'sha', シュ: 'shu', ショ: 'sho', シェ: 'she', ジャ: 'ja', ジュ: 'ju', ジョ: 'jo', ジェ: 'je',
  チャ: 'cha', チュ: 'chu', チョ: 'cho', チェ: 'che', ヂャ: 'ja', ヂュ: 'ju', ヂョ: 'jo',
  ティ: 'ti', ディ: 'di', トゥ: 'tu', ドゥ: 'du', テュ: 'tyu', デュ: 'dyu',
  ファ: 'fa', フィ: 'fi', フェ: 'fe', フォ: 'fo', フュ: 'fyu',
  ウィ: 'wi', ウェ: 'we', ウォ: 'wo', ヴァ: 'va', ヴィ: 'vi', ヴェ: 've', ヴォ: 'vo', ヴュ: 'vyu',
  ツァ: 'tsa', ツィ: 'tsi', ツェ: 'tse', ツォ: 'tso', イェ: 'ye', スィ: 'si', ズィ: 'zi',
  クァ: 'kwa', クィ: 'kwi', クェ: 'kwe', クォ: 'kwo', グァ: 'gwa',
};

function toKatakana(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    out += c >= 0x3041 && c <= 0x3096 ? String.fromCodePoint(c + 0x60) : c === 0x309d ? 'ヽ' : c === 0x309e ? 'ヾ' : ch;
  }
  return out;
}

/** The vowel kana: a syllable before one of them keeps its own vowel in the foreign reading. */
const VOWEL_KANA = new Set(Array.from('アイウエオァィゥェォンーヽヾ'));
/** Syllables whose vowel Japanese adds to a bare foreign consonant (ク ス ツ ト ド フ ブ プ ム ル …). */
const EPENTHETIC = /^(k|g|s|z|ts|f|p|b|m|r|v)u$|^(t|d)o$/u;

/**
 * Romanises the kana of a string. `foreign` reads it back the way a foreign
 * name was written into it: the vowel Japanese adds to a bare consonant is
 * dropped before another consonant and at the end (フランコイス → frankois,
 * ブレッツ → brets), and a long a is an English or German -er/-ar
 * (オレンバーガー → orenbargar: Olenberger; ハープーン → harpun), and ン
 * stays n before b and p (Steinberg; the other forms have Hamburg's m).
 */
export function romanizeKanaRun(text: string, longVowels: boolean, foreign = false): string {
  const chars = Array.from(toKatakana(text));
  let out = '';
  let geminate = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    if (ch === 'ッ') { geminate = true; continue; }
    if (ch === 'ー') {
      if (foreign) { if (out.endsWith('a')) out += 'r'; continue; }
      if (longVowels) { const v = /[aeiou]$/u.exec(out); if (v) out += v[0]; }
      continue;
    }
    if (ch === 'ヽ' || ch === 'ヾ') { // iteration marks repeat the previous syllable
      continue;
    }
    let syl: string | undefined;
    if (next !== undefined) {
      syl = COMBINED[ch + next];
      if (syl !== undefined) i++;
    }
    if (syl === undefined) {
      const base = MONO[ch];
      if (base === undefined) continue;
      // キャ = ki + small ya → kya
      if (next !== undefined && (next === 'ャ' || next === 'ュ' || next === 'ョ') && base.endsWith('i') && base.length >= 2) {
        syl = base.slice(0, -1) + MONO[next]!;
        i++;
      } else if (next !== undefined && 'ァィゥェォ'.includes(next) && base.length >= 2) {
        syl = base.slice(0, -1) + MONO[next]!;
        i++;
      } else {
        syl = base;
      }
    }
    if (geminate) {
      out += syl.startsWith('ch') ? 't' : /^[a-z]/u.test(syl) && !/^[aeiou]/u.test(syl) ? syl[0]! : '';
      geminate = false;
    }
    if (syl === 'n' && next !== undefined && !foreign) {
      const following = MONO[next] ?? '';
      if (/^[bmp]/u.test(following)) syl = 'm';
    }
    if (foreign && EPENTHETIC.test(syl)) {
      const after = chars[i + 1];
      if (after === undefined || !VOWEL_KANA.has(after)) syl = syl.slice(0, -1);
    }
    // At the end, ジ チ are a bare -dge, -tch (リッジ Rydge, ヴィチ -vich) and ヒ a German -ch (ケーニヒ König).
    if (foreign && i === chars.length - 1) syl = syl === 'ji' ? 'j' : syl === 'chi' ? 'ch' : syl === 'hi' ? 'ch' : syl;
    out += syl;
  }
  if (!longVowels) out = out.replace(/ou(?=[^aeiou]|$)/gu, 'o').replace(/uu/gu, 'u').replace(/oo/gu, 'o').replace(/aa/gu, 'a').replace(/ii/gu, 'i').replace(/ee/gu, 'e');
  return out;
}

export function romanizeKana(part: string): string[] {
  const long = romanizeKanaRun(part, true);
  const short = romanizeKanaRun(part, false);
  const out: string[] = [];
  // Loanword reading: older transliterations write "ti", "di", "si" with チ, ジ, シ (プーチン is Putin).
  const loan = romanizeKanaRun(toKatakana(part).replace(/チ(?![ャュョェ])/gu, 'ティ').replace(/[ジヂ](?![ャュョェ])/gu, 'ディ').replace(/シ(?![ャュョェ])/gu, 'スィ'), false);
  const foreign = romanizeKanaRun(part, false, true);
  for (const f of [long, short, short.replace(/r/gu, 'l'), loan, foreign]) if (f !== '' && !out.includes(f)) out.push(f);
  return out;
}
