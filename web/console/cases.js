// Follow-up cases, through the hub (the node's copy while the hub is down).
import { api } from './api.js';
import { h, link, replace, when } from './dom.js';
import { handlingBadge, orgLabel, priorityBadge } from './ui.js';

/** @typedef {import('./app.js').ScreenContext} ScreenContext */

/** @param {ScreenContext} ctx */
export async function casesScreen({ main, me, stale }) {
  const ncb = (/** @type {string} */ id) => (id === me.node.orgId ? `${id} (this node)` : id);
  const { data, stale: copy } = await api('GET', '/api/v1/cases');
  stale(copy);
  replace(main, h('section', {}, h('h1', {}, 'Follow-up cases'),
    data.items.length === 0 ? h('p', { class: 'muted' }, 'No cases.') : h('table', { class: 'list', id: 'cases' },
      h('thead', {}, h('tr', {}, ['Case', 'Database', 'Priority', 'Status', 'Deadline', 'Owner NCB', 'Searcher NCB'].map((t) => h('th', {}, t)))),
      h('tbody', {}, data.items.map((/** @type {any} */ c) => h('tr', { class: c.overdue ? 'overdue' : '' },
        h('td', {}, link(`case/${encodeURIComponent(c.id)}`, c.id)),
        h('td', {}, c.database), h('td', {}, priorityBadge(c.priority)), h('td', {}, c.status),
        h('td', {}, when(c.deadlineAt), c.overdue ? ' (overdue)' : ''),
        h('td', {}, ncb(c.ownerNcbId)), h('td', {}, ncb(c.searcherNcbId))))))));
}

/** @param {ScreenContext} ctx */
export async function caseScreen({ main, params, stale }) {
  const id = params[0] ?? '';
  const [{ data, stale: copy }, inbox] = await Promise.all([
    api('GET', `/api/v1/cases/${encodeURIComponent(id)}`),
    api('GET', `/api/v1/inbox?caseId=${encodeURIComponent(id)}`).catch(() => ({ data: { items: [] } })),
  ]);
  stale(copy);
  const c = data.case;
  replace(main, h('article', { id: 'case' },
    h('p', {}, link('cases', '← Cases')),
    h('h1', {}, `Case ${c.id}`),
    h('dl', { class: 'meta' },
      [['Database', c.database], ['Record', c.recordId], ['Hit', c.hitId], ['Priority', priorityBadge(c.priority)], ['Status', c.status],
        ['Deadline', `${when(c.deadlineAt)}${c.overdue ? ' (overdue)' : ''}`], ['Owner NCB', c.ownerNcbId], ['Searcher NCB', c.searcherNcbId],
        ['Opened', when(c.createdAt)], ['Closed', when(c.closedAt)]].map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    h('h2', {}, 'History'),
    h('ol', { class: 'events' }, data.events.map((/** @type {any} */ e) => h('li', {}, `${when(e.at)}: ${e.from ?? 'opened'} → ${e.to} by ${e.actorId} (${e.actorOrgId})`, e.note ? ` — ${e.note}` : ''))),
    h('h2', {}, 'Messages received on this case'),
    inbox.data.items.length === 0 ? h('p', { class: 'muted' }, 'None at this node.') : h('ul', {}, inbox.data.items.map((/** @type {any} */ m) =>
      h('li', {}, handlingBadge(m.handling), ' ', link(`message/${encodeURIComponent(m.id)}`, m.subject ?? m.id), ` from ${orgLabel(m.sender)}, ${when(m.receivedAt)}`)))));
}
