// Building the page. Every string given here becomes text (textContent or an
// attribute value), never markup: message text comes from other agencies and
// is untrusted. There is deliberately no helper that takes HTML.

/**
 * An element with attributes, listeners (`onclick` and the like) and children
 * (nodes, strings, numbers; null, undefined and false are skipped).
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {...unknown} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    else if (name === 'class') el.className = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/**
 * @param {Node} parent
 * @param {unknown[]} children
 */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Empties an element and fills it again.
 * @param {Element} el
 * @param {...unknown} children
 */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/**
 * A date and time as the officer's browser shows them, or a dash.
 * @param {string | null | undefined} iso
 */
export function when(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A link inside the console; `route` is built by the console from ids, never taken from a message. */
export function link(/** @type {string} */ route, /** @type {unknown[]} */ ...children) {
  return h('a', { href: `#/${route}` }, ...children);
}
