// The member node's console: sign-in, then a screen per hash route. Each
// screen is a function that fills <main> from the node's API.
import { api, ApiProblem, session, whenSessionEnds } from './api.js';
import { h, replace } from './dom.js';
import { problemBox } from './ui.js';
import { caseScreen, casesScreen } from './cases.js';
import { documentScreen, screeningScreen } from './checks.js';
import { composeScreen } from './compose.js';
import { inboxScreen, messageScreen, outboxScreen } from './messages.js';
import { linkScreen } from './link.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const main = $('main');

/** @typedef {{ main: HTMLElement, params: string[], me: any, stale: (s: { fetchedAt: string | null } | null) => void }} ScreenContext */

/** @type {Record<string, (ctx: ScreenContext) => Promise<void>>} */
const SCREENS = {
  inbox: inboxScreen,
  outbox: outboxScreen,
  message: messageScreen,
  compose: composeScreen,
  documents: documentScreen,
  screening: screeningScreen,
  cases: casesScreen,
  case: caseScreen,
  link: linkScreen,
};

/** @type {any} */
let me = null;
let linkTimer = 0;

function showBanner(/** @type {string | null} */ text) {
  const banner = $('banner');
  banner.hidden = !text;
  banner.textContent = text ?? '';
}

function signedIn(/** @type {boolean} */ yes) {
  $('top').hidden = !yes;
  $('nav').hidden = !yes;
  window.clearInterval(linkTimer);
  if (yes) {
    void refreshLink();
    linkTimer = window.setInterval(() => void refreshLink(), 10_000);
  }
}

/** The header's link pill and unread count, from GET /api/v1/link. */
async function refreshLink() {
  const pill = $('link-status');
  try {
    const { data } = await api('GET', '/api/v1/link');
    pill.textContent = data.connected ? 'hub connected' : 'hub unreachable — cached data only';
    pill.className = `pill ${data.connected ? 'link-up' : 'link-down'}`;
    pill.title = data.connected ? `last contact ${data.lastContactAt ?? '—'}` : (data.lastError ?? 'no answer from the hub');
    $('unread-count').textContent = data.inbox.unread > 0 ? String(data.inbox.unread) : '';
  } catch (error) {
    pill.textContent = error instanceof ApiProblem && error.status === 403 ? 'link: not shown to you' : 'link: unknown';
    pill.className = 'pill';
  }
}

async function route() {
  if (!session.get()) return signInScreen();
  if (!me) {
    try {
      me = (await api('GET', '/api/v1/session')).data;
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 401) return signInScreen('Your session has ended; sign in again.');
      replace(main, problemBox(error));
      return;
    }
  }
  if (me.mustChangePassword) return passwordScreen(null);
  signedIn(true);
  replace($('whoami'), h('span', { class: 'who' }, me.name), ' at ', h('span', { class: 'org' }, me.node.orgId));
  const [name = 'inbox', ...params] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const screen = SCREENS[name] ?? inboxScreen;
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('current', a.getAttribute('data-screen') === name);
  showBanner(null);
  replace(main, h('p', { class: 'muted' }, 'Loading…'));
  const stale = (/** @type {{ fetchedAt: string | null } | null} */ s) =>
    showBanner(s ? `The hub cannot be reached: this is the node's copy from ${s.fetchedAt ? new Date(s.fetchedAt).toLocaleString() : 'earlier'}.` : null);
  try {
    await screen({ main, params, me, stale });
  } catch (error) {
    // A session that ended meanwhile has already put the sign-in form up.
    if (session.get()) replace(main, problemBox(error));
  }
}

function signInScreen(/** @type {string | undefined} */ notice) {
  me = null;
  signedIn(false);
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', autofocus: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password' });
  const error = h('div', { id: 'signin-error' });
  const form = h('form', { class: 'card signin', id: 'signin' },
    h('h1', {}, 'Sign in to this node'),
    notice ? h('p', { class: 'notice' }, notice) : null,
    h('label', { for: 'username' }, 'Username'), username,
    h('label', { for: 'password' }, 'Password'), password,
    error,
    h('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    replace(error);
    const body = { username: /** @type {HTMLInputElement} */ (username).value, password: /** @type {HTMLInputElement} */ (password).value };
    api('POST', '/api/v1/session', body).then(({ data }) => {
      session.set(data.token);
      /** @type {HTMLInputElement} */ (password).value = '';
      me = null;
      if (data.user.mustChangePassword) return passwordScreen(body.password);
      if (!location.hash || location.hash === '#/') location.hash = '#/inbox';
      return route();
    }).catch((problem) => replace(error, problemBox(problem)));
  });
  replace(main, form);
}

/** A first login (or a reset) must choose a new password before anything else. */
function passwordScreen(/** @type {string | null} */ current) {
  signedIn(false);
  const currentInput = h('input', { id: 'current-password', type: 'password', autocomplete: 'current-password' });
  /** @type {HTMLInputElement} */ (currentInput).value = current ?? '';
  const fresh = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password' });
  const freshError = h('div', { class: 'field-error', id: 'new-password-error' });
  const error = h('div', { id: 'password-error' });
  const form = h('form', { class: 'card signin', id: 'change-password' },
    h('h1', {}, 'Choose your own password'),
    h('p', {}, 'This is your first sign-in with a password someone gave you. Choose a new one to continue.'),
    h('label', { for: 'current-password' }, 'Current password'), currentInput,
    h('label', { for: 'new-password' }, 'New password'), fresh, freshError,
    error,
    h('button', { type: 'submit' }, 'Change password'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    replace(error);
    replace(freshError);
    const body = { currentPassword: /** @type {HTMLInputElement} */ (currentInput).value, newPassword: /** @type {HTMLInputElement} */ (fresh).value };
    api('PUT', '/api/v1/session/password', body).then(() => {
      me = null;
      location.hash = '#/inbox';
      return route();
    }).catch((problem) => {
      const onField = problem instanceof ApiProblem ? problem.errors.filter((e) => e.pointer === '/body/newPassword') : [];
      if (onField.length > 0) replace(freshError, onField.map((e) => e.message).join('; '));
      replace(error, problemBox(problem));
    });
  });
  replace(main, form);
}

async function signOut() {
  try {
    await api('DELETE', '/api/v1/session');
  } catch {
    // The session may be gone already; signing out here still forgets it.
  }
  session.clear();
  me = null;
  location.hash = '';
  signInScreen('You are signed out.');
}

whenSessionEnds(() => {
  session.clear();
  signInScreen('Your session has ended; sign in again.');
});
$('sign-out').addEventListener('click', () => void signOut());
window.addEventListener('hashchange', () => void route());
void route();
