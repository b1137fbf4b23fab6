import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { checkPhoto, detectPhotoType } from './photo.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]);
const WEBP = (chunk: string) => Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WEBP', 'latin1'), Buffer.from(chunk, 'latin1'), Buffer.alloc(8)]);

describe('photographs are told by their bytes', () => {
  it('knows JPEG, PNG and the three WebP encodings', () => {
    expect(detectPhotoType(JPEG)).toBe('image/jpeg');
    expect(detectPhotoType(PNG)).toBe('image/png');
    for (const chunk of ['VP8 ', 'VP8L', 'VP8X']) expect(detectPhotoType(WEBP(chunk))).toBe('image/webp');
  });

  it('knows nothing else, nor a truncated or disguised header', () => {
    const others = [
      Buffer.from('GIF89a', 'latin1'), Buffer.from('BM6\x00\x00\x00', 'latin1'), Buffer.from('%PDF-1.7', 'latin1'), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'), WEBP('ABCD'), PNG.subarray(0, 8), Buffer.from([0xff, 0xd8]), Buffer.from([0xff, 0xd8, 0xff, 0x00]), Buffer.alloc(0),
      Buffer.from('\x00\x00\x00\x18ftypheic', 'latin1'),
    ];
    for (const bytes of others) expect(detectPhotoType(bytes), bytes.toString('latin1')).toBeNull();
  });

  it('refuses a declared type that is not the real one, and accepts octet-stream or none', () => {
    expect(checkPhoto(PNG, 'image/png')).toBe('image/png');
    expect(checkPhoto(PNG, 'application/octet-stream')).toBe('image/png');
    expect(checkPhoto(PNG, undefined)).toBe('image/png');
    expect(checkPhoto(JPEG, 'IMAGE/JPEG; charset=binary')).toBe('image/jpeg');
    for (const [body, type] of [[PNG, 'image/jpeg'], [PNG, 'text/plain'], ['text', 'image/png'], [{ a: 1 }, 'application/json']] as const) {
      expect(() => checkPhoto(body, type)).toThrow(AppError);
    }
  });
});
