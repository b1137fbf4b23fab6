// Compose: the request POST /api/v1/messages takes, built from the form as it
// stands. The console adds no rules of its own: what the node refuses comes
// back as a problem whose field errors are shown next to their fields.
import { api, ApiProblem } from './api.js';
import { h, link, replace } from './dom.js';
import { HANDLING, orgLabel, problemBox, showFieldErrors } from './ui.js';

/** @typedef {import('./app.js').ScreenContext} ScreenContext */

/** The crime areas a message may name (src/messaging/schema.ts, CRIME_AREAS). */
export const CRIME_AREAS = [
  'maritime-piracy', 'counter-terrorism', 'major-events', 'cybercrime', 'child-sexual-exploitation',
  'drugs', 'human-trafficking', 'firearms', 'financial-crime', 'organised-crime', 'fugitives',
  'environmental-crime', 'cultural-property', 'vehicle-crime', 'other',
];

/** INTERPOL's five regions, as the audience of a diffusion names them. */
const REGIONS = ['africa', 'americas', 'asia-south-pacific', 'europe', 'middle-east-north-africa'];

const field = (/** @type {string} */ name) => h('div', { class: 'field-error', id: `error-${name}` });
const value = (/** @type {Element} */ el) => /** @type {HTMLInputElement} */ (el).value;

/**
 * The organisations a message can reach, from the network's directory (the
 * hub's, through the node; its last copy while the hub is down), and those
 * this node has exchanged messages with: the suggestions for the recipients
 * field, by name, country and kind.
 */
async function knownOrganisations() {
  /** @type {Map<string, string>} */
  const known = new Map();
  try {
    const directory = await api('GET', '/api/v1/directory?limit=1000');
    for (const a of directory.data.items) known.set(a.id, `${a.name} — ${a.country ?? ''} ${a.kind === 'ncb' ? 'NCB' : 'agency'}`);
  } catch {
    // Suggestions only: the form works without them.
  }
  try {
    const [inbox, outbox] = await Promise.all([api('GET', '/api/v1/inbox?limit=200'), api('GET', '/api/v1/outbox?limit=200')]);
    for (const m of inbox.data.items) if (!known.has(m.sender.id)) known.set(m.sender.id, orgLabel(m.sender));
    for (const m of outbox.data.items) for (const r of m.recipients) if (!known.has(r.id)) known.set(r.id, orgLabel(r));
  } catch {
    // As above.
  }
  return known;
}

/** @param {File} file */
function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/** @param {ScreenContext} _ctx */
export async function composeScreen(_ctx) {
  const known = await knownOrganisations();
  const main = _ctx.main;
  const kind = h('select', { id: 'audience-kind', name: 'audience-kind' },
    h('option', { value: 'agencies' }, 'organisations (type a name)'),
    h('option', { value: 'region' }, 'a region\'s NCBs'),
    h('option', { value: 'all' }, 'all NCBs'),
    h('option', { value: 'project' }, 'an operational project\'s members'));
  const ids = h('input', { id: 'recipients', name: 'recipients', list: 'known-orgs', placeholder: 'type a name or country, pick; several separated by commas or spaces', size: 60 });
  const datalist = h('datalist', { id: 'known-orgs' }, [...known].map(([id, label]) => h('option', { value: id }, label)));
  const region = h('select', { id: 'region', name: 'region' }, REGIONS.map((r) => h('option', { value: r }, r)));
  const project = h('input', { id: 'project', name: 'project', placeholder: 'project id' });
  const audienceParts = { agencies: h('span', {}, ids, datalist), region: h('span', {}, region), all: h('span', {}), project: h('span', {}, project) };
  const showAudience = () => {
    for (const [name, el] of Object.entries(audienceParts)) el.hidden = name !== value(kind);
  };
  kind.addEventListener('change', showAudience);

  const priority = h('select', { id: 'priority', name: 'priority' }, ['routine', 'urgent', 'flash'].map((p) => h('option', { value: p }, p)));
  const handlingRadios = Object.entries(HANDLING).map(([code, meaning]) =>
    h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'handling', value: code, checked: code === 'H0' }), ` ${code} — ${meaning}`));
  const restriction = h('textarea', { id: 'restriction', name: 'restriction', rows: 2, placeholder: 'the restriction, as the recipients must read it' });
  const restrictionRow = h('div', { class: 'row', hidden: true }, h('label', { for: 'restriction' }, 'H3 restriction'), restriction);
  const handlingCode = () => /** @type {HTMLInputElement | null} */ (document.querySelector('input[name=handling]:checked'))?.value ?? 'H0';
  const crime = CRIME_AREAS.map((area) => h('label', { class: 'choice inline' }, h('input', { type: 'checkbox', name: 'crimeArea', value: area }), ` ${area}`));
  const caseId = h('input', { id: 'case-id', name: 'caseId', placeholder: 'optional: cas_…' });
  const subject = h('input', { id: 'subject', name: 'subject', size: 60 });
  const body = h('textarea', { id: 'body', name: 'body', rows: 10 });
  const files = /** @type {HTMLInputElement} */ (h('input', { id: 'attachments', type: 'file', multiple: true }));
  const result = h('div', { id: 'compose-result' });

  const errors = {
    '/body/audience': field('audience'), '/body/priority': field('priority'), '/body/handling': field('handling'),
    '/body/handling/restriction': field('restriction'), '/body/crimeAreas': field('crimeAreas'), '/body/caseId': field('caseId'),
    '/body/subject': field('subject'), '/body/body': field('body'), '/body/attachments': field('attachments'),
  };
  restrictionRow.append(errors['/body/handling/restriction']);

  const form = h('form', { id: 'compose', class: 'card compose' },
    h('h1', {}, 'Compose'),
    h('div', { class: 'row' }, h('label', { for: 'audience-kind' }, 'To'), h('div', {}, kind, ' ', Object.values(audienceParts), errors['/body/audience'])),
    h('div', { class: 'row' }, h('label', { for: 'priority' }, 'Priority'), h('div', {}, priority, errors['/body/priority'])),
    h('fieldset', { class: 'row' }, h('legend', {}, 'Handling code'), handlingRadios, errors['/body/handling']),
    restrictionRow,
    h('fieldset', { class: 'row' }, h('legend', {}, 'Crime areas'), h('div', { class: 'choices' }, crime), errors['/body/crimeAreas']),
    h('div', { class: 'row' }, h('label', { for: 'case-id' }, 'Case'), h('div', {}, caseId, errors['/body/caseId'])),
    h('div', { class: 'row' }, h('label', { for: 'subject' }, 'Subject'), h('div', {}, subject, errors['/body/subject'])),
    h('div', { class: 'row' }, h('label', { for: 'body' }, 'Message'), h('div', {}, body, errors['/body/body'])),
    h('div', { class: 'row' }, h('label', { for: 'attachments' }, 'Attachments'), h('div', {}, files, errors['/body/attachments'])),
    result,
    h('button', { type: 'submit', id: 'send' }, 'Seal and send'));
  form.addEventListener('change', () => {
    restrictionRow.hidden = handlingCode() !== 'H3';
  });

  const audience = () => {
    switch (value(kind)) {
      case 'region': return { kind: 'region', region: value(region) };
      case 'all': return { kind: 'all' };
      case 'project': return { kind: 'project', projectId: value(project).trim() };
      default: return { kind: 'agencies', ids: value(ids).split(/[\s,;]+/).filter(Boolean) };
    }
  };

  /**
   * The audience is one of four shapes, and the API answers an error for each shape the
   * request is not; keep those about the shape that was sent, when there are any.
   * @param {ApiProblem} problem
   */
  const ownBranch = (problem) => {
    const property = { agencies: 'ids', region: 'region', project: 'projectId' }[/** @type {'agencies'} */ (value(kind))];
    const isAudience = (/** @type {{ pointer: string }} */ e) => e.pointer === '/body/audience' || e.pointer.startsWith('/body/audience/');
    const mine = problem.errors.filter((e) => isAudience(e) && e.pointer === `/body/audience/${property}` && !/additional propert/.test(e.message));
    if (mine.length === 0) return problem;
    const kept = new ApiProblem({ title: problem.title, detail: problem.detail, code: problem.code, errors: [...problem.errors.filter((e) => !isAudience(e)), ...mine] }, problem.status);
    return kept;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    replace(result);
    const send = /** @type {HTMLButtonElement} */ (form.querySelector('#send'));
    send.disabled = true;
    (async () => {
      const attachments = await Promise.all([...(files.files ?? [])].map(async (f) => ({ name: f.name, contentType: f.type || 'application/octet-stream', data: await readBase64(f) })));
      const code = handlingCode();
      const request = {
        audience: audience(),
        priority: value(priority),
        handling: code === 'H3' && value(restriction) !== '' ? { code, restriction: value(restriction) } : { code },
        crimeAreas: [...form.querySelectorAll('input[name=crimeArea]:checked')].map((el) => /** @type {HTMLInputElement} */ (el).value),
        ...(value(caseId).trim() ? { caseId: value(caseId).trim() } : {}),
        subject: value(subject),
        body: value(body),
        ...(attachments.length > 0 ? { attachments } : {}),
      };
      const { data } = await api('POST', '/api/v1/messages', request);
      showFieldErrors(new ApiProblem({}, 0), errors);
      replace(result, h('div', { class: 'ok', role: 'status' },
        'Sealed and written to the outbox as ', h('code', {}, data.id), '. ',
        data.unreachable.length > 0 ? `No key for: ${data.unreachable.join(', ')}. ` : '',
        link('outbox', 'See the outbox')));
      /** @type {HTMLFormElement} */ (form).reset();
      showAudience();
      restrictionRow.hidden = true;
    })().catch((problem) => {
      const rest = problem instanceof ApiProblem ? showFieldErrors(ownBranch(problem), errors) : [];
      replace(result, problemBox(problem), rest.length > 0 ? h('ul', {}, rest.map((e) => h('li', {}, `${e.pointer}: ${e.message}`))) : null);
    }).finally(() => {
      send.disabled = false;
    });
  });

  replace(main, form);
  showAudience();
}
