// The node's link to the hub: whether it answers, and what waits to be sent.
import { api } from './api.js';
import { h, replace, when } from './dom.js';

/** @typedef {import('./app.js').ScreenContext} ScreenContext */

/** @param {ScreenContext} ctx */
export async function linkScreen({ main }) {
  const { data } = await api('GET', '/api/v1/link');
  const rows = [
    ['Organisation', data.orgId], ['Hub', data.hubUrl],
    ['Last contact', when(data.lastContactAt)], ['Last failure', when(data.lastFailureAt)], ['Last error', data.lastError ?? '—'],
    ['Certificate valid until', when(data.certificateNotAfter)],
    ['Outbox', `${data.outbox.depth} waiting (${data.outbox.queued} queued, ${data.outbox.awaitingRecipients} awaiting recipients), ${data.outbox.sent} sent, ${data.outbox.failed} failed`],
    ['Inbox', `${data.inbox.total} messages, ${data.inbox.unread} unread`],
  ];
  replace(main, h('section', { id: 'link' },
    h('h1', {}, 'Link to the hub'),
    h('p', { class: `outcome ${data.connected ? 'ok' : 'hit'}`, id: 'link-state' },
      data.connected ? 'Connected to the hub.' : 'The hub cannot be reached. Messages already here can be read; new ones wait in the outbox; searches and cases show the node\'s last copy.'),
    h('dl', { class: 'meta' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))));
}
