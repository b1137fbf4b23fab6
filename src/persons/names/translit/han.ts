/**
 * Han characters → Latin.
 *
 * Chinese: Hanyu Pinyin (pinyin-pro, which reads surnames as surnames: 单 is
 * Shan, not Dan), a Wade–Giles form derived from it syllable by syllable
 * (Zhang → Chang, Xu → Hsu, Zhou Enlai → Chou Enlai), and for a one-character
 * part the Cantonese and Hokkien spellings its common surnames are carried
 * with (陈 Chan, Tan; 黄 Wong, Ng).
 *
 * Japanese kanji: a name in kanji has no single reading; the readings of each
 * character (on, kun and the name readings, nanori, from KANJIDIC through the
 * `kanji` package) are combined, a few at most, and romanised. A name made of
 * Han characters only may be Chinese or Japanese, so both are produced;
 * a name that also holds kana is Japanese and gets only the Japanese readings.
 */
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import { romanizeKanaRun } from './kana.js';

interface KanjiReadings { on: string[]; kun: string[]; nanori: string[] }
const require = createRequire(import.meta.url);
let kanjiModule: { readings(char: string): KanjiReadings | null } | null = null;
const readingCache = new Map<string, readonly string[]>();

/** Romanised readings of one kanji, most useful for names first (at most four). */
function kanjiReadings(ch: string): readonly string[] {
  const cached = readingCache.get(ch);
  if (cached) return cached;
  kanjiModule ??= require('kanji') as { readings(char: string): KanjiReadings | null };
  let r: KanjiReadings | null = null;
  try { r = kanjiModule.readings(ch); } catch { r = null; }
  const out: string[] = [];
  if (r) {
    const clean = (s: string): string => s.split('.')[0]!.replace(/-/gu, '');
    const kun = r.kun.map(clean);
    const lists = [kun.slice(0, 1), r.nanori.slice(0, 1), r.on.slice(0, 1), kun.slice(1, 2), r.on.slice(1, 2), r.nanori.slice(1, 2)];
    for (const list of lists) {
      for (const k of list) {
        const romaji = romanizeKanaRun(k, false);
        if (romaji !== '' && !out.includes(romaji)) out.push(romaji);
      }
    }
  }
  const result = out.slice(0, 4);
  readingCache.set(ch, result);
  return result;
}

/** Japanese readings of a token mixing kanji and kana: per kanji its readings, kana as written; at most `max` combinations. */
export function japaneseReadings(token: string, max = 6): string[] {
  let combos: string[] = [''];
  let kanaRun = '';
  const flushKana = (): void => {
    if (kanaRun === '') return;
    const r = romanizeKanaRun(kanaRun, false);
    combos = combos.map((c) => c + r);
    kanaRun = '';
  };
  const chars = Array.from(token);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (/\p{Script=Han}/u.test(ch) || ch === '々') {
      flushKana();
      const readings = ch === '々' && i > 0 ? kanjiReadings(chars[i - 1]!) : kanjiReadings(ch);
      if (readings.length === 0) continue;
      // The first reading of every character is always combined; later readings widen while the budget lasts.
      const next: string[] = [];
      for (const r of readings) for (const c of combos) if (next.length < max) next.push(c + r);
      combos = next;
    } else {
      kanaRun += ch;
    }
  }
  flushKana();
  return combos.filter((c) => c !== '');
}

/** Cantonese, Hokkien and older spellings of the commonest Chinese surnames. */
const SURNAME_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  陈: ['chan', 'tan', 'chen', 'chin'], 陳: ['chan', 'tan', 'chen', 'chin'], 黄: ['wong', 'ng', 'huang', 'hwang', 'oei'], 黃: ['wong', 'ng', 'huang', 'hwang', 'oei'],
  王: ['wong', 'ong', 'wang'], 张: ['cheung', 'teo', 'chang', 'cheong', 'zhang'], 張: ['cheung', 'teo', 'chang', 'cheong', 'zhang'],
  李: ['lee', 'li', 'lei', 'ly'], 刘: ['lau', 'lew', 'liu', 'low'], 劉: ['lau', 'lew', 'liu', 'low'], 林: ['lam', 'lim', 'lin'],
  吴: ['ng', 'goh', 'woo', 'wu', 'ngo'], 吳: ['ng', 'goh', 'woo', 'wu', 'ngo'], 郑: ['cheng', 'tay', 'teh', 'zheng', 'chang'], 鄭: ['cheng', 'tay', 'teh', 'zheng', 'chang'],
  谢: ['tse', 'chia', 'xie', 'hsieh', 'sia'], 謝: ['tse', 'chia', 'xie', 'hsieh', 'sia'], 梁: ['leung', 'liang', 'neo', 'leong'],
  周: ['chow', 'chou', 'chau', 'zhou', 'chew'], 杨: ['yeung', 'yang', 'young', 'yeo'], 楊: ['yeung', 'yang', 'young', 'yeo'], 何: ['ho', 'he', 'hoh'],
  郭: ['kwok', 'kuo', 'guo', 'quek'], 罗: ['law', 'lo', 'loh', 'luo'], 羅: ['law', 'lo', 'loh', 'luo'], 许: ['hui', 'koh', 'hsu', 'xu'], 許: ['hui', 'koh', 'hsu', 'xu'],
  邓: ['tang', 'teng', 'deng'], 鄧: ['tang', 'teng', 'deng'], 曾: ['tsang', 'tseng', 'zeng', 'chan'], 蔡: ['choi', 'tsai', 'chua', 'cai', 'choy'],
  叶: ['yip', 'ip', 'yeh', 'ye'], 葉: ['yip', 'ip', 'yeh', 'ye'], 徐: ['tsui', 'chui', 'hsu', 'xu', 'choi'], 朱: ['chu', 'choo', 'zhu', 'chee'],
  胡: ['wu', 'hu', 'woo', 'oh', 'foo'], 马: ['ma', 'mah', 'beh'], 馬: ['ma', 'mah', 'beh'], 孙: ['suen', 'sun', 'soon'], 孫: ['suen', 'sun', 'soon'],
  高: ['ko', 'kao', 'gao', 'koh'], 冯: ['fung', 'feng', 'fong'], 馮: ['fung', 'feng', 'fong'], 萧: ['siu', 'hsiao', 'xiao', 'seow'], 蕭: ['siu', 'hsiao', 'xiao', 'seow'],
  赵: ['chiu', 'chao', 'zhao', 'chew'], 趙: ['chiu', 'chao', 'zhao', 'chew'], 蒋: ['chiang', 'tseung', 'jiang'], 蔣: ['chiang', 'tseung', 'jiang'],
  沈: ['shum', 'shen', 'sim'], 宋: ['sung', 'song'], 唐: ['tong', 'tang'], 韩: ['hon', 'han'], 韓: ['hon', 'han'], 余: ['yu', 'yee', 'ee'], 邱: ['yau', 'khoo', 'chiu', 'qiu'],
};

/** Wade–Giles from one toneless pinyin syllable (apostrophes of aspiration are not kept). */
function wadeGiles(syl: string): string {
  let s = syl.replace(/ü|v/gu, 'u');
  const m = /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]?)(.*)$/u.exec(s);
  if (!m) return s;
  let [, ini = '', fin = ''] = m;
  const sibilantI = fin === 'i' && (ini === 'z' || ini === 'c' || ini === 's');
  const retroI = fin === 'i' && (ini === 'zh' || ini === 'ch' || ini === 'sh' || ini === 'r');
  ini = ({ b: 'p', d: 't', g: 'k', zh: 'ch', z: 'ts', c: 'ts', j: 'ch', q: 'ch', x: 'hs', r: 'j' } as Record<string, string>)[ini] ?? ini;
  if (sibilantI) fin = ini === 's' ? 'su' : 'u';
  else if (retroI) fin = 'ih';
  else fin = fin.replace(/ong$/u, 'ung').replace(/^ian$/u, 'ien').replace(/^ie$/u, 'ieh').replace(/^ui$/u, 'uei').replace(/^iu$/u, 'iu').replace(/^e$/u, ini === 'k' || ini === 'h' ? 'o' : 'e');
  s = ini + fin;
  return s;
}

/**
 * Chinese writes a foreign name with one character per syllable, so a
 * consonant without a vowel gets one of its own: s is 斯 si, k 克 ke, t 特 te,
 * d 德 de, f 夫 fu, m 姆 mu, r 尔 er. This reading takes those syllables back
 * to the bare consonant (and uo, ei back to o, e): 格日梅克 gerimeike → gerimeik,
 * 弗里德納 fulidena → flidena. A general convention of transliteration into
 * Chinese, applied to any name. Its finals are read the way the foreign
 * sounds they stand for are: -ng is a foreign n (朗 lang is "lan", 邦 bang
 * "bon"), ai a foreign e (埃 艾 萊), ao and ou an o (奧 寇), wu a u (烏).
 * `alt` is the second habit for the initials: 吉 加 基 ji jia as gi ga
 * (Giraudeau, Edgar), 奇 齊 qi as ki, 西 辛 xi xin as si sin (Simons).
 */
function loanSyllable(syl: string, first: boolean, alt = false): string {
  const s = syl.replace(/ü|v/gu, 'u');
  const bare: Readonly<Record<string, string>> = {
    si: 's', zi: 'z', ci: 'ts', shi: 'sh', ke: 'k', te: 't', de: 'd', ge: 'g', le: 'l', he: 'h', fu: 'f', bu: 'b', pu: 'p', mu: 'm', er: 'r', ri: 'r', qi: 'ch', ji: 'j',
    se: 's', ze: 'z', shen: 'sh',
  };
  // 基 吉 at the end of a word are ki and gi (斯基 -ski), 奇 qi a -ch (維奇 -vich) or ki.
  if (!first && (s === 'ji' || s === 'qi')) return alt ? 'ki' : s === 'ji' ? 'ji' : 'ch';
  if (!first && bare[s] !== undefined) return bare[s];
  if (first && (s === 'fu' || s === 'ke' || s === 'ge' || s === 'si' || s === 'te' || s === 'de' || s === 'bu' || s === 'pu' || s === 'shen')) return bare[s]!;
  let x = s;
  // 加 jia is ga, 亚 ya an initial a (亚历山大 Alexander), 史 shi an initial s (史特潘尼 Stepanek).
  if (alt) x = x.replace(/^jia/u, 'ga').replace(/^qia/u, 'ka').replace(/^j/u, 'g').replace(/^q/u, 'k').replace(/^x/u, 's');
  if (alt && first) x = x.replace(/^ya/u, 'a').replace(/^shi$/u, 's');
  x = phoneticPinyin(x)
    .replace(/^wu$/u, 'u').replace(/^yi/u, 'i').replace(/^you$/u, 'yu').replace(/^yue$/u, 'yo').replace(/^hua/u, 'wa')
    .replace(/ng$/u, 'n').replace(/(uo|ao|ou)(n?)$/u, 'o$2').replace(/(ai|ei)$/u, 'e').replace(/ie$/u, 'e')
    .replace(/^wei/u, 'vi').replace(/^w/u, 'v');
  return x;
}

/** Pinyin with x, q, c read the way a European spelling would write them. */
function phoneticPinyin(syl: string): string {
  return syl.replace(/^x/u, 'sh').replace(/^q/u, 'ch').replace(/^c(?!h)/u, 'ts').replace(/^zh/u, 'j').replace(/ü|v/gu, 'u');
}

export function chineseSyllables(part: string): string[] {
  const hanOnly = Array.from(part).filter((c) => /\p{Script=Han}/u.test(c)).join('');
  if (hanOnly === '') return [];
  const syl = pinyin(hanOnly, { toneType: 'none', type: 'array', surname: 'head', v: true }).map((s) => s.toLowerCase().replace(/[^a-z]/gu, ''));
  // 什 is shen only in 什么 ("what"); in a name (沃爾什 Walsh) it is shi.
  return syl.map((x, i) => (x === 'shen' && Array.from(hanOnly)[i] === '什' ? 'shi' : x));
}

export function romanizeHan(part: string, opts: { chinese: boolean; japanese: boolean }): string[] {
  const out: string[] = [];
  const add = (f: string): void => { if (f !== '' && !out.includes(f)) out.push(f); };
  if (opts.chinese) {
    const syl = chineseSyllables(part);
    add(syl.join(''));
    add(syl.map(phoneticPinyin).join(''));
    add(syl.map(wadeGiles).join(''));
    if (syl.length >= 2) {
      add(syl.map((x, i) => loanSyllable(x, i === 0)).join(''));
      add(syl.map((x, i) => loanSyllable(x, i === 0, true)).join(''));
    }
    if (Array.from(part).length === 1) for (const s of SURNAME_SPELLINGS[part] ?? []) add(s);
  }
  // A name of Han characters only is more often Chinese: fewer Japanese readings for it.
  // Japanese name parts are one to three kanji; a longer Han-only part is a Chinese transliteration.
  if (opts.japanese && (!opts.chinese || Array.from(part).length <= 3)) for (const r of japaneseReadings(part, opts.chinese ? 1 : 6)) add(r);
  return out;
}

/** One-character Chinese surnames the index splits a one-token name at (毛泽东 → 毛 + 泽东). */
export function isChineseSurname(ch: string): boolean {
  return SURNAME_SPELLINGS[ch] !== undefined || COMMON_SURNAMES.has(ch);
}
const COMMON_SURNAMES = new Set(Array.from('孔毛习江温胡邓彭贺田任姜范方石姚谭廖邹熊金陆郝孟白秦顾侯邵龚万段雷钱汤尹黎易常武乔赖文龙史'));
