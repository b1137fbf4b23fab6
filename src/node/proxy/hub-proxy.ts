import type { Clock } from '../../core/clock.js';
import type { NodePrincipal } from '../accounts/principal.js';
import { onBehalfOf } from '../accounts/principal.js';
import type { LocalAudit } from '../audit/local-audit.js';
import { NodeError } from '../errors.js';
import { HubUnreachable, type HubClient } from '../link/hub-client.js';
import type { NodeDatabase } from '../storage/open.js';

export const ON_BEHALF_OF_HEADER = 'x-blueline-on-behalf-of';
/** Set on an answer the node gave from its own copy because the hub could not be reached. */
export const STALE_HEADER = 'x-blueline-stale';
export const FETCHED_AT_HEADER = 'x-blueline-fetched-at';

export interface ProxiedAnswer {
  status: number;
  contentType: string;
  body: Buffer;
  headers: Record<string, string>;
}

/** The hub's answers that mean "not now" rather than "no": a stale copy is better than those. */
const UNAVAILABLE = new Set([502, 503, 504]);

/**
 * Passes the node's people's and systems' requests for the hub's shared
 * services (searches, hits, cases) to the hub over the node's mTLS link, as
 * the node's organisation, naming who asked (X-Blueline-On-Behalf-Of). The
 * last answer to each GET is kept, so what the node has read before can be
 * read again while the hub is down: such an answer carries
 * `X-Blueline-Stale: true`, `X-Blueline-Fetched-At` and `Age`.
 */
export class HubProxy {
  constructor(
    private readonly database: NodeDatabase,
    private readonly hub: HubClient,
    private readonly audit: LocalAudit,
    private readonly clock: Clock,
  ) {}

  async forward(p: NodePrincipal, method: string, url: string, body: unknown): Promise<ProxiedAnswer> {
    const path = url.split('?')[0] ?? url;
    const cacheable = method === 'GET';
    let answer: ProxiedAnswer | undefined;
    let unreachable: string | undefined;
    try {
      const res = await this.hub.request(method, url, { headers: { [ON_BEHALF_OF_HEADER]: onBehalfOf(p) }, ...(body === undefined ? {} : { body }) });
      if (cacheable && UNAVAILABLE.has(res.status)) unreachable = `the hub answered ${res.status}`;
      else if (res.status === 401) {
        // The hub refuses the node itself (its certificate): not the caller's credentials, which are the node's own.
        const code = res.problemCode() ?? 'unknown';
        await this.database.transaction((trx) => this.audit.record(trx, p, { action: 'hub.request', resourceType: 'hub', resourceId: path, outcome: 'failure', details: { method, path, status: 401, code } }));
        throw new NodeError('node.hub_refused', `the hub refused this node (${code}); its administrator should check the node's certificate`);
      } else answer = { status: res.status, contentType: String(res.headers['content-type'] ?? 'application/json'), body: res.body, headers: {} };
    } catch (error) {
      if (!(error instanceof HubUnreachable)) throw error;
      unreachable = error.message;
    }
    const now = this.clock.now();
    if (answer && cacheable && answer.status === 200) {
      const row = { key: url, status: answer.status, content_type: answer.contentType, body: answer.body, fetched_at: now.toISOString() };
      await this.database.db.insertInto('hub_cache').values(row).onConflict((c) => c.column('key').doUpdateSet(row)).execute();
    }
    if (!answer && cacheable) {
      const cached = await this.database.db.selectFrom('hub_cache').selectAll().where('key', '=', url).executeTakeFirst();
      if (cached) {
        const age = Math.max(0, Math.floor((now.getTime() - new Date(cached.fetched_at).getTime()) / 1000));
        answer = { status: cached.status, contentType: cached.content_type, body: cached.body, headers: { [STALE_HEADER]: 'true', [FETCHED_AT_HEADER]: cached.fetched_at, age: String(age) } };
      }
    }
    await this.database.transaction((trx) =>
      this.audit.record(trx, p, {
        action: 'hub.request', resourceType: 'hub', resourceId: path, outcome: answer && answer.status < 400 ? 'success' : 'failure',
        details: { method, path, status: answer?.status ?? null, ...(answer?.headers[STALE_HEADER] ? { stale: true } : {}), ...(unreachable ? { unreachable } : {}) },
      }),
    );
    if (answer) return answer;
    if (cacheable) throw new NodeError('node.no_stale_copy', `the hub cannot be reached (${unreachable ?? 'no answer'}) and this node never read ${path} before`);
    throw new NodeError('node.hub_unreachable', `the hub cannot be reached: ${unreachable ?? 'no answer'}`);
  }
}
