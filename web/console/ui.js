// Pieces shared by the screens: problems, field errors, labels.
import { ApiProblem } from './api.js';
import { h, replace } from './dom.js';

/** A problem as an officer reads it: what went wrong, the detail, the code to quote. */
export function problemBox(/** @type {unknown} */ error) {
  if (error instanceof ApiProblem) {
    return h('div', { class: 'error', role: 'alert' },
      h('strong', {}, error.title), error.detail && error.detail.toLowerCase() !== error.title.toLowerCase() ? ` — ${error.detail}` : '',
      h('span', { class: 'code' }, ` (${error.code})`));
  }
  return h('div', { class: 'error', role: 'alert' }, h('strong', {}, 'Something went wrong in the console'), ` — ${String(error)}`);
}

/**
 * Shows each of a problem's field errors next to its field: `fields` maps a
 * JSON pointer prefix (as the API names it, e.g. /body/subject) to the element
 * that holds that field's message; the longest prefix wins. Answers the errors
 * no field took.
 * @param {ApiProblem} problem
 * @param {Record<string, HTMLElement>} fields
 */
export function showFieldErrors(problem, fields) {
  for (const el of Object.values(fields)) replace(el);
  const prefixes = Object.keys(fields).sort((a, b) => b.length - a.length);
  const rest = [];
  /** @type {Map<string, { pointer: string, message: string }[]>} */
  const byField = new Map();
  for (const error of problem.errors) {
    const prefix = prefixes.find((p) => error.pointer === p || error.pointer.startsWith(`${p}/`));
    if (prefix === undefined) rest.push(error);
    else byField.set(prefix, [...(byField.get(prefix) ?? []), error]);
  }
  for (const [prefix, errors] of byField) {
    // A field that is one of several shapes (the audience) gets an error for every shape it is not;
    // when the API named something inside the field, those are the errors that say what to fix.
    const inside = errors.filter((e) => e.pointer !== prefix);
    for (const error of inside.length > 0 ? inside : errors) {
      const within = error.pointer === prefix ? '' : `${error.pointer.slice(prefix.length + 1)}: `;
      fields[prefix]?.append(h('span', { class: 'field-error-item' }, within, error.message));
    }
  }
  return rest;
}

/** What each handling code means (issue 4, the network's rules). */
export const HANDLING = {
  H0: 'Use for crime prevention and investigation only.',
  H1: 'Not for use in court without the owner\'s permission.',
  H2: 'No onward transmission without the owner\'s permission.',
  H3: 'Other restrictions, stated by the sender.',
};

export function handlingText(/** @type {{ code: string, restriction?: string }} */ handling) {
  const meaning = HANDLING[/** @type {keyof typeof HANDLING} */ (handling.code)] ?? 'Unknown handling code: ask the sender.';
  return handling.restriction ? `${meaning} Restriction: ${handling.restriction}` : meaning;
}

export function priorityBadge(/** @type {string} */ priority) {
  return h('span', { class: `badge priority-${priority === 'flash' || priority === 'urgent' ? priority : 'routine'}` }, priority);
}

export function handlingBadge(/** @type {{ code: string, restriction?: string }} */ handling) {
  return h('span', { class: 'badge handling', title: handlingText(handling) }, handling.code);
}

/** An organisation as the node knows it: its name when it has one, and its id. */
export function orgLabel(/** @type {{ id: string, name: string | null }} */ org) {
  return org.name ? `${org.name} (${org.id})` : org.id;
}
