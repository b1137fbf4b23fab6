/**
 * Greek → Latin: ELOT 743 (the Greek passport standard), a phonetic form
 * (η, υ, ει, οι all i; χ h; αι e) and the classical form (β b, η e, χ ch,
 * φ ph, ου ou). Input has its accents removed already and σ for ς.
 */

type System = 'elot' | 'phonetic' | 'classical';

const DIGRAPHS: Readonly<Record<System, Readonly<Record<string, string>>>> = {
  elot: { αι: 'ai', ει: 'ei', οι: 'oi', ου: 'ou', αυ: 'av', ευ: 'ev', ηυ: 'iv', μπ: 'mp', ντ: 'nt', γκ: 'gk', γγ: 'ng', γχ: 'nch', γξ: 'nx', τσ: 'ts', τζ: 'tz' },
  phonetic: { αι: 'e', ει: 'i', οι: 'i', ου: 'u', αυ: 'af', ευ: 'ef', ηυ: 'if', μπ: 'b', ντ: 'd', γκ: 'g', γγ: 'ng', γχ: 'nh', γξ: 'nx', τσ: 'ts', τζ: 'dz' },
  classical: { αι: 'ae', ει: 'ei', οι: 'oe', ου: 'ou', αυ: 'au', ευ: 'eu', ηυ: 'eu', μπ: 'mp', ντ: 'nt', γκ: 'nk', γγ: 'ng', γχ: 'nch', γξ: 'nx', τσ: 'ts', τζ: 'tz' },
};

const SINGLE: Readonly<Record<System, Readonly<Record<string, string>>>> = {
  elot: { α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o' },
  phonetic: { α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'ks', ο: 'o', π: 'p', ρ: 'r', σ: 's', τ: 't', υ: 'i', φ: 'f', χ: 'h', ψ: 'ps', ω: 'o' },
  classical: { α: 'a', β: 'b', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'e', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', τ: 't', υ: 'y', φ: 'ph', χ: 'ch', ψ: 'ps', ω: 'o' },
};

function romanizeWith(word: string, system: System): string {
  const chars = Array.from(word.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').replace(/ς/gu, 'σ'));
  const digraphs = DIGRAPHS[system];
  const single = SINGLE[system];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const two = `${chars[i]!}${chars[i + 1] ?? ''}`;
    const d = digraphs[two];
    if (d !== undefined) {
      // In ELOT μπ and ντ are b and d at the start of a word.
      if (system === 'elot' && i === 0 && (two === 'μπ' || two === 'ντ')) out += two === 'μπ' ? 'b' : 'd';
      else out += d;
      i++;
      continue;
    }
    out += single[chars[i]!] ?? (/[a-z]/u.test(chars[i]!) ? chars[i]! : '');
  }
  return out;
}

export function romanizeGreek(part: string): string[] {
  const out: string[] = [];
  for (const s of ['elot', 'phonetic', 'classical'] as const) {
    const form = romanizeWith(part, s);
    if (form !== '' && !out.includes(form)) out.push(form);
  }
  return out;
}
