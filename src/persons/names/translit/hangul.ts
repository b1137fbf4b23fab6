/**
 * Hangul → Latin, computed from the syllable's jamo (no table of words).
 * Forms: Revised Romanization (the South Korean standard since 2000:
 * Bak, Jiseong), McCune–Reischauer as passports and older records have it
 * (Pak, Chisŏng → chison), the form a foreign name comes back as (the
 * epenthetic ㅡ dropped, ㅍ as f, ㄹ as l: 포레스트 → forest), and for a
 * surname the spellings people actually carry (박 → Park, 이 → Lee, Yi, Rhee),
 * which no rule gives.
 */

const INITIAL_RR = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
const INITIAL_MR = ['k', 'kk', 'n', 't', 'tt', 'r', 'm', 'p', 'pp', 's', 'ss', '', 'ch', 'tch', 'ch', 'k', 't', 'p', 'h'];
const INITIAL_LOAN = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'f', 'h'];
const VOWEL_RR = ['a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'eu', 'ui', 'i'];
const VOWEL_MR = ['a', 'ae', 'ya', 'yae', 'o', 'e', 'yo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'u', 'ui', 'i'];
const VOWEL_LOAN = ['a', 'e', 'ya', 'ye', 'e', 'e', 'ye', 'ye', 'o', 'wa', 'we', 'we', 'yo', 'u', 'wo', 'we', 'wi', 'yu', '', 'ui', 'i'];
const FINAL_RR = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't'];
const FINAL_LOAN = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 's', 's', 'ng', 't', 't', 'k', 't', 'p', 't'];

/** The spellings Korean surnames are actually carried with (passports, diaspora); Revised Romanization is added by rule. */
const SURNAME_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  김: ['kim', 'gim'], 이: ['lee', 'yi', 'rhee', 'rhie', 'ri', 'li'], 박: ['park', 'pak', 'bak'], 최: ['choi', 'choe', 'chey'],
  정: ['jung', 'jeong', 'chung', 'chong'], 강: ['kang', 'gang'], 조: ['cho', 'jo', 'joe'], 윤: ['yoon', 'yun'], 장: ['jang', 'chang'],
  임: ['lim', 'im', 'rim'], 림: ['lim', 'rim'], 한: ['han'], 오: ['oh', 'o'], 서: ['seo', 'suh', 'so'], 신: ['shin', 'sin'], 권: ['kwon', 'gwon'],
  황: ['hwang'], 안: ['ahn', 'an'], 송: ['song'], 류: ['ryu', 'yoo', 'yu', 'ryoo'], 유: ['yoo', 'yu', 'you'], 홍: ['hong'], 전: ['jeon', 'jun', 'chun', 'chon'],
  고: ['ko', 'go', 'koh'], 문: ['moon', 'mun'], 양: ['yang', 'ryang'], 손: ['son', 'sohn'], 배: ['bae', 'pae'], 백: ['baek', 'paik', 'paek', 'baik'],
  허: ['heo', 'huh', 'hur', 'ho'], 남: ['nam'], 노: ['noh', 'roh', 'no', 'ro'], 하: ['ha'], 곽: ['kwak', 'gwak'], 성: ['sung', 'seong', 'song'],
  차: ['cha'], 주: ['joo', 'ju', 'chu', 'choo'], 우: ['woo', 'u'], 구: ['koo', 'gu', 'ku'], 민: ['min'], 나: ['na', 'ra'], 진: ['jin', 'chin'],
  지: ['ji', 'chi'], 엄: ['eom', 'um', 'uhm'], 채: ['chae'], 원: ['won'], 천: ['cheon', 'chun'], 방: ['bang', 'pang'], 공: ['gong', 'kong'],
  현: ['hyun', 'hyeon'], 함: ['ham'], 변: ['byun', 'byeon', 'pyon'], 염: ['yeom', 'yum', 'yom'], 여: ['yeo', 'yuh', 'yo'], 추: ['choo', 'chu'],
  도: ['do', 'toh'], 소: ['so'], 석: ['seok', 'suk'], 선: ['sun', 'seon'], 설: ['seol', 'sul'], 마: ['ma'], 길: ['gil', 'kil'], 위: ['wi', 'wee'],
  표: ['pyo'], 명: ['myung', 'myeong'], 기: ['ki', 'gi'], 반: ['ban', 'pan'], 왕: ['wang'], 금: ['geum', 'keum'], 옥: ['ok'], 육: ['yook', 'yuk'],
  인: ['in'], 맹: ['maeng'], 제: ['je', 'jeh'], 모: ['mo'], 탁: ['tak'], 국: ['kook', 'guk'], 어: ['eo', 'uh'], 은: ['eun'], 편: ['pyun', 'pyeon'],
};

const S_BASE = 0xac00;
const S_LAST = 0xd7a3;

interface Jamo { l: number; v: number; t: number }

function decompose(part: string): Jamo[] | null {
  const out: Jamo[] = [];
  for (const ch of part) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < S_BASE || c > S_LAST) continue; // lone jamo, hanja: left to others
    const code = c - S_BASE;
    out.push({ l: Math.floor(code / 588), v: Math.floor((code % 588) / 28), t: code % 28 });
  }
  return out.length === 0 ? null : out;
}

function rr(syllables: readonly Jamo[]): string {
  let out = '';
  syllables.forEach((s, i) => {
    let initial = INITIAL_RR[s.l]!;
    if (s.l === 5 && i > 0 && syllables[i - 1]!.t === 8) initial = 'l'; // ㄹㄹ → ll
    out += initial + VOWEL_RR[s.v]! + FINAL_RR[s.t]!;
  });
  return out;
}

function mr(syllables: readonly Jamo[]): string {
  let out = '';
  syllables.forEach((s, i) => {
    // Voiced between vowels in McCune–Reischauer: g d b j inside a word.
    const prevFinal = i > 0 ? syllables[i - 1]!.t : -1;
    let initial = INITIAL_MR[s.l]!;
    if (i > 0 && (prevFinal === 0 || prevFinal === 4 || prevFinal === 8 || prevFinal === 16 || prevFinal === 21)) {
      initial = ({ k: 'g', t: 'd', p: 'b', ch: s.l === 12 ? 'j' : 'ch' } as Record<string, string>)[initial] ?? initial;
    }
    let vowel = VOWEL_MR[s.v]!;
    if (s.l === 9 && s.v === 20) initial = 'sh'; // 시 → shi
    if (s.l === 9 && (s.v === 2 || s.v === 6 || s.v === 12 || s.v === 17)) { initial = 'sh'; vowel = vowel.slice(1); } // 샤 쇼 슈 셔
    out += initial + vowel + FINAL_RR[s.t]!;
  });
  return out;
}

function loan(syllables: readonly Jamo[], liquid: 'l' | 'r', eoAsEr = false): string {
  let out = '';
  syllables.forEach((s, i) => {
    // ㄹ closing a syllable before one opening with ㄹ is one l (블라디미르: bl-a, not blr-a).
    const doubledL = s.l === 5 && i > 0 && syllables[i - 1]!.t === 8;
    let initial = s.l === 5 ? (doubledL ? '' : liquid) : INITIAL_LOAN[s.l]!;
    let vowel = eoAsEr && s.v === 4 && s.t === 0 ? 'er' : VOWEL_LOAN[s.v]!;
    // A foreign sh is ㅅ with a y-vowel (샤 셰 쇼 슈: Shaw, Schell), z is 즈 and ts 츠 (Blatz 블래츠, Lasry 래즈리).
    if (s.l === 9 && vowel.startsWith('y')) { initial = 'sh'; vowel = vowel.slice(1); }
    if (s.v === 18 && s.t === 0 && (s.l === 12 || s.l === 14)) initial = s.l === 12 ? 'z' : 'ts';
    out += initial + vowel + (s.t === 8 ? 'l' : FINAL_LOAN[s.t]!);
  });
  return out;
}

export function romanizeHangul(part: string): string[] {
  const syl = decompose(part);
  if (syl === null) return [];
  const out: string[] = [];
  const add = (f: string): void => { if (f !== '' && !out.includes(f)) out.push(f); };
  add(rr(syl));
  add(mr(syl));
  add(loan(syl, 'l'));
  add(loan(syl, 'r'));
  // ㅓ without a final often stands for an English "er", "ar", "ur" (리처드 is Richard, 잠머 is Sammer).
  if (syl.some((x) => x.v === 4 && x.t === 0)) add(loan(syl, 'r', true));
  // A one-syllable part is usually a surname written apart: add the spellings it is carried with.
  if (syl.length === 1) for (const s of SURNAME_SPELLINGS[part] ?? []) add(s);
  return out;
}

/** The surname syllables the index splits a one-token Korean name at (박지성 → 박 + 지성). */
export function isKoreanSurname(syllable: string): boolean {
  return SURNAME_SPELLINGS[syllable] !== undefined;
}
