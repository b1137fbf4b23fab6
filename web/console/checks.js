// A document check and a person screening, through the node's proxy to the hub.
// A hit is a lead, not a decision: the hub's instruction is shown with it.
import { api, ApiProblem } from './api.js';
import { h, link, replace } from './dom.js';
import { problemBox, showFieldErrors } from './ui.js';

/** @typedef {import('./app.js').ScreenContext} ScreenContext */

const value = (/** @type {Element} */ el) => /** @type {HTMLInputElement} */ (el).value.trim();
const REMINDER = 'Do not act on the hit alone: confirm it with the owner\'s NCB through the follow-up case first.';

function instructionBox(/** @type {string | undefined} */ instruction) {
  return h('div', { class: 'instruction', role: 'note' }, h('strong', {}, 'Instruction: '), instruction ?? REMINDER);
}

/**
 * A form with labelled inputs and a place for its answer. `fields` maps each
 * input's id to [label, element]; field errors are looked up by /body/<id>.
 * @param {string} id
 * @param {string} title
 * @param {[string, string, HTMLElement][]} fields
 * @param {string} button
 * @param {(out: HTMLElement) => Promise<void>} run
 */
function searchForm(id, title, fields, button, run) {
  const out = h('div', { id: `${id}-result` });
  /** @type {Record<string, HTMLElement>} */
  const errors = {};
  const form = h('form', { id, class: 'card' }, h('h1', {}, title),
    fields.map(([name, label, el]) => {
      errors[`/body/${name}`] = h('div', { class: 'field-error', id: `error-${name}` });
      return h('div', { class: 'row' }, h('label', { for: el.id }, label), h('div', {}, el, errors[`/body/${name}`]));
    }),
    h('button', { type: 'submit' }, button));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    replace(out, h('p', { class: 'muted' }, 'Asking the hub…'));
    showFieldErrors(new ApiProblem({}, 0), errors);
    run(out).catch((problem) => {
      const rest = problem instanceof ApiProblem ? showFieldErrors(problem, errors) : [];
      replace(out, problemBox(problem), rest.length > 0 ? h('ul', {}, rest.map((e) => h('li', {}, `${e.pointer}: ${e.message}`))) : null);
    });
  });
  return h('section', {}, form, out);
}

/** @param {ScreenContext} ctx */
export async function documentScreen({ main }) {
  const number = h('input', { id: 'doc-number', autocomplete: 'off' });
  const state = h('input', { id: 'doc-state', size: 4, placeholder: 'e.g. GBR' });
  const mrz = h('textarea', { id: 'doc-mrz', rows: 3, cols: 46, class: 'mono', placeholder: 'or the whole MRZ, as read' });
  const location = h('input', { id: 'doc-location', placeholder: 'e.g. the border point' });
  replace(main, searchForm('document-check', 'Check a travel document', [
    ['number', 'Document number', number], ['issuingState', 'Issuing state', state], ['mrz', 'MRZ', mrz], ['location', 'Where', location],
  ], 'Check', async (out) => {
    const request = {
      ...(value(number) ? { number: value(number) } : {}),
      ...(value(state) ? { issuingState: value(state) } : {}),
      ...(value(mrz) ? { mrz: value(mrz) } : {}),
      ...(value(location) ? { location: value(location) } : {}),
    };
    const { data } = await api('POST', '/api/v1/documents/search', request);
    if (data.outcome !== 'hit') {
      replace(out, h('div', { class: 'ok outcome', role: 'status' }, 'No hit', data.query ? ` for ${data.query.number}${data.query.issuingState ? ` (${data.query.issuingState})` : ''}` : '', '.'));
      return;
    }
    replace(out, h('div', { class: 'hit outcome', role: 'alert' }, 'HIT'), instructionBox(data.instruction),
      h('table', { class: 'list', id: 'document-hits' },
        h('thead', {}, h('tr', {}, ['Document', 'Status', 'Reported', 'Owner', 'Match', 'Case'].map((t) => h('th', {}, t)))),
        h('tbody', {}, data.hits.map((/** @type {any} */ hit) => h('tr', {},
          h('td', {}, `${hit.documentType} ${hit.number} (${hit.issuingState})`),
          h('td', {}, hit.status),
          h('td', {}, hit.reportedOn),
          h('td', {}, hit.ownerCountry),
          h('td', {}, hit.match.kind.replace(/_/g, ' '),
            hit.match.differences.length > 0 ? ` — read ${hit.match.differences.map((/** @type {any} */ d) => `${d.read}→${d.recorded} at ${d.position}`).join(', ')}` : '',
            hit.match.range ? ` — range ${hit.match.range.from}–${hit.match.range.to}` : ''),
          h('td', {}, hit.caseId ? link(`case/${encodeURIComponent(hit.caseId)}`, hit.caseId) : '—'))))));
  }));
}

function candidateView(/** @type {any} */ c) {
  const x = c.explanation;
  const names = c.person.names.map((/** @type {any} */ n) => [n.family, n.given].filter(Boolean).join(', ') || JSON.stringify(n)).join(' / ');
  return h('li', { class: c.hit ? 'candidate is-hit' : 'candidate' },
    h('div', {}, h('strong', { class: 'score' }, c.score.toFixed(2)), c.hit ? h('span', { class: 'badge priority-flash' }, 'hit') : '', ' ', names,
      ` — born ${c.person.birthDate ?? 'unknown'}, ${c.person.nationalities.join(', ') || 'nationality unknown'}, record of ${c.person.ownerCountry}`),
    c.notices.length > 0 ? h('div', {}, 'Seen through: ', c.notices.map((/** @type {any} */ n) => `${n.kind} ${n.type}: ${n.summary}`).join('; ')) : '',
    c.caseId ? h('div', {}, 'Case: ', link(`case/${encodeURIComponent(c.caseId)}`, c.caseId)) : '',
    h('details', {}, h('summary', {}, 'Why this candidate'),
      h('ul', {},
        h('li', {}, `name score ${x.nameScore.toFixed(2)}`),
        x.matches.map((/** @type {any} */ m) => h('li', {}, `${m.query} ↔ ${m.record}: ${m.method} (${m.score.toFixed(2)}, via ${m.via})`)),
        x.unmatchedQuery.length > 0 ? h('li', {}, `not matched in the query: ${x.unmatchedQuery.join(', ')}`) : '',
        x.unmatchedRecord.length > 0 ? h('li', {}, `not matched in the record: ${x.unmatchedRecord.join(', ')}`) : '',
        h('li', {}, `birth date: ${x.birthDate.agreement} — ${x.birthDate.detail}`),
        x.commonName ? h('li', {}, `common name: at least ${x.commonName.namesakes} namesakes, score × ${x.commonName.factor}`) : '',
        h('li', {}, `sex: ${x.sex}; nationality: ${x.nationality}`))));
}

/** @param {ScreenContext} ctx */
export async function screeningScreen({ main }) {
  const names = h('textarea', { id: 'names', rows: 3, placeholder: 'one name a line: the name, then other spellings or aliases' });
  const birthDate = h('input', { id: 'birth-date', placeholder: 'YYYY-MM-DD, YYYY-MM or YYYY' });
  const sex = h('select', { id: 'sex' }, h('option', { value: '' }, '—'), ['M', 'F', 'X'].map((s) => h('option', { value: s }, s)));
  const nationality = h('input', { id: 'nationality', size: 4, placeholder: 'e.g. FRA' });
  const location = h('input', { id: 'screen-location', placeholder: 'e.g. the border point' });
  replace(main, searchForm('person-screening', 'Screen a person', [
    ['names', 'Names', names], ['birthDate', 'Birth date', birthDate], ['sex', 'Sex', sex], ['nationality', 'Nationality', nationality], ['location', 'Where', location],
  ], 'Screen', async (out) => {
    const request = {
      names: /** @type {HTMLTextAreaElement} */ (names).value.split('\n').map((n) => n.trim()).filter(Boolean),
      ...(value(birthDate) ? { birthDate: value(birthDate) } : {}),
      ...(value(sex) ? { sex: value(sex) } : {}),
      ...(value(nationality) ? { nationality: value(nationality) } : {}),
      ...(value(location) ? { location: value(location) } : {}),
    };
    const { data } = await api('POST', '/api/v1/persons/screen', request);
    const outcome = { hit: 'HIT', possible_match: 'Possible match', no_hit: 'No hit' }[/** @type {'hit'} */ (data.outcome)] ?? data.outcome;
    replace(out, h('div', { class: `${data.outcome === 'no_hit' ? 'ok' : 'hit'} outcome`, role: 'status' }, outcome),
      data.outcome === 'no_hit' ? '' : instructionBox(data.instruction),
      h('ol', { class: 'candidates', id: 'candidates' }, data.candidates.map(candidateView)));
  }));
}
