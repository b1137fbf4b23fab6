// The node's JSON API, as the console calls it: the session token travels in
// the Authorization header from sessionStorage (gone when the tab closes),
// never in the URL; the node's session cookie is not used (credentials: omit).

const TOKEN_KEY = 'blueline.node.session';

/** An RFC 9457 problem the node answered, or a failure to reach it at all. */
export class ApiProblem extends Error {
  /**
   * @param {{ title?: string, detail?: string, code?: string, errors?: { pointer: string, message: string }[] }} problem
   * @param {number} status
   */
  constructor(problem, status) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.title = problem.title ?? `HTTP ${status}`;
    this.detail = problem.detail ?? '';
    this.code = problem.code ?? 'unknown';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

export const session = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  /** @param {string} token */
  set: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** @type {(problem: ApiProblem) => void} */
let onSessionEnded = () => {};
/** Called when the node says the session is gone (expired, ended elsewhere). */
export function whenSessionEnds(/** @type {(problem: ApiProblem) => void} */ handler) {
  onSessionEnded = handler;
}

/**
 * Calls the node. Answers `{ data, stale }`: `stale` is set when the node
 * answered from its own copy because the hub could not be reached.
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<{ data: any, stale: { fetchedAt: string | null } | null }>}
 */
export async function api(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' };
  const token = session.get();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store' });
  } catch (error) {
    throw new ApiProblem({ title: 'The node does not answer', detail: error instanceof Error ? error.message : String(error), code: 'console.node_unreachable' }, 0);
  }
  const stale = res.headers.get('x-blueline-stale') === 'true' ? { fetchedAt: res.headers.get('x-blueline-fetched-at') } : null;
  const type = res.headers.get('content-type') ?? '';
  const data = res.status === 204 ? null : type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const problem = new ApiProblem(data && typeof data === 'object' ? data : { title: res.statusText, detail: String(data) }, res.status);
    if (res.status === 401 && token && path !== '/api/v1/session') onSessionEnded(problem);
    throw problem;
  }
  return { data, stale };
}
