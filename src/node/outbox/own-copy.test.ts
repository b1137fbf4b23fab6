import { newKeyPair } from '../../crypto/node-keys.js';
import { describe, expect, it } from 'vitest';
import { isOwnCopy, openOwnCopy, ownCopyKey, sealOwnCopy } from './own-copy.js';

describe('the node\'s own copy of a sent message', () => {
  const key = ownCopyKey(newKeyPair('x25519').privateKey);
  const content = { subject: 'Harbour watch', body: 'Vessel seen at 04:10', attachments: [{ name: 'a.bin', contentType: 'application/octet-stream', data: new Uint8Array([1, 2, 3]) }] };

  it('opens what it sealed, and holds nothing in clear', () => {
    const copy = sealOwnCopy(key, 'msg_1', content);
    expect(isOwnCopy(copy)).toBe(true);
    expect(JSON.stringify(copy)).not.toContain('Harbour');
    const opened = openOwnCopy(key, 'msg_1', JSON.parse(JSON.stringify(copy)) as typeof copy);
    expect(opened.subject).toBe('Harbour watch');
    expect(opened.body).toBe('Vessel seen at 04:10');
    expect([...opened.attachments[0]!.data]).toEqual([1, 2, 3]);
  });

  it('refuses a changed byte, another message\'s copy and another node\'s key', () => {
    const copy = sealOwnCopy(key, 'msg_1', content);
    const bytes = Buffer.from(copy.sealed, 'base64url');
    bytes[20] = (bytes[20] as number) ^ 1;
    expect(() => openOwnCopy(key, 'msg_1', { ...copy, sealed: bytes.toString('base64url') })).toThrow(/cannot be decrypted/);
    expect(() => openOwnCopy(key, 'msg_2', { ...copy, id: 'msg_2' })).toThrow(/cannot be decrypted/);
    expect(() => openOwnCopy(key, 'msg_2', copy)).toThrow(/cannot be decrypted/);
    expect(() => openOwnCopy(ownCopyKey(newKeyPair('x25519').privateKey), 'msg_1', copy)).toThrow(/cannot be decrypted/);
  });
});
