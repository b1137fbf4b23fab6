/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call -- tests read JSON answers of many shapes */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../core/ids.js';
import { publicKeyFromRaw, rawPublicKey } from '../crypto/node-keys.js';
import { enrolTestNode, type TestNodeClient } from '../hub/node-port/test-node.js';
import { auditEntries, ncbOf } from '../hub/test-support.js';
import { startTestHub, type TestHub } from '../hub/testing.js';
import { openEnvelope, sealEnvelope, sealUnsigned, signEnvelopes, type Envelope, type MessageContent } from './envelope.js';
import { signReceipt } from './receipt.js';

const SECRET = 'Subject 0x5ecre7: the meeting in Lyon';

describe('the hub routes end-to-end messages it cannot read', () => {
  let hub: TestHub;
  let gb: TestNodeClient;
  let fr: TestNodeClient;
  let de: TestNodeClient;
  let seq = 0;

  beforeAll(async () => {
    hub = await startTestHub({ nodePort: true });
    gb = await enrolTestNode(hub, (await ncbOf(hub, 'GB')).id);
    fr = await enrolTestNode(hub, (await ncbOf(hub, 'FR')).id);
    de = await enrolTestNode(hub, (await ncbOf(hub, 'DE')).id);
  });
  afterAll(async () => {
    [gb, fr, de].forEach((n) => n.close());
    await hub.close();
  });

  async function seal(from: TestNodeClient, to: TestNodeClient[], content: Partial<MessageContent> = {}, header: Partial<Envelope> = {}): Promise<Envelope> {
    const dir = await from.call('POST', '/node/v1/directory', { audience: { kind: 'agencies', ids: to.map((n) => n.orgId) } });
    expect(dir.status, dir.text).toBe(200);
    const keys = new Map((dir.body.organisations as { id: string; encryptionKey: string }[]).map((o) => [o.id, o.encryptionKey]));
    return sealEnvelope({
      v: 1, id: newId('msg'), sender: from.orgId, seq: ++seq, recipients: to.map((n) => n.orgId), audience: { kind: 'agencies', ids: to.map((n) => n.orgId) },
      priority: 'urgent', handling: { code: 'H2' }, crimeAreas: ['counter-terrorism'], caseId: null, createdAt: new Date().toISOString(),
      contentType: 'application/vnd.blueline.message+json', ...header,
    }, { subject: SECRET, body: `${SECRET} — body`, attachments: [], ...content }, from.keys.signing.privateKey, keys);
  }

  const send = (from: TestNodeClient, envelopes: Envelope[]) => from.call('POST', '/node/v1/messages', { envelopes });
  const open = (e: Envelope, as: TestNodeClient, sender: TestNodeClient) =>
    openEnvelope(e, { orgId: as.orgId, encryptionPrivateKey: as.keys.encryption.privateKey }, sender.keys.signing.publicKey);

  it('lists the network\'s addresses: enrolled, active organisations by name, with their regions; filtered, limited, validated', async () => {
    const all = await gb.call('GET', '/api/v1/directory');
    expect(all.status, all.text).toBe(200);
    const items = all.body.items as { id: string; name: string; kind: string; country: string; region: string }[];
    // Only organisations with an enrolled node: a message could not reach the others.
    expect(items.map((a) => a.country).sort()).toEqual(['DE', 'FR', 'GB']);
    expect(items.find((a) => a.country === 'FR')).toMatchObject({ id: fr.orgId, kind: 'ncb', region: 'europe', parentId: null });
    expect(Object.keys(items[0]!).sort()).toEqual(['country', 'id', 'kind', 'name', 'parentId', 'region']); // no keys
    expect((await gb.call('GET', '/api/v1/directory?country=FR')).body.items.map((a: { id: string }) => a.id)).toEqual([fr.orgId]);
    const frName = items.find((a) => a.country === 'FR')!.name;
    expect((await gb.call('GET', `/api/v1/directory?q=${encodeURIComponent(frName.slice(-6).toLowerCase())}`)).body.items.map((a: { id: string }) => a.id)).toContain(fr.orgId);
    expect((await gb.call('GET', '/api/v1/directory?kind=agency')).body.items).toEqual([]);
    expect((await gb.call('GET', '/api/v1/directory?limit=1')).body.items).toHaveLength(1);
    for (const bad of ['limit=0', 'limit=5000', 'country=fr', 'kind=hub', `q=${'x'.repeat(101)}`, 'other=1']) {
      const res = await gb.call('GET', `/api/v1/directory?${bad}`);
      expect(res.status, bad).toBe(400);
    }
    // Not without credentials, on the API port.
    expect((await hub.call(null, { method: 'GET', url: '/api/v1/directory' })).statusCode).toBe(401);
  });

  it('leaves a suspended organisation out of the addresses, and lists it again once reinstated', async () => {
    const status = (value: string) => hub.call(hub.adminToken, { method: 'PATCH', url: `/api/v1/organisations/${de.orgId}`, payload: { status: value } });
    const countries = async () => ((await gb.call('GET', '/api/v1/directory')).body.items as { country: string }[]).map((a) => a.country).sort();
    const before = (await hub.call(hub.adminToken, { method: 'GET', url: `/api/v1/organisations/${de.orgId}` })).json<{ status: string }>().status;
    expect((await status('suspended')).statusCode).toBe(200);
    try {
      expect(await countries()).toEqual(['FR', 'GB']);
      expect((await gb.call('GET', '/api/v1/directory?country=DE')).body.items).toEqual([]);
    } finally {
      expect((await status(before)).statusCode).toBe(200);
    }
    expect(await countries()).toEqual(['DE', 'FR', 'GB']);
  });

  it('carries a message to its recipient, stores no plaintext, and passes the receipt back', async () => {
    const envelope = await seal(gb, [fr]);
    const sent = await send(gb, [envelope]);
    expect(sent.body.results).toEqual([{ id: envelope.id, status: 'accepted' }]);

    const inbox = await fr.call('GET', '/node/v1/inbox?after=0&wait=0');
    const [item] = inbox.body.items as { cursor: number; kind: string; envelope: Envelope }[];
    expect(item?.kind).toBe('message');
    expect((await open(item!.envelope, fr, gb)).subject).toBe(SECRET);

    const stored = await hub.ctx.database.db.selectFrom('messages').selectAll().where('id', '=', envelope.id).executeTakeFirstOrThrow();
    expect(stored.envelope).not.toContain('0x5ecre7');
    expect(Buffer.from(stored.envelope).toString('base64')).not.toContain(Buffer.from('0x5ecre7').toString('base64'));
    const audit = JSON.stringify(await auditEntries(hub, 'message.accept'));
    expect(audit).toContain(envelope.id);
    expect(audit).not.toContain('0x5ecre7');

    expect((await fr.call('POST', '/node/v1/inbox/ack', { upTo: item!.cursor })).body).toEqual({ removed: 1 });
    expect((await fr.call('GET', '/node/v1/inbox?after=0')).body.items).toEqual([]);

    const receipt = signReceipt({ messageId: envelope.id, recipient: fr.orgId, kind: 'delivered', at: new Date().toISOString() }, fr.keys.signing.privateKey);
    expect((await fr.call('POST', '/node/v1/receipts', { receipts: [receipt] })).body.results[0].status).toBe('accepted');
    const back = await gb.call('GET', '/node/v1/inbox?after=0');
    expect(back.body.items).toEqual([expect.objectContaining({ kind: 'receipt', receipt })]);
  });

  it('treats a resend as a duplicate, and refuses another message under a used id or an old sequence number', async () => {
    const envelope = await seal(gb, [fr]);
    expect((await send(gb, [envelope])).body.results[0].status).toBe('accepted');
    expect((await send(gb, [envelope])).body.results[0]).toEqual({ id: envelope.id, status: 'duplicate' });
    const impostor = await seal(gb, [fr], { subject: 'other' }, { id: envelope.id });
    expect((await send(gb, [impostor])).body.results[0]).toMatchObject({ status: 'refused', code: 'message.replayed' });
    const stale = await seal(gb, [fr], {}, { seq: 1 });
    expect((await send(gb, [stale])).body.results[0]).toMatchObject({ status: 'refused', code: 'message.out_of_order' });
    expect((await auditEntries(hub, 'message.refuse')).map((e) => e.details.code)).toEqual(expect.arrayContaining(['message.replayed', 'message.out_of_order']));
  });

  it('refuses an envelope signed by someone else, naming another sender, or tampered on the way', async () => {
    const forged = await seal(gb, [fr], {}, { sender: de.orgId });
    expect((await send(gb, [forged])).body.results[0]).toMatchObject({ status: 'refused', code: 'message.sender_mismatch' });
    const envelope = await seal(gb, [fr]);
    const tampered = { ...envelope, priority: 'flash' as const };
    expect((await send(gb, [tampered])).body.results[0]).toMatchObject({ status: 'refused', code: 'message.tampered' });
    const dropped = { ...envelope, recipients: [fr.orgId, de.orgId] };
    expect((await send(gb, [dropped])).body.results[0]).toMatchObject({ status: 'refused', code: 'message.misaddressed' });
  });

  it('checks each envelope of a batch signature on its own: the intact ones accepted and opened, a tampered one refused', async () => {
    const dir = await gb.call('POST', '/node/v1/directory', { audience: { kind: 'agencies', ids: [fr.orgId] } });
    const keys = new Map((dir.body.organisations as { id: string; encryptionKey: string }[]).map((o) => [o.id, o.encryptionKey]));
    const unsigned = Array.from({ length: 4 }, () => sealUnsigned({
      v: 1, id: newId('msg'), sender: gb.orgId, seq: ++seq, recipients: [fr.orgId], audience: { kind: 'agencies', ids: [fr.orgId] },
      priority: 'routine', handling: { code: 'H0' }, crimeAreas: ['cybercrime'], caseId: null, createdAt: new Date().toISOString(),
      contentType: 'application/vnd.blueline.message+json',
    }, { subject: SECRET, body: 'batch', attachments: [] }, keys));
    const [a, b, c, d] = signEnvelopes(unsigned, gb.keys.signing.privateKey) as [Envelope, Envelope, Envelope, Envelope];
    expect(a.signature).toContain('.');
    const results = (await send(gb, [a, { ...b, priority: 'flash' }, c, { ...d, signature: a.signature }])).body.results;
    expect(results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual(['accepted', 'message.tampered', 'accepted', 'message.tampered']);
    const inbox = await fr.call('GET', '/node/v1/inbox?after=0&limit=500');
    const got = (inbox.body.items as { envelope?: Envelope }[]).flatMap((i) => (i.envelope && [a.id, c.id].includes(i.envelope.id) ? [i.envelope] : []));
    expect(got.map((e) => e.id)).toEqual([a.id, c.id]);
    for (const e of got) expect((await open(e, fr, gb)).body).toBe('batch');
  });

  it('a flipped byte in the stored envelope makes the recipient refuse it', async () => {
    const envelope = await seal(gb, [fr]);
    await send(gb, [envelope]);
    const row = await hub.ctx.database.db.selectFrom('messages').select('envelope').where('id', '=', envelope.id).executeTakeFirstOrThrow();
    const stored = JSON.parse(row.envelope) as Envelope;
    const flipped = stored.ciphertext.slice(0, 40) + (stored.ciphertext[40] === 'A' ? 'B' : 'A') + stored.ciphertext.slice(41);
    await hub.ctx.database.db.updateTable('messages').set({ envelope: JSON.stringify({ ...stored, ciphertext: flipped }) }).where('id', '=', envelope.id).execute();
    const inbox = await fr.call('GET', '/node/v1/inbox?after=0');
    const item = (inbox.body.items as { envelope: Envelope }[]).find((i) => i.envelope?.id === envelope.id);
    await expect(open(item!.envelope, fr, gb)).rejects.toMatchObject({ code: 'message.tampered' });
  });

  it('an agency cannot read, receive or acknowledge a message addressed to another', async () => {
    const envelope = await seal(gb, [fr]);
    await send(gb, [envelope]);
    const theirs = await de.call('GET', '/node/v1/inbox?after=0');
    expect((theirs.body.items as { envelope?: Envelope }[]).some((i) => i.envelope?.id === envelope.id)).toBe(false);
    await expect(open(envelope, de, gb)).rejects.toMatchObject({ code: 'message.misaddressed' });
    const asFr = signReceipt({ messageId: envelope.id, recipient: fr.orgId, kind: 'read', at: new Date().toISOString() }, de.keys.signing.privateKey);
    const asDe = signReceipt({ messageId: envelope.id, recipient: de.orgId, kind: 'delivered', at: new Date().toISOString() }, de.keys.signing.privateKey);
    const res = await de.call('POST', '/node/v1/receipts', { receipts: [asFr, asDe] });
    expect(res.body.results.map((r: { code: string }) => r.code)).toEqual(['receipt.invalid', 'receipt.invalid']);
  });

  it('wakes a waiting recipient as soon as a message arrives', async () => {
    const drained = await de.call('GET', '/node/v1/inbox?after=0&limit=500');
    const after = drained.body.next as number;
    const waiting = de.call('GET', `/node/v1/inbox?after=${after}&wait=10`);
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 100));
    const envelope = await seal(gb, [de]);
    await send(gb, [envelope]);
    const got = await waiting;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(got.body.items.map((i: { envelope: Envelope }) => i.envelope.id)).toEqual([envelope.id]);
  });

  it('is one directory: an audience resolves to keys the recipients registered', async () => {
    const all = await gb.call('POST', '/node/v1/directory', { audience: { kind: 'all' } });
    const ids = (all.body.organisations as { id: string }[]).map((o) => o.id);
    expect(ids.sort()).toEqual([fr.orgId, de.orgId].sort());
    expect(all.body.unreachable.length).toBeGreaterThan(150);
    const europe = await gb.call('POST', '/node/v1/directory', { audience: { kind: 'region', region: 'europe' } });
    const frEntry = (europe.body.organisations as { id: string; encryptionKey: string }[]).find((o) => o.id === fr.orgId);
    expect(publicKeyFromRaw('x25519', frEntry!.encryptionKey).equals(fr.keys.encryption.publicKey)).toBe(true);
    expect(rawPublicKey(fr.keys.encryption.publicKey)).toBe(frEntry!.encryptionKey);
    const africa = await gb.call('POST', '/node/v1/directory', { audience: { kind: 'region', region: 'africa' } });
    expect(africa.body.code).toBe('directory.audience_empty');
  });

  it('refuses more envelopes than the batch limit, and the routes on the public port', async () => {
    const envelope = await seal(gb, [fr]);
    const res = await send(gb, Array.from({ length: 101 }, () => envelope));
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 413, code: 'message.batch_too_large' });
    const pub = await hub.call(hub.adminToken, { method: 'POST', url: '/node/v1/messages', payload: { envelopes: [envelope] } });
    expect(pub.statusCode).toBe(404);
  });
});
