import { createHash, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CheckpointError,
  formatCheckpoint,
  keyId,
  openNote,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
} from './checkpoint.js';
import { newKeyPair } from '../crypto/node-keys.js';

const ORIGIN = 'blueline.example/audit/v1';
const KEY_NAME = 'blueline.example/audit';
const root = createHash('sha256').update('some tree').digest();
// Keys from newKeyPair, not generateKeyPairSync: exporting a freshly generated key can deadlock Node 20.
const { publicKey, privateKey } = newKeyPair('ed25519');
const other = newKeyPair('ed25519');

const body = formatCheckpoint({ origin: ORIGIN, size: 1234567, root });
const note = signCheckpoint(body, KEY_NAME, privateKey);

function expectMalformed(fn: () => unknown): void {
  expect(fn).toThrow(CheckpointError);
  try {
    fn();
  } catch (error) {
    expect((error as CheckpointError).code).toBe('malformed');
  }
}

describe('checkpoint body', () => {
  it('formats the three tlog-checkpoint lines', () => {
    expect(body).toBe(`${ORIGIN}\n1234567\n${root.toString('base64')}\n`);
    expect(parseCheckpoint(body)).toEqual({ origin: ORIGIN, size: 1234567, root });
  });

  it('round-trips size zero and the largest safe size', () => {
    for (const size of [0, Number.MAX_SAFE_INTEGER]) {
      expect(parseCheckpoint(formatCheckpoint({ origin: ORIGIN, size, root })).size).toBe(size);
    }
  });

  it('refuses to format invalid fields', () => {
    expectMalformed(() => formatCheckpoint({ origin: '', size: 1, root }));
    expectMalformed(() => formatCheckpoint({ origin: 'a\nb', size: 1, root }));
    expectMalformed(() => formatCheckpoint({ origin: ORIGIN, size: -1, root }));
    expectMalformed(() => formatCheckpoint({ origin: ORIGIN, size: 1.5, root }));
    expectMalformed(() => formatCheckpoint({ origin: ORIGIN, size: 1, root: root.subarray(1) }));
  });

  const rootB64 = root.toString('base64');
  const malformedBodies: Record<string, string> = {
    'empty': '',
    'no trailing newline': `${ORIGIN}\n5\n${rootB64}`,
    'extension line': `${ORIGIN}\n5\n${rootB64}\nextra\n`,
    'blank extra line': `${ORIGIN}\n5\n${rootB64}\n\n`,
    'missing root': `${ORIGIN}\n5\n`,
    'CRLF': `${ORIGIN}\r\n5\r\n${rootB64}\r\n`,
    'empty origin': `\n5\n${rootB64}\n`,
    'leading zero': `${ORIGIN}\n05\n${rootB64}\n`,
    'plus sign': `${ORIGIN}\n+5\n${rootB64}\n`,
    'negative': `${ORIGIN}\n-5\n${rootB64}\n`,
    'exponent': `${ORIGIN}\n5e3\n${rootB64}\n`,
    'hex size': `${ORIGIN}\n0x5\n${rootB64}\n`,
    'space in size': `${ORIGIN}\n 5\n${rootB64}\n`,
    'empty size': `${ORIGIN}\n\n${rootB64}\n`,
    'unsafe size': `${ORIGIN}\n9007199254740992\n${rootB64}\n`,
    'unpadded base64': `${ORIGIN}\n5\n${rootB64.replace(/=$/, '')}\n`,
    'url-safe base64': `${ORIGIN}\n5\n${Buffer.alloc(32, 0xfb).toString('base64url')}=\n`,
    'non-canonical base64': `${ORIGIN}\n5\n${rootB64.slice(0, 42)}B=\n`,
    'junk in base64': `${ORIGIN}\n5\n${rootB64.slice(0, 10)}!${rootB64.slice(11)}\n`,
    'short hash': `${ORIGIN}\n5\n${root.subarray(1).toString('base64')}\n`,
    'long hash': `${ORIGIN}\n5\n${Buffer.concat([root, root.subarray(0, 1)]).toString('base64')}\n`,
    'control character in origin': `${ORIGIN}\u0007\n5\n${rootB64}\n`,
  };

  it.each(Object.entries(malformedBodies))('rejects %s', (_name, text) => {
    expectMalformed(() => parseCheckpoint(text));
  });

  it('checks that the non-canonical base64 case really differs only in padding bits', () => {
    const text = malformedBodies['non-canonical base64'] as string;
    const lastLine = text.split('\n')[2] as string;
    expect(lastLine).not.toBe(rootB64);
  });
});

describe('signed checkpoint note', () => {
  it('has the signed-note layout with key id and Ed25519 signature', () => {
    const [signedText, sigLine] = note.split('\n\n');
    expect(`${signedText}\n`).toBe(body);
    expect(sigLine).toMatch(/^\u2014 blueline\.example\/audit [A-Za-z0-9+/]{91}=\n$/);
    const parsed = openNote(note);
    expect(parsed.body).toBe(body);
    expect(parsed.signatures).toHaveLength(1);
    expect(parsed.signatures[0]?.keyId).toEqual(keyId(KEY_NAME, publicKey));
    expect(parsed.signatures[0]?.signature).toHaveLength(64);
  });

  it('computes the key id from name, newline, algorithm byte and raw key', () => {
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
    expect(raw).toHaveLength(32);
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from(KEY_NAME), Buffer.from([0x0a, 0x01]), raw]))
      .digest()
      .subarray(0, 4);
    expect(keyId(KEY_NAME, publicKey)).toEqual(expected);
  });

  it('round-trips through verification', () => {
    expect(verifyCheckpoint(note, KEY_NAME, publicKey)).toEqual({
      ok: true,
      checkpoint: { origin: ORIGIN, size: 1234567, root },
    });
  });

  it('fails when any single byte of the note is altered', () => {
    const bytes = Buffer.from(note, 'utf8');
    for (let i = 0; i < bytes.length; i++) {
      for (const mask of [0x01, 0x80]) {
        const altered = Buffer.from(bytes);
        altered[i] = (altered[i] as number) ^ mask;
        const result = verifyCheckpoint(altered.toString('utf8'), KEY_NAME, publicKey);
        expect(result.ok, `byte ${i} ^ ${mask}`).toBe(false);
      }
    }
  });

  it('fails with the wrong key or key name', () => {
    expect(verifyCheckpoint(note, KEY_NAME, other.publicKey)).toMatchObject({ ok: false, code: 'unknown-key' });
    expect(verifyCheckpoint(note, 'someone.else', publicKey)).toMatchObject({ ok: false, code: 'unknown-key' });
  });

  it('fails when a line claims our key id but was signed by another key', () => {
    const forged = sign(null, Buffer.from(body), other.privateKey);
    const blob = Buffer.concat([keyId(KEY_NAME, publicKey), forged]).toString('base64');
    const text = `${body}\n\u2014 ${KEY_NAME} ${blob}\n`;
    expect(verifyCheckpoint(text, KEY_NAME, publicKey)).toMatchObject({ ok: false, code: 'bad-signature' });
  });

  it('ignores signatures by other keys such as witnesses', () => {
    const witnessed = signCheckpoint(body, 'witness.example', other.privateKey);
    const cosigned = note + witnessed.slice(body.length + 1);
    expect(openNote(cosigned).signatures).toHaveLength(2);
    expect(verifyCheckpoint(cosigned, KEY_NAME, publicKey).ok).toBe(true);
    expect(verifyCheckpoint(cosigned, 'witness.example', other.publicKey).ok).toBe(true);
  });

  it('rejects malformed notes', () => {
    const sigLine = note.slice(body.length + 1);
    const cases = [
      '',
      body,
      `${body}\n`,
      note.slice(0, -1),
      `${note}\n`,
      `${body}${sigLine}`,
      `${body}\n${sigLine.replace('\u2014', '-')}`,
      `${body}\n${sigLine.replace(' ', '')}`,
      `${body}\n${sigLine}garbage\n`,
      `${body}\n\u2014 ${KEY_NAME} AAAA\n`,
      note.replace(`${ORIGIN}\n`, `${ORIGIN}\nextension\n`),
    ];
    for (const text of cases) {
      expect(verifyCheckpoint(text, KEY_NAME, publicKey).ok, JSON.stringify(text)).toBe(false);
    }
    expectMalformed(() => openNote(`${body}\n\u2014 ${KEY_NAME} AAAA\n`));
    expectMalformed(() => openNote(note.replace('\n', '\r\n')));
  });

  it('refuses to sign invalid bodies or with invalid keys', () => {
    expectMalformed(() => signCheckpoint(`${body}extra\n`, KEY_NAME, privateKey));
    expect(() => signCheckpoint(body, 'has space', privateKey)).toThrow(CheckpointError);
    expect(() => signCheckpoint(body, 'a+b', privateKey)).toThrow(CheckpointError);
    expect(() => signCheckpoint(body, KEY_NAME, publicKey)).toThrow(CheckpointError);
    const ec = newKeyPair('p256');
    expect(() => signCheckpoint(body, KEY_NAME, ec.privateKey)).toThrow(CheckpointError);
    expect(verifyCheckpoint(note, KEY_NAME, ec.publicKey)).toMatchObject({ ok: false, code: 'invalid-key' });
  });
});
