import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access/permissions.js';
import type { SearchResult } from '../documents/schema.js';
import { startTestHub, type TestHub } from '../hub/testing.js';
import type { Organisation } from '../registry/organisations/schema.js';
import { testBackend } from '../storage/testing.js';
import type { Case, Hit } from './schema.js';
import { ncbOf, ok } from '../hub/test-support.js';

interface Sse {
  event: string;
  data: unknown;
}

/** A notification stream read over real HTTP: its events as they come, and whether it ended. */
class Stream {
  readonly events: Sse[] = [];
  readonly comments: string[] = [];
  ended = false;
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];
  private reading: Promise<void> = Promise.resolve();

  static async open(base: string, token: string): Promise<{ stream: Stream; response: Response }> {
    const stream = new Stream();
    const response = await fetch(`${base}/api/v1/notifications`, { headers: { authorization: `Bearer ${token}` }, signal: stream.controller.signal });
    if (response.ok && response.body) {
      stream.reading = stream.read(response.body);
      await stream.until(() => stream.comments.includes('connected'), 1000);
    }
    return { stream, response };
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        this.wake();
      }
    } catch (error) {
      if (!this.controller.signal.aborted) throw error;
    } finally {
      this.ended = true;
      this.wake();
    }
  }

  private parse(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('event: ')) event = line.slice('event: '.length);
      else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
    }
    if (data.length > 0) this.events.push({ event, data: JSON.parse(data.join('\n')) as unknown });
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((w) => w());
  }

  /** Resolves once `check` holds; fails after `ms`. */
  async until(check: () => boolean, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`not within ${ms} ms; events so far: ${JSON.stringify(this.events.map((e) => e.event))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The next events, `count` of them, after the `seen` first ones; within a second. */
  async next(seen: number, count = 1): Promise<Sse[]> {
    await this.until(() => this.events.length >= seen + count, 1000);
    return this.events.slice(seen, seen + count);
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.reading;
  }
}

type HitEventData = { hit: Hit; case: Case | null };

/**
 * The live notification stream (server-sent events) over a real socket: each
 * NCB hears of the hits and case changes that concern it, at once, and of
 * nothing else.
 */
describe(`notifications on ${testBackend}`, () => {
  let hub: TestHub;
  let closed = false;
  let base: string;
  let gbNcb: Organisation;
  let frNcb: Organisation;
  let deNcb: Organisation;
  let frAgency: Organisation;
  const t = { gbOp: '', frOp: '', deOp: '', frOfficer: '', frAgencyOfficer: '', deOfficer: '' };
  const streams: Stream[] = [];

  const asAdmin = (options: Parameters<TestHub['call']>[1]) => hub.call(hub.adminToken, options);

  async function person(orgId: string, username: string, roles: Role[]): Promise<string> {
    const { initialPassword } = await ok<{ initialPassword: string }>(asAdmin({ method: 'POST', url: `/api/v1/organisations/${orgId}/users`, payload: { username, displayName: username, roles } }), 201);
    return hub.login(username, initialPassword);
  }

  async function search(token: string, number: string): Promise<SearchResult> {
    return ok<SearchResult>(hub.call(token, { method: 'POST', url: '/api/v1/documents/search', payload: { number, issuingState: 'GBR', location: 'Calais' } }));
  }

  async function open(token: string): Promise<Stream> {
    const { stream, response } = await Stream.open(base, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    streams.push(stream);
    return stream;
  }

  let gb: Stream;
  let fr: Stream;
  let de: Stream;
  let central: Stream;

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}`;
    [gbNcb, frNcb, deNcb] = [await ncbOf(hub, 'GB'), await ncbOf(hub, 'FR'), await ncbOf(hub, 'DE')];
    frAgency = await ok<Organisation>(asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'Police aux frontières', parentId: frNcb.id, agencyType: 'border' } }), 201);
    await ok(asAdmin({ method: 'PUT', url: `/api/v1/organisations/${frAgency.id}/database-access`, payload: { databases: ['documents'] } }));
    t.gbOp = await person(gbNcb.id, 'gb.operator', ['ncb-operator']);
    t.frOp = await person(frNcb.id, 'fr.operator', ['ncb-operator']);
    t.deOp = await person(deNcb.id, 'de.operator', ['ncb-operator']);
    t.frOfficer = await person(frNcb.id, 'fr.officer', ['officer']);
    t.frAgencyOfficer = await person(frAgency.id, 'paf.officer', ['officer']);
    t.deOfficer = await person(deNcb.id, 'de.officer', ['officer']);
    for (const [number, restriction] of [['123456789', { visibility: 'all' }], ['HIDDEN001', { visibility: 'hub' }]] as const) {
      await ok(hub.call(t.gbOp, { method: 'POST', url: '/api/v1/documents', payload: { issuingState: 'GBR', documentType: 'passport', status: 'stolen', number, restriction } }), 201);
    }
    [gb, fr, de, central] = [await open(t.gbOp), await open(t.frOp), await open(t.deOp), await open(hub.adminToken)];
  });
  afterAll(async () => {
    await Promise.all(streams.map((s) => s.close()));
    if (!closed) await hub?.close();
  });

  let caseId: string;

  it('tells GB\'s and FR\'s NCBs (and the hub) of FR\'s hit on a GB record within a second, not DE', async () => {
    const [gbSeen, frSeen, hubSeen, deSeen] = [gb.events.length, fr.events.length, central.events.length, de.events.length];
    const answer = await search(t.frAgencyOfficer, '123456789');
    expect(answer.outcome).toBe('hit');
    const hitId = answer.hits?.[0]?.hitId as string;
    caseId = answer.hits?.[0]?.caseId as string;
    for (const [stream, seen] of [[gb, gbSeen], [fr, frSeen], [central, hubSeen]] as const) {
      const [event] = await stream.next(seen);
      expect(event?.event).toBe('hit');
      const data = event?.data as HitEventData;
      expect(data.hit).toMatchObject({ id: hitId, ownerOrgId: gbNcb.id, concealed: false, searcher: { orgId: frAgency.id, country: 'FR' }, location: 'Calais' });
      expect(data.case).toMatchObject({ id: caseId, ownerNcbId: gbNcb.id, searcherNcbId: frNcb.id, status: 'new', priority: 'urgent' });
    }

    // A later hit that concerns DE arrives first on DE's stream: FR's hit never did.
    const deAnswer = await search(t.deOfficer, '123456789');
    const [event] = await de.next(deSeen);
    expect(event?.event).toBe('hit');
    expect((event?.data as HitEventData).hit).toMatchObject({ id: deAnswer.hits?.[0]?.hitId, searcher: { orgId: deNcb.id } });
    // ...and FR does not hear of DE's hit: its next event is about its own case.
    await ok(hub.call(t.gbOp, { method: 'PATCH', url: `/api/v1/cases/${caseId}`, payload: { status: 'acknowledged' } }));
    const [frNext] = await fr.next(frSeen + 1);
    expect(frNext?.event).toBe('case');
    // GB and the hub heard of DE's hit and of the acknowledgement too.
    for (const [stream, seen] of [[gb, gbSeen], [central, hubSeen]] as const) {
      expect((await stream.next(seen, 3)).map((e) => e.event)).toEqual(['hit', 'hit', 'case']);
    }
    expect(de.events).toHaveLength(deSeen + 1);
  });

  it('tells both NCBs of a case change, not a third country', async () => {
    const [gbSeen, frSeen, deSeen, hubSeen] = [gb.events.length, fr.events.length, de.events.length, central.events.length];
    const updated = await ok<Case>(hub.call(t.frOp, { method: 'PATCH', url: `/api/v1/cases/${caseId}`, payload: { status: 'confirmed', note: 'seized' } }));
    expect(updated.status).toBe('confirmed');
    for (const [stream, seen] of [[gb, gbSeen], [fr, frSeen], [central, hubSeen]] as const) {
      const [event] = await stream.next(seen);
      expect(event).toEqual({ event: 'case', data: updated });
    }
    // DE hears next of its own case, not of this one.
    const deCase = (await ok<{ items: Case[] }>(hub.call(t.deOp, { method: 'GET', url: '/api/v1/cases' }))).items;
    expect(deCase).toHaveLength(1);
    await ok(hub.call(t.deOp, { method: 'PATCH', url: `/api/v1/cases/${deCase[0]?.id}`, payload: { status: 'false_positive' } }));
    const [event] = await de.next(deSeen);
    expect(event).toMatchObject({ event: 'case', data: { id: deCase[0]?.id, status: 'false_positive' } });
    for (const [stream, seen] of [[gb, gbSeen], [central, hubSeen]] as const) {
      expect((await stream.next(seen, 2)).map((e) => (e.data as Case).status)).toEqual(['confirmed', 'false_positive']);
    }
    expect(fr.events).toHaveLength(frSeen + 1);
  });

  it('tells GB and the hub of a concealed hit, and not FR, whose officer was told no hit', async () => {
    const [gbSeen, frSeen, hubSeen] = [gb.events.length, fr.events.length, central.events.length];
    expect((await search(t.frAgencyOfficer, 'HIDDEN001')).outcome).toBe('no_hit');
    let concealedId = '';
    for (const [stream, seen] of [[gb, gbSeen], [central, hubSeen]] as const) {
      const [event] = await stream.next(seen);
      expect(event?.event).toBe('hit');
      const data = event?.data as HitEventData;
      expect(data.hit).toMatchObject({ concealed: true, ownerOrgId: gbNcb.id, searcher: { orgId: frAgency.id } });
      expect(data.case).toBeNull();
      concealedId = data.hit.id;
    }
    // FR's next event is the next visible hit, not the concealed one.
    const visible = await search(t.frAgencyOfficer, '123456789');
    const [event] = await fr.next(frSeen);
    expect(event?.event).toBe('hit');
    expect((event?.data as HitEventData).hit.id).toBe(visible.hits?.[0]?.hitId);
    expect(fr.events.some((e) => (e.data as Partial<HitEventData>).hit?.id === concealedId)).toBe(false);
  });

  it('refuses an officer without cases:read with a 403 problem', async () => {
    for (const token of [t.frOfficer, t.frAgencyOfficer]) {
      const { response } = await Stream.open(base, token);
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ status: 403, code: 'access.forbidden' });
    }
    const anonymous = await fetch(`${base}/api/v1/notifications`);
    expect(anonymous.status).toBe(401);
    await anonymous.body?.cancel();
  });

  it('ends every stream cleanly when the hub closes', async () => {
    expect([gb, fr, de, central].map((s) => s.ended)).toEqual([false, false, false, false]);
    const closing = hub.close();
    await Promise.all([gb, fr, de, central].map((s) => s.until(() => s.ended, 3000)));
    await closing;
    closed = true;
  }, 10_000);
});
