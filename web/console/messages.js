// Inbox, outbox and one message. Subjects, bodies and names come from other
// agencies: they are only ever written as text.
import { api } from './api.js';
import { h, link, replace, when } from './dom.js';
import { handlingBadge, handlingText, orgLabel, priorityBadge } from './ui.js';

/** @typedef {import('./app.js').ScreenContext} ScreenContext */

const REFRESH_MS = 3000;

/**
 * Re-runs `load` every few seconds while the screen is still showing `root`.
 * @param {HTMLElement} root
 * @param {() => Promise<void>} load
 */
function keepFresh(root, load) {
  const timer = window.setInterval(() => {
    if (!root.isConnected) return window.clearInterval(timer);
    load().catch(() => {});
  }, REFRESH_MS);
}

/** @param {ScreenContext} ctx */
export async function inboxScreen({ main }) {
  const onlyUnread = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'only-unread' }));
  const body = h('tbody');
  const empty = h('p', { class: 'muted', hidden: true }, 'No messages.');
  const table = h('table', { class: 'list', id: 'inbox' },
    h('thead', {}, h('tr', {}, h('th', { 'aria-label': 'unread' }), h('th', {}, 'Priority'), h('th', {}, 'Handling'), h('th', {}, 'From'), h('th', {}, 'Subject'), h('th', {}, 'Received'))),
    body);
  const load = async () => {
    const { data } = await api('GET', `/api/v1/inbox${onlyUnread.checked ? '?unread=true' : ''}`);
    empty.hidden = data.items.length > 0;
    replace(body, data.items.map((/** @type {any} */ m) => h('tr', { class: m.readAt ? 'read' : 'unread', 'data-id': m.id },
      h('td', { class: 'marker' }, m.readAt ? '' : h('span', { class: 'dot', title: 'unread' }, '●')),
      h('td', {}, priorityBadge(m.priority)),
      h('td', {}, handlingBadge(m.handling)),
      h('td', {}, orgLabel(m.sender)),
      h('td', {}, link(`message/${encodeURIComponent(m.id)}`, m.subject ?? '(cannot be opened at this node)')),
      h('td', {}, when(m.receivedAt)))));
  };
  onlyUnread.addEventListener('change', () => void load());
  const root = h('section', {},
    h('h1', {}, 'Inbox'),
    h('div', { class: 'toolbar' }, h('label', {}, onlyUnread, ' only unread'), h('button', { type: 'button', id: 'refresh', onclick: () => void load() }, 'Refresh')),
    table, empty);
  await load();
  replace(main, root);
  keepFresh(root, load);
}

/** Where a sent message is, per recipient: delivered to their node, read by a person there. */
function receiptCell(/** @type {any} */ r) {
  const state = r.readAt ? 'read' : r.deliveredAt ? 'delivered' : 'not yet delivered';
  return h('li', { class: `receipt ${state.replace(/ /g, '-')}`, 'data-recipient': r.id },
    h('span', { class: 'org' }, orgLabel(r)), ': ',
    h('span', { class: 'state' }, state),
    r.readAt ? ` ${when(r.readAt)}${r.readBy ? ` by ${r.readBy}` : ''}` : r.deliveredAt ? ` ${when(r.deliveredAt)}` : '');
}

const OUTBOX_STATES = {
  awaiting_recipients: 'waiting for the hub to name the recipients',
  queued: 'queued at this node',
  sent: 'taken by the hub',
  failed: 'failed',
};

/** @param {ScreenContext} ctx */
export async function outboxScreen({ main }) {
  const body = h('tbody');
  const empty = h('p', { class: 'muted', hidden: true }, 'Nothing sent yet.');
  const load = async () => {
    const { data } = await api('GET', '/api/v1/outbox');
    empty.hidden = data.items.length > 0;
    replace(body, data.items.map((/** @type {any} */ m) => h('tr', { 'data-id': m.id },
      h('td', {}, priorityBadge(m.priority)),
      h('td', {}, handlingBadge(m.handling)),
      h('td', {}, link(`message/${encodeURIComponent(m.id)}`, m.subject ?? '(no subject)')),
      h('td', { class: 'state' }, OUTBOX_STATES[/** @type {keyof typeof OUTBOX_STATES} */ (m.state)] ?? m.state, m.state === 'failed' && m.failureCode ? ` (${m.failureCode})` : ''),
      h('td', {}, m.recipients.length > 0 ? h('ul', { class: 'receipts' }, m.recipients.map(receiptCell)) : '—'),
      h('td', {}, when(m.createdAt)))));
  };
  const root = h('section', {},
    h('h1', {}, 'Outbox'),
    h('div', { class: 'toolbar' }, h('button', { type: 'button', id: 'refresh', onclick: () => void load() }, 'Refresh')),
    h('table', { class: 'list', id: 'outbox' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Priority'), h('th', {}, 'Handling'), h('th', {}, 'Subject'), h('th', {}, 'State'), h('th', {}, 'Recipients: delivery and read receipts'), h('th', {}, 'Written'))),
      body),
    empty);
  await load();
  replace(main, root);
  keepFresh(root, load);
}

/** An attachment saved as a file; never shown in the page (it could be anything). */
function attachmentItem(/** @type {{ name: string, contentType: string, size: number, data: string }} */ a) {
  const save = () => {
    const bytes = Uint8Array.from(atob(a.data), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const anchor = h('a', { href: url, download: a.name });
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return h('li', {}, h('span', { class: 'name' }, a.name), ` (${a.contentType}, ${a.size.toLocaleString()} bytes) `, h('button', { type: 'button', onclick: save }, 'Save'));
}

/** One message, decrypted at this node; opening a received one tells its sender it was read. @param {ScreenContext} ctx */
export async function messageScreen({ main, params }) {
  const id = params[0] ?? '';
  const { data: m } = await api('GET', `/api/v1/messages/${encodeURIComponent(id)}`);
  const incoming = m.direction === 'in';
  const rows = [
    incoming ? ['From', orgLabel(m.sender)] : ['To', h('ul', { class: 'receipts' }, m.recipients.map(receiptCell))],
    ['Priority', priorityBadge(m.priority)],
    ['Handling', h('span', { id: 'handling' }, handlingBadge(m.handling), ' ', handlingText(m.handling))],
    ['Crime areas', m.crimeAreas.length > 0 ? m.crimeAreas.join(', ') : '—'],
    ['Case', m.caseId ? link(`case/${encodeURIComponent(m.caseId)}`, m.caseId) : '—'],
    [incoming ? 'Received' : 'Written', when(incoming ? m.receivedAt : m.createdAt)],
    ...(incoming ? [['Read', m.readAt ? `${when(m.readAt)} by ${m.readBy ?? '—'}` : '—']] : [['State', m.state]]),
  ];
  replace(main, h('article', { class: 'message', id: 'message', 'data-id': m.id },
    h('p', {}, link(incoming ? 'inbox' : 'outbox', incoming ? '← Inbox' : '← Outbox')),
    h('h1', { id: 'subject' }, m.subject),
    h('dl', { class: 'meta' }, rows.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)])),
    h('pre', { class: 'body', id: 'body' }, m.body),
    h('h2', {}, 'Attachments'),
    m.attachments.length > 0 ? h('ul', { class: 'attachments', id: 'attachments' }, m.attachments.map(attachmentItem)) : h('p', { class: 'muted' }, 'None.')));
}
