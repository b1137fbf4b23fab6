import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ncbOf } from '../hub/test-support.js';
import { startTestHub, type TestHub } from '../hub/testing.js';
import { eventually, startTestNode, TcpGate, type TestNode } from './testing.js';

interface OutboxItem { id: string; state: string; failureCode: string | null; recipients: { id: string; deliveredAt: string | null; readAt: string | null; readBy: string | null }[] }
interface InboxItem { id: string; subject: string | null; sender: { id: string }; readAt: string | null }

const compose = (to: string[], subject: string, extra: Record<string, unknown> = {}) => ({
  audience: { kind: 'agencies', ids: to },
  priority: 'urgent',
  handling: { code: 'H1' },
  crimeAreas: ['counter-terrorism'],
  subject,
  body: `Body of ${subject}`,
  ...extra,
});

describe('member nodes over mutual TLS with a real hub', () => {
  let hub: TestHub;
  let gate: TcpGate;
  let gb: TestNode;
  let fr: TestNode;
  let agency: TestNode;
  let gbId: string;
  let frId: string;

  beforeAll(async () => {
    hub = await startTestHub({ nodePort: true });
    gate = await TcpGate.open(hub.nodeUrl);
    gbId = (await ncbOf(hub, 'GB')).id;
    frId = (await ncbOf(hub, 'FR')).id;
    const created = await hub.call(hub.adminToken, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'Border Force Heathrow', parentId: gbId, agencyType: 'border' } });
    expect(created.statusCode, created.body).toBe(201);
    const agencyId = created.json<{ id: string }>().id;
    gb = await startTestNode(gate.url, await hub.enrolmentToken(gbId));
    fr = await startTestNode(gate.url, await hub.enrolmentToken(frId), { passphrase: 'a passphrase for the keys' });
    agency = await startTestNode(gate.url, await hub.enrolmentToken(agencyId));
  }, 60_000);

  afterAll(async () => {
    await Promise.all([gb?.close(), fr?.close(), agency?.close()]);
    await gate?.down();
    await hub?.close();
  });

  const outboxItem = async (node: TestNode, id: string) => {
    const res = await node.call(node.adminToken, { method: 'GET', url: '/api/v1/outbox' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: OutboxItem[] }>().items.find((i) => i.id === id);
  };
  const inboxHas = async (node: TestNode, id: string) => {
    const res = await node.call(node.adminToken, { method: 'GET', url: '/api/v1/inbox' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: InboxItem[] }>().items.find((i) => i.id === id);
  };

  it('enrols, sends, receives and decrypts between two nodes; receipts come back', async () => {
    expect(gb.node.orgId).toBe(gbId);
    const res = await gb.call(gb.adminToken, {
      method: 'POST', url: '/api/v1/messages',
      payload: compose([frId], 'Suspect travelling CDG', { attachments: [{ name: 'photo.txt', contentType: 'text/plain', data: Buffer.from('a photo').toString('base64') }] }),
    });
    expect(res.statusCode, res.body).toBe(202);
    const { id, state, recipients } = res.json<{ id: string; state: string; recipients: string[] }>();
    expect(state).toBe('queued');
    expect(recipients).toEqual([frId]);

    const arrived = await eventually(() => inboxHas(fr, id), 15_000, 'the message at FR');
    expect(arrived.subject).toBe('Suspect travelling CDG');
    expect(arrived.sender.id).toBe(gbId);

    const delivered = await eventually(async () => {
      const item = await outboxItem(gb, id);
      return item?.recipients[0]?.deliveredAt ? item : undefined;
    }, 15_000, 'the delivery receipt at GB');
    expect(delivered.state).toBe('sent');
    expect(delivered.recipients[0]?.readAt).toBeNull();

    const opened = await fr.call(fr.adminToken, { method: 'GET', url: `/api/v1/messages/${id}` });
    expect(opened.statusCode, opened.body).toBe(200);
    const message = opened.json<{ direction: string; subject: string; body: string; attachments: { name: string; data: string }[] }>();
    expect(message).toMatchObject({ direction: 'in', subject: 'Suspect travelling CDG', body: 'Body of Suspect travelling CDG' });
    expect(Buffer.from(message.attachments[0]?.data ?? '', 'base64').toString()).toBe('a photo');

    const read = await eventually(async () => {
      const item = await outboxItem(gb, id);
      return item?.recipients[0]?.readAt ? item : undefined;
    }, 15_000, 'the read receipt at GB');
    expect(read.recipients[0]?.readBy).toBe('admin');

    // The sender reads its own copy too.
    const own = await gb.call(gb.adminToken, { method: 'GET', url: `/api/v1/messages/${id}` });
    expect(own.json<{ direction: string; subject: string }>()).toMatchObject({ direction: 'out', subject: 'Suspect travelling CDG' });
  });

  it('accepts a message while the hub is unreachable and delivers it once the hub is back', async () => {
    await gate.down();
    const res = await gb.call(gb.adminToken, { method: 'POST', url: '/api/v1/messages', payload: compose([frId], 'Sent during an outage') });
    expect(res.statusCode, res.body).toBe(202);
    const { id, state } = res.json<{ id: string; state: string }>();
    // FR's keys are known from the first exchange: sealed for FR at once.
    expect(state).toBe('queued');
    const link = await eventually(async () => {
      const l = (await gb.call(gb.adminToken, { method: 'GET', url: '/api/v1/link' })).json<{ connected: boolean; outbox: { depth: number }; lastError: string | null }>();
      return !l.connected && l.outbox.depth === 1 ? l : undefined;
    }, 10_000, 'GB to see the hub down');
    expect(link.lastError).toBeTruthy();
    const waiting = await outboxItem(gb, id);
    expect(waiting?.state).toBe('queued');

    await gate.up();
    await eventually(() => inboxHas(fr, id), 20_000, 'the message at FR after the outage');
    await eventually(async () => ((await outboxItem(gb, id))?.recipients[0]?.deliveredAt ? true : undefined), 20_000, 'the delivery receipt');
    const after = (await gb.call(gb.adminToken, { method: 'GET', url: '/api/v1/link' })).json<{ connected: boolean; outbox: { depth: number } }>();
    expect(after).toMatchObject({ connected: true, outbox: { depth: 0 } });
  });

  it('keeps the outbox across a restart of the node, and a message composed before the hub could say who it reaches', async () => {
    await gate.down();
    // An audience this node never asked about: it waits, sealed only to the node itself.
    const waitingRes = await gb.call(gb.adminToken, { method: 'POST', url: '/api/v1/messages', payload: compose([agency.node.orgId], 'For the border, composed offline') });
    expect(waitingRes.statusCode, waitingRes.body).toBe(202);
    const waiting = waitingRes.json<{ id: string; state: string; seq: number | null }>();
    expect(waiting).toMatchObject({ state: 'awaiting_recipients', seq: null });
    const queuedRes = await gb.call(gb.adminToken, { method: 'POST', url: '/api/v1/messages', payload: compose([frId], 'Composed before a restart') });
    const queued = queuedRes.json<{ id: string; state: string }>();
    expect(queued.state).toBe('queued');

    // Nothing in clear at rest: the subject is in neither the database file nor its write-ahead log.
    const { readFileSync, existsSync } = await import('node:fs');
    const dbFile = `${gb.dataDir}/node.sqlite`;
    for (const f of [dbFile, `${dbFile}-wal`]) if (existsSync(f)) expect(readFileSync(f).includes(Buffer.from('composed offline'))).toBe(false);

    await gb.stop();
    await gate.up();
    await gb.restart();
    await eventually(() => inboxHas(fr, queued.id), 20_000, 'the queued message at FR after the restart');
    await eventually(() => inboxHas(agency, waiting.id), 20_000, 'the waiting message at the agency');
    const sent = await eventually(async () => {
      const item = await outboxItem(gb, waiting.id);
      return item?.state === 'sent' ? item : undefined;
    }, 10_000, 'the waiting message sent');
    expect(sent.recipients.map((r) => r.id)).toEqual([agency.node.orgId]);
    // Exactly once at the recipient.
    const frInbox = (await fr.call(fr.adminToken, { method: 'GET', url: '/api/v1/inbox?limit=200' })).json<{ items: InboxItem[] }>().items;
    expect(frInbox.filter((i) => i.id === queued.id)).toHaveLength(1);
  });

  it('shows the sender a message the hub refused, with the hub\'s code', async () => {
    const res = await gb.call(gb.adminToken, { method: 'POST', url: '/api/v1/messages', payload: compose([frId], 'On a case that does not exist', { caseId: 'cas_' + 'a'.repeat(26) }) });
    expect(res.statusCode, res.body).toBe(202);
    const { id } = res.json<{ id: string }>();
    const failed = await eventually(async () => {
      const item = await outboxItem(gb, id);
      return item?.state === 'failed' ? item : undefined;
    }, 15_000, 'the refusal');
    expect(failed.failureCode).toBe('message.misaddressed');
    // The next message goes through: a refusal does not block the outbox.
    const next = (await gb.call(gb.adminToken, { method: 'POST', url: '/api/v1/messages', payload: compose([frId], 'After a refusal') })).json<{ id: string }>();
    await eventually(() => inboxHas(fr, next.id), 15_000, 'the next message at FR');
  });

  it('sends many messages composed at once, in sequence order, each exactly once', async () => {
    const count = 150;
    const failedBefore = (await gb.call(gb.adminToken, { method: 'GET', url: '/api/v1/link' })).json<{ outbox: { failed: number } }>().outbox.failed;
    const results = await Promise.all(Array.from({ length: count }, (_, i) => gb.call(gb.adminToken, { method: 'POST', url: '/api/v1/messages', payload: compose([frId], `Burst ${i}`) })));
    const ids = results.map((r) => {
      expect(r.statusCode, r.body).toBe(202);
      return r.json<{ id: string; seq: number }>();
    });
    expect(new Set(ids.map((i) => i.seq)).size).toBe(count);
    await eventually(async () => {
      const link = (await gb.call(gb.adminToken, { method: 'GET', url: '/api/v1/link' })).json<{ outbox: { depth: number; failed: number } }>();
      expect(link.outbox.failed).toBe(failedBefore);
      return link.outbox.depth === 0 ? true : undefined;
    }, 30_000, 'the outbox to empty');
    const wanted = new Set(ids.map((i) => i.id));
    const received = await eventually(async () => {
      const rows = await fr.node.ctx.database.db.selectFrom('inbox').select('id').execute();
      const got = rows.filter((r) => wanted.has(r.id));
      return got.length === count ? got : undefined;
    }, 30_000, 'every message at FR');
    expect(new Set(received.map((r) => r.id)).size).toBe(count);
  }, 60_000);

  it('composes a batch in one request: each message on its own, delivered exactly once, a failure answered for its message alone', async () => {
    const before = (await gb.call(gb.adminToken, { method: 'GET', url: '/api/v1/link' })).json<{ outbox: { lastSeq: number } }>().outbox.lastSeq;
    const messages = [compose([frId], 'Batch 0'), compose([gbId], 'Batch to myself only'), compose([frId, agency.node.orgId], 'Batch 2')];
    const res = await gb.call(gb.adminToken, { method: 'POST', url: '/api/v1/messages/batch', payload: { messages } });
    expect(res.statusCode, res.body).toBe(202);
    const { results } = res.json<{ results: ({ status: 'composed'; message: { id: string; seq: number; recipients: string[] } } | { status: 'failed'; code: string })[] }>();
    expect(results.map((r) => r.status)).toEqual(['composed', 'failed', 'composed']);
    expect(results[1]).toMatchObject({ code: 'message.audience_empty' });
    const sent = results.flatMap((r) => (r.status === 'composed' ? [r.message] : []));
    expect(sent.map((m) => m.seq)).toEqual([before + 1, before + 2]);
    expect(sent[1]?.recipients.sort()).toEqual([frId, agency.node.orgId].sort());
    for (const m of sent) await eventually(() => inboxHas(fr, m.id), 15_000, `${m.id} at FR`);
    await eventually(() => inboxHas(agency, sent[1]!.id), 15_000, 'the second at the agency');
    const audited = (await gb.call(gb.adminToken, { method: 'GET', url: '/api/v1/audit?limit=1000' })).json<{ items: { action: string; resourceId: string | null }[] }>().items;
    for (const m of sent) expect(audited.filter((e) => e.action === 'message.compose' && e.resourceId === m.id)).toHaveLength(1);
  });

  it('lets no other node read a message: its tokens mean nothing elsewhere, and it cannot open the envelope', async () => {
    const res = await gb.call(gb.adminToken, { method: 'POST', url: '/api/v1/messages', payload: compose([frId], 'For France only') });
    const { id } = res.json<{ id: string }>();
    await eventually(() => inboxHas(fr, id), 15_000, 'the message at FR');

    // The agency's own session at FR's node: unknown there.
    const foreign = await fr.call(agency.adminToken, { method: 'GET', url: `/api/v1/messages/${id}` });
    expect(foreign.statusCode).toBe(401);
    // The agency's node does not have it.
    const notHere = await agency.call(agency.adminToken, { method: 'GET', url: `/api/v1/messages/${id}` });
    expect(notHere.statusCode).toBe(404);
    expect(notHere.json<{ code: string }>().code).toBe('message.not_found');

    // Handed the envelope anyway, the agency's node refuses it as misaddressed and keeps no message.
    const row = await gb.node.ctx.database.db.selectFrom('outbox').select('envelope').where('id', '=', id).executeTakeFirstOrThrow();
    const envelope = JSON.parse(row.envelope as string) as Record<string, unknown>;
    const { InboxReceiver } = await import('./inbox/receiver.js');
    const receiverOf = (n: TestNode) => {
      const c = n.node.ctx;
      return new InboxReceiver(c.database, c.hub, c.directory, c.identity, c.audit, c.clock, { waitSeconds: 0, timeoutMs: 5000 }, () => {});
    };
    await receiverOf(agency).handle({ cursor: 0, kind: 'message', envelope });
    const refused = (await agency.call(agency.adminToken, { method: 'GET', url: '/api/v1/inbox/refusals' })).json<{ items: { messageId: string; code: string }[] }>().items;
    expect(refused.find((r) => r.messageId === id)?.code).toBe('message.misaddressed');
    const opened = await agency.call(agency.adminToken, { method: 'GET', url: `/api/v1/messages/${id}` });
    expect(opened.json<{ code: string }>().code).toBe('message.refused');

    // One byte flipped in a fresh copy: FR refuses it as tampered.
    const tampered = { ...envelope, id: id.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), ciphertext: flip(envelope.ciphertext as string) };
    await receiverOf(fr).handle({ cursor: 0, kind: 'message', envelope: tampered });
    const frRefused = (await fr.call(fr.adminToken, { method: 'GET', url: '/api/v1/inbox/refusals' })).json<{ items: { messageId: string; code: string }[] }>().items;
    expect(frRefused.find((r) => r.messageId === tampered.id)?.code).toBe('message.tampered');
  });

  it('reads the inbox and what it fetched from the hub while the hub is down', async () => {
    const res = await gb.call(gb.adminToken, { method: 'POST', url: '/api/v1/messages', payload: compose([frId], 'Read me offline') });
    const { id } = res.json<{ id: string }>();
    await eventually(() => inboxHas(fr, id), 15_000, 'the message at FR');
    const cases = await fr.call(fr.adminToken, { method: 'GET', url: '/api/v1/cases' });
    expect(cases.statusCode, cases.body).toBe(200);
    expect(cases.headers['x-blueline-stale']).toBeUndefined();

    await gate.down();
    try {
      const inbox = await fr.call(fr.adminToken, { method: 'GET', url: '/api/v1/inbox' });
      expect(inbox.statusCode).toBe(200);
      expect(inbox.json<{ items: InboxItem[] }>().items.find((i) => i.id === id)?.subject).toBe('Read me offline');
      const opened = await fr.call(fr.adminToken, { method: 'GET', url: `/api/v1/messages/${id}` });
      expect(opened.statusCode).toBe(200);
      expect(opened.json<{ body: string }>().body).toBe('Body of Read me offline');

      const stale = await fr.call(fr.adminToken, { method: 'GET', url: '/api/v1/cases' });
      expect(stale.statusCode).toBe(200);
      expect(stale.headers['x-blueline-stale']).toBe('true');
      expect(stale.body).toBe(cases.body);
      const never = await fr.call(fr.adminToken, { method: 'GET', url: '/api/v1/cases?status=open' });
      expect(never.statusCode).toBe(503);
      expect(never.json<{ code: string }>().code).toBe('node.no_stale_copy');
      const search = await fr.call(fr.adminToken, { method: 'POST', url: '/api/v1/documents/search', payload: { number: '123456789' } });
      expect(search.json<{ code: string }>().code).toBe('node.hub_unreachable');

      // A node started while the hub is down serves what it has all the same.
      await fr.restart();
      const again = await fr.call(fr.adminToken, { method: 'GET', url: `/api/v1/messages/${id}` });
      expect(again.statusCode, again.body).toBe(200);
      expect((await fr.call(fr.adminToken, { method: 'GET', url: '/api/v1/cases' })).headers['x-blueline-stale']).toBe('true');
      expect((await fr.call(fr.adminToken, { method: 'GET', url: '/api/v1/link' })).json<{ connected: boolean }>().connected).toBe(false);
    } finally {
      await gate.up();
    }
  });

  it('passes searches to the hub for a system holding one of the node\'s API keys', async () => {
    const key = await gb.call(gb.adminToken, { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'eGates T5', permissions: ['documents:search'] } });
    expect(key.statusCode, key.body).toBe(201);
    const secret = key.json<{ secret: string }>().secret;
    const search = await gb.call(secret, { method: 'POST', url: '/api/v1/documents/search', payload: { number: '123456789', issuingState: 'GBR' } });
    expect(search.statusCode, search.body).toBe(200);
    expect(search.json<{ outcome: string }>().outcome).toBe('no_hit');
    // The key reaches nothing else.
    const inbox = await gb.call(secret, { method: 'GET', url: '/api/v1/inbox' });
    expect(inbox.statusCode).toBe(403);
    expect(inbox.json<{ code: string }>().code).toBe('access.scope_exceeded');
    const audit = (await gb.call(gb.adminToken, { method: 'GET', url: '/api/v1/audit?action=hub.request' })).json<{ items: { actor: { kind: string; name: string }; details: { path: string; status: number } }[] }>().items;
    expect(audit.at(-1)).toMatchObject({ actor: { kind: 'api_key', name: 'eGates T5' }, details: { path: '/api/v1/documents/search', status: 200 } });
  });

  it('offers the network\'s addresses to whoever composes, through the hub', async () => {
    const res = await gb.call(gb.adminToken, { method: 'GET', url: '/api/v1/directory?kind=ncb' });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: { id: string; country: string; kind: string }[] }>().items;
    expect(items.find((a) => a.id === fr.node.orgId)).toMatchObject({ country: 'FR', kind: 'ncb' });
    expect(items.every((a) => a.kind === 'ncb')).toBe(true);
    const key = await gb.call(gb.adminToken, { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'eGates T4', permissions: ['documents:search'] } });
    const refused = await gb.call(key.json<{ secret: string }>().secret, { method: 'GET', url: '/api/v1/directory' });
    expect(refused.statusCode).toBe(403);
  });

  it('passes person screenings to the hub for a key allowed to screen, and the hub\'s refusals back unchanged', async () => {
    const key = await gb.call(gb.adminToken, { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'eGates T3', permissions: ['documents:search', 'persons:search'] } });
    expect(key.statusCode, key.body).toBe(201);
    const secret = key.json<{ secret: string }>().secret;
    const screen = (token: string, payload: Record<string, unknown>) => gb.call(token, { method: 'POST', url: '/api/v1/persons/screen', payload });
    const answer = await screen(secret, { names: ['Zbigniew Qwiatkowski'], birthDate: '1970-01-02', location: 'LHR T3' });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json<{ outcome: string }>().outcome).toBe('no_hit');
    const bad = await screen(secret, { names: ['Ivan Petrov'], birthDate: '1980-02-31' });
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json<{ code: string }>().code).toBe('person.birth_date_invalid');
    // A key for documents only cannot screen persons.
    const docsOnly = await gb.call(gb.adminToken, { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'eGates T2', permissions: ['documents:search'] } });
    const refused = await screen(docsOnly.json<{ secret: string }>().secret, { names: ['Ivan Petrov'] });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ code: string }>().code).toBe('access.scope_exceeded');
    const audit = (await gb.call(gb.adminToken, { method: 'GET', url: '/api/v1/audit?action=hub.request' })).json<{ items: { actor: { name: string }; details: { path: string; status: number } }[] }>().items;
    expect(audit.filter((e) => e.details.path === '/api/v1/persons/screen').map((e) => [e.actor.name, e.details.status])).toEqual([['eGates T3', 200], ['eGates T3', 422]]);
  });
});

function flip(base64url: string): string {
  const bytes = Buffer.from(base64url, 'base64url');
  const at = Math.floor(bytes.length / 2);
  bytes[at] = (bytes[at] as number) ^ 0x01;
  return bytes.toString('base64url');
}
