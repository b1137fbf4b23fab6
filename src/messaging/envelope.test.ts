import { createCipheriv, randomBytes, sign, type KeyObject, type webcrypto } from 'node:crypto';
import { Aes256Gcm, CipherSuite, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../core/canonical-json.js';
import { newKeyPair, publicKeyBytes, rawPublicKey } from '../crypto/node-keys.js';
import {
  EnvelopeError,
  envelopeDigest,
  envelopeJson,
  hpkeOpen,
  hpkeSeal,
  openEnvelope,
  routingHeaderOf,
  sealEnvelope,
  sealUnsigned,
  signEnvelopes,
  verifyEnvelopeSignature,
  ENVELOPE_SIGNATURE_MAX_CHARS,
  type Envelope,
  type EnvelopeErrorCode,
  type MessageContent,
  type RoutingHeader,
  type UnsignedEnvelope,
} from './envelope.js';
import { signReceipts } from './receipt.js';

interface Org {
  id: string;
  signing: { privateKey: KeyObject; publicKey: KeyObject };
  encryption: { privateKey: KeyObject; publicKey: KeyObject };
}

function org(id: string): Org {
  return { id, signing: newKeyPair('ed25519'), encryption: newKeyPair('x25519') };
}

const sender = org('org_sender');
const [b, c, d] = [org('org_b'), org('org_c'), org('org_d')];
const outsider = org('org_outsider');
const directory = new Map([b, c, d, outsider].map((o) => [o.id, rawPublicKey(o.encryption.publicKey)]));

function header(recipients: Org[], over: Partial<RoutingHeader> = {}): RoutingHeader {
  return {
    v: 1,
    id: 'msg_2a7c4mq4ddz4kd5jq7bfu6zkqi',
    sender: sender.id,
    seq: 7,
    recipients: recipients.map((r) => r.id),
    audience: { kind: 'agencies', ids: recipients.map((r) => r.id) },
    priority: 'urgent',
    handling: { code: 'H2', restriction: 'not to be passed to third countries' },
    crimeAreas: ['drugs', 'firearms'],
    caseId: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    contentType: 'application/vnd.blueline.message+json',
    ...over,
  };
}

const content: MessageContent = {
  subject: 'Shipment via Rotterdam — ünïcødé ✓',
  body: 'Suspect travels on 3 March.\n"Quoted" \\ text',
  attachments: [
    { name: 'photo.jpg', contentType: 'image/jpeg', data: Uint8Array.from({ length: 256 }, (_, i) => i) },
    { name: 'empty.txt', contentType: 'text/plain', data: new Uint8Array(0) },
  ],
};

const open = (envelope: Envelope, recipient: Org, senderKey = sender.signing.publicKey) =>
  openEnvelope(envelope, { orgId: recipient.id, encryptionPrivateKey: recipient.encryption.privateKey }, senderKey);

async function expectRefused(promise: Promise<unknown>, code: EnvelopeErrorCode): Promise<void> {
  const error: unknown = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(EnvelopeError);
  expect((error as EnvelopeError).code).toBe(code);
}

/** What a sender holding its own key could produce: a changed envelope, signed again. */
function resigned(envelope: Envelope): Envelope {
  const { signature: _, ...rest } = envelope;
  return { ...rest, signature: sign(null, Buffer.from(canonicalJson(rest)), sender.signing.privateKey).toString('base64url') };
}

/** An envelope to b built by hand from the decision record, around any plaintext. */
function handSealed(plaintext: string): Envelope {
  const routing = header([b]);
  const contentKey = randomBytes(32);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', contentKey, nonce).setAAD(Buffer.from(canonicalJson(routing)));
  const ciphertext = Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  const { enc, ct } = hpkeSeal(b.encryption.publicKey, contentKey, Buffer.from(`${routing.id}\n${b.id}`));
  const keys = [{ recipient: b.id, enc: enc.toString('base64url'), wrappedKey: ct.toString('base64url') }];
  return resigned({ ...routing, ciphertext: ciphertext.toString('base64url'), keys, signature: '' });
}

function flipByte(base64url: string, index: number, mask: number): string {
  const bytes = Buffer.from(base64url, 'base64url');
  bytes[index % bytes.length]! ^= mask;
  return bytes.toString('base64url');
}

let toOne: Envelope;
let toThree: Envelope;

beforeAll(async () => {
  toOne = await sealEnvelope(header([b]), content, sender.signing.privateKey, directory);
  toThree = await sealEnvelope(header([b, c, d]), content, sender.signing.privateKey, directory);
});

describe('sealing and opening', () => {
  it('round-trips a message with attachments to one recipient', async () => {
    expect(routingHeaderOf(toOne)).toEqual(header([b]));
    expect(toOne.keys.map((k) => k.recipient)).toEqual([b.id]);
    expect(toOne.ciphertext).not.toContain(Buffer.from('Rotterdam').toString('base64url').slice(0, 8));
    expect(await open(toOne, b)).toEqual(content);
  });

  it('round-trips to three recipients, each with its own key for the one ciphertext', async () => {
    expect(toThree.keys.map((k) => k.recipient)).toEqual([b.id, c.id, d.id]);
    expect(new Set(toThree.keys.map((k) => k.wrappedKey)).size).toBe(3);
    for (const recipient of [b, c, d]) expect(await open(toThree, recipient)).toEqual(content);
  });

  it('survives JSON on the wire', async () => {
    const wire = JSON.parse(JSON.stringify(toThree)) as Envelope;
    expect(envelopeDigest(wire)).toBe(envelopeDigest(toThree));
    expect(await open(wire, c)).toEqual(content);
  });

  it('carries a 1 MiB body and a 1 MiB attachment', async () => {
    const big: MessageContent = {
      subject: 'big',
      body: 'x'.repeat(1 << 20),
      attachments: [{ name: 'scan.bin', contentType: 'application/octet-stream', data: new Uint8Array(randomBytes(1 << 20)) }],
    };
    const envelope = await sealEnvelope(header([b, c]), big, sender.signing.privateKey, directory);
    const opened = await open(envelope, c);
    // toEqual walks a MiB element by element for seconds; compare the bytes instead.
    expect(opened.body === big.body).toBe(true);
    expect(opened.attachments).toHaveLength(1);
    expect(Buffer.compare(opened.attachments[0]!.data, big.attachments[0]!.data)).toBe(0);
  });

  it('refuses to seal to a recipient without a key, or to one listed twice', async () => {
    await expectRefused(sealEnvelope(header([b, org('org_unknown')]), content, sender.signing.privateKey, directory), 'message.malformed');
    await expectRefused(sealEnvelope(header([b, b]), content, sender.signing.privateKey, directory), 'message.malformed');
    await expectRefused(sealEnvelope(header([b]), content, sender.signing.privateKey, new Map([[b.id, 'short']])), 'message.malformed');
  });

  it('is the format of the decision record: AES-256-GCM over the content, the header as associated data', async () => {
    expect(await open(handSealed(JSON.stringify({ subject: 's', body: 'b', attachments: [{ name: 'n', contentType: 't', data: 'AAEC' }] })), b)).toEqual({
      subject: 's',
      body: 'b',
      attachments: [{ name: 'n', contentType: 't', data: new Uint8Array([0, 1, 2]) }],
    });
  });

  it('serialises for signing and digest exactly as canonical JSON', () => {
    expect(envelopeJson(toThree)).toBe(canonicalJson(toThree));
    fc.assert(fc.property(fc.string(), (ciphertext) => envelopeJson({ ...toOne, ciphertext }) === canonicalJson({ ...toOne, ciphertext })));
  });

  it('has a digest of the whole envelope', () => {
    expect(envelopeDigest(toOne)).toMatch(/^[0-9a-f]{64}$/);
    expect(envelopeDigest({ ...toOne, seq: 8 })).not.toBe(envelopeDigest(toOne));
    expect(envelopeDigest({ ...toOne, signature: flipByte(toOne.signature, 0, 1) })).not.toBe(envelopeDigest(toOne));
  });
});

describe('refusals', () => {
  it('a non-recipient cannot open: misaddressed', async () => {
    await expectRefused(open(toThree, outsider), 'message.misaddressed');
    // Listed, but the sender left out its key.
    await expectRefused(open(resigned({ ...toThree, keys: toThree.keys.filter((k) => k.recipient !== c.id) }), c), 'message.misaddressed');
    // A key, but not listed.
    await expectRefused(open(resigned({ ...toOne, keys: [...toOne.keys, { ...toOne.keys[0]!, recipient: outsider.id }] }), outsider), 'message.misaddressed');
  });

  it('a recipient id with someone else’s private key: tampered', async () => {
    await expectRefused(openEnvelope(toThree, { orgId: b.id, encryptionPrivateKey: c.encryption.privateKey }, sender.signing.publicKey), 'message.tampered');
  });

  it('a signature by anyone but the sender: tampered', async () => {
    await expectRefused(open(toOne, b, b.signing.publicKey), 'message.tampered');
    expect(() => verifyEnvelopeSignature(toOne, sender.signing.publicKey)).not.toThrow();
    expect(() => verifyEnvelopeSignature({ ...toOne, signature: toOne.signature + '=' }, sender.signing.publicKey)).toThrow(EnvelopeError);
    expect(() => verifyEnvelopeSignature({ ...toOne, signature: '' }, sender.signing.publicKey)).toThrow(EnvelopeError);
  });

  it('any single flipped byte of the ciphertext, a wrapped key or its enc: tampered', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('ciphertext', 'wrappedKey', 'enc'), fc.nat(), fc.integer({ min: 1, max: 255 }), fc.nat(2), async (field, index, mask, which) => {
        const keys = toThree.keys.map((k, i) => (field !== 'ciphertext' && i === which ? { ...k, [field]: flipByte(k[field], index, mask) } : k));
        const ciphertext = field === 'ciphertext' ? flipByte(toThree.ciphertext, index, mask) : toThree.ciphertext;
        await expectRefused(open({ ...toThree, ciphertext, keys }, [b, c, d][which]!), 'message.tampered');
      }),
      { numRuns: 150 },
    );
  });

  it('any changed routing field: tampered', async () => {
    const changes: ((h: RoutingHeader) => Partial<RoutingHeader>)[] = [
      (h) => ({ seq: h.seq + 1 }),
      () => ({ id: 'msg_other' }),
      () => ({ sender: 'org_c' }),
      (h) => ({ recipients: [...h.recipients].reverse() }),
      () => ({ audience: { kind: 'all' } }),
      () => ({ priority: 'flash' }),
      () => ({ handling: { code: 'H2' } }),
      () => ({ handling: { code: 'H3', restriction: 'not to be passed to third countries' } }),
      () => ({ crimeAreas: ['drugs'] }),
      () => ({ caseId: 'cas_x' }),
      () => ({ createdAt: '2026-03-01T10:00:00.001Z' }),
    ];
    for (const change of changes) await expectRefused(open({ ...toThree, ...change(toThree) }, b), 'message.tampered');
    const textFields = ['id', 'sender', 'createdAt'] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...textFields), fc.nat(), async (field, index) => {
        const value = toThree[field];
        const i = index % value.length;
        const changed = value.slice(0, i) + String.fromCharCode(value.charCodeAt(i) ^ 1) + value.slice(i + 1);
        await expectRefused(open({ ...toThree, [field]: changed }, c), 'message.tampered');
      }),
      { numRuns: 60 },
    );
  });

  it('a routing header changed and signed again still fails: the header is the content’s associated data', async () => {
    await expectRefused(open(resigned({ ...toOne, priority: 'flash' }), b), 'message.tampered');
    await expectRefused(open(resigned({ ...toOne, handling: { code: 'H0' } }), b), 'message.tampered');
  });

  it('a wrapped key moved to another recipient or message fails: it is bound to id and recipient', async () => {
    const [kb, kc] = toThree.keys;
    const swapped = resigned({ ...toThree, keys: [{ ...kc!, recipient: b.id }, { ...kb!, recipient: c.id }, toThree.keys[2]!] });
    await expectRefused(open(swapped, b), 'message.tampered');
    await expectRefused(open(resigned({ ...toOne, id: 'msg_other' }), b), 'message.tampered');
  });

  it('something that is not an envelope: malformed', async () => {
    await expectRefused(open({} as Envelope, b), 'message.malformed');
    await expectRefused(open({ ...toOne, keys: 'x' } as unknown as Envelope, b), 'message.malformed');
  });

  it('content that is not a Blueline message, signed by the sender: malformed', async () => {
    await expectRefused(open(handSealed('{"subject":1}'), b), 'message.malformed');
    await expectRefused(open(handSealed('{"subject":"s","body":"b","attachments":[{"name":"n"}]}'), b), 'message.malformed');
    await expectRefused(open(handSealed('not json'), b), 'message.malformed');
  });
});

describe('signed together (decision 0008)', () => {
  const unsigned = (recipients: Org[], n: number, from = 0): UnsignedEnvelope[] =>
    Array.from({ length: n }, (_, i) => sealUnsigned(header(recipients, { id: `msg_batch${from + i}`, seq: 100 + from + i }), content, directory));
  const parts = (e: Envelope) => e.signature.split('.');
  const withParts = (e: Envelope, f: (p: string[]) => string[]) => ({ ...e, signature: f(parts(e)).join('.') });
  const flip = (h: string) => h.slice(0, -2) + (h.endsWith('AA') ? 'BA' : 'AA');

  it('one signature for the envelopes to the same recipients; each verifies and opens on its own, after JSON on the wire', async () => {
    for (const n of [2, 3, 7, 16, 100]) {
      const envelopes = signEnvelopes(unsigned([b], n), sender.signing.privateKey);
      expect(new Set(envelopes.map((e) => parts(e)[0])).size).toBe(1);
      for (const e of envelopes) {
        expect(e.signature.length).toBeLessThanOrEqual(ENVELOPE_SIGNATURE_MAX_CHARS);
        const wire = JSON.parse(JSON.stringify(e)) as Envelope;
        expect(() => verifyEnvelopeSignature(wire, sender.signing.publicKey)).not.toThrow();
        expect(await open(wire, b)).toEqual(content);
      }
    }
  });

  it('envelopes to other recipients are signed apart; one alone has a plain signature', () => {
    const mixed = [...unsigned([b], 3), ...unsigned([c], 1, 3), ...unsigned([b, c], 2, 4)];
    const envelopes = signEnvelopes([mixed[0]!, mixed[3]!, mixed[1]!, mixed[4]!, mixed[2]!, mixed[5]!], sender.signing.privateKey);
    const [b1, c1, b2, bc1, b3, bc2] = envelopes as [Envelope, Envelope, Envelope, Envelope, Envelope, Envelope];
    expect(c1.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(parts(b1)[0]).toBe(parts(b3)[0]);
    expect(parts(b1)[1]).toBe('3');
    expect(parts(bc1)[0]).toBe(parts(bc2)[0]);
    expect(parts(bc1)[0]).not.toBe(parts(b2)[0]);
    for (const e of envelopes) expect(() => verifyEnvelopeSignature(e, sender.signing.publicKey)).not.toThrow();
  });

  it('fails with another key, a changed field, another envelope\'s proof, or a changed signature, size, place or proof', async () => {
    const [x, y] = signEnvelopes(unsigned([b], 5), sender.signing.privateKey) as [Envelope, Envelope];
    await expectRefused(open(x, b, b.signing.publicKey), 'message.tampered');
    const changed: Envelope[] = [
      { ...x, seq: x.seq + 1 },
      { ...x, priority: 'flash' },
      { ...x, ciphertext: flipByte(x.ciphertext, 40, 1) },
      { ...x, signature: y.signature },
      withParts(x, (p) => [flip(p[0]!), ...p.slice(1)]),
      withParts(x, (p) => [p[0]!, '6', ...p.slice(2)]),
      withParts(x, (p) => [p[0]!, p[1]!, '1', ...p.slice(3)]),
      withParts(x, (p) => [p[0]!, p[1]!, '00', ...p.slice(3)]),
      withParts(x, (p) => [...p.slice(0, 3), flip(p[3]!), ...p.slice(4)]),
      withParts(x, (p) => p.slice(0, -1)),
      withParts(x, (p) => [...p, p[3]!]),
      withParts(x, (p) => [p[0]!, '1', '0']),
      { ...x, signature: `${parts(x)[0]}.` },
      { ...x, signature: `${parts(x).join('.')}=` },
    ];
    for (const e of changed) expect(() => verifyEnvelopeSignature(e, sender.signing.publicKey), e.signature).toThrow(EnvelopeError);
    for (const e of changed) await expectRefused(open(e, b), 'message.tampered');
    expect(() => verifyEnvelopeSignature(y, sender.signing.publicKey)).not.toThrow();
  });

  it('a receipt batch signature does not pass for envelopes (another statement)', () => {
    const [e1, e2] = unsigned([b], 2) as [UnsignedEnvelope, UnsignedEnvelope];
    const receiptSigned = signReceipts([{ messageId: 'msg_a', recipient: b.id, kind: 'delivered', at: '2026-03-01T10:00:01.000Z' }, { messageId: 'msg_b', recipient: b.id, kind: 'delivered', at: '2026-03-01T10:00:01.000Z' }], sender.signing.privateKey);
    const [sig, , , ...proof] = receiptSigned[0]!.signature.split('.');
    // Same root shape, but the statement names receipts: refused.
    expect(() => verifyEnvelopeSignature({ ...e1, signature: [sig, '2', '0', ...proof].join('.') }, sender.signing.publicKey)).toThrow(EnvelopeError);
    expect(() => verifyEnvelopeSignature({ ...e2, signature: receiptSigned[1]!.signature }, sender.signing.publicKey)).toThrow(EnvelopeError);
  });
});

describe('HPKE', () => {
  const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
  const info = Buffer.from('blueline/message/v1');
  const aad = Buffer.from('msg_x\norg_b');
  const key = randomBytes(32);

  it('what we seal, @hpke/core opens (RFC 9180, X25519 / HKDF-SHA256 / AES-256-GCM)', async () => {
    const { enc, ct } = hpkeSeal(b.encryption.publicKey, key, aad);
    const d = Buffer.from(b.encryption.privateKey.export({ format: 'jwk' }).d!, 'base64url');
    // (typed by hand: without the DOM library the linter cannot see @hpke's CryptoKey)
    const recipientKey = (await suite.kem.importKey('raw', new Uint8Array(d), false)) as webcrypto.CryptoKey;
    const opened = await suite.open({ recipientKey, enc: new Uint8Array(enc), info }, new Uint8Array(ct), aad);
    expect(Buffer.from(opened)).toEqual(key);
  });

  it('what @hpke/core seals, we open', async () => {
    const recipientPublicKey = (await suite.kem.importKey('raw', new Uint8Array(publicKeyBytes(b.encryption.publicKey)), true)) as webcrypto.CryptoKey;
    const { enc, ct } = await suite.seal({ recipientPublicKey, info }, key, aad);
    expect(hpkeOpen(b.encryption.privateKey, Buffer.from(enc), Buffer.from(ct), aad)).toEqual(key);
    expect(() => hpkeOpen(b.encryption.privateKey, Buffer.from(enc), Buffer.from(ct), Buffer.from('msg_x\norg_c'))).toThrow();
    expect(() => hpkeOpen(c.encryption.privateKey, Buffer.from(enc), Buffer.from(ct), aad)).toThrow();
    expect(() => hpkeOpen(b.encryption.privateKey, Buffer.alloc(32), Buffer.from(ct), aad)).toThrow(); // a low-order point
  });
});
