/**
 * The name field: primary identifier, `<<`, secondary identifiers; the
 * components of each separated by a single `<`; fillers to the end.
 *
 * Strict reading: letters and `<` only; the primary identifier must not be
 * empty; after the `<<` the secondary identifiers must not begin with `<` or
 * hold another `<<`. A name whose last position is a letter fills the field
 * and may have been truncated; Doc 9303 gives no other mark of truncation.
 */

export type ParsedName =
  | { readonly ok: true; readonly primary: string; readonly secondary: string; readonly truncated: boolean }
  | { readonly ok: false; readonly problem: string; readonly offset: number };

export function parseName(field: string): ParsedName {
  const bad = field.search(/[^A-Z<]/);
  if (bad >= 0) return { ok: false, problem: `'${field.charAt(bad)}' is not allowed in a name (letters and '<' only)`, offset: bad };
  if (field.startsWith('<')) return { ok: false, problem: 'the primary identifier is empty', offset: 0 };
  const truncated = !field.endsWith('<');
  const name = field.replace(/<+$/, '');
  const split = name.indexOf('<<');
  const primary = split < 0 ? name : name.slice(0, split);
  const secondary = split < 0 ? '' : name.slice(split + 2);
  if (secondary.startsWith('<')) {
    return { ok: false, problem: 'three or more fillers between the primary and secondary identifiers', offset: split + 2 };
  }
  const extra = secondary.indexOf('<<');
  if (extra >= 0) {
    return { ok: false, problem: "'<<' inside the secondary identifiers (components are separated by a single '<')", offset: split + 2 + extra };
  }
  return { ok: true, primary: primary.replaceAll('<', ' '), secondary: secondary.replaceAll('<', ' '), truncated };
}

function components(identifiers: string, what: string): string {
  if (!/^[A-Z ]*$/.test(identifiers)) throw new RangeError(`${what} '${identifiers}' must be upper-case letters A-Z and spaces`);
  return identifiers.split(' ').filter((c) => c !== '').join('<');
}

/**
 * The name field for `width` positions. Longer names are cut at the width
 * (a simplification of Doc 9303's truncation rules, which are for issuers).
 */
export function formatName(primaryIdentifier: string, secondaryIdentifiers: string, width: number): string {
  const primary = components(primaryIdentifier, 'primary identifier');
  const secondary = components(secondaryIdentifiers, 'secondary identifiers');
  if (primary === '') throw new RangeError('the primary identifier must not be empty');
  const name = secondary === '' ? primary : `${primary}<<${secondary}`;
  return name.slice(0, width).padEnd(width, '<');
}
