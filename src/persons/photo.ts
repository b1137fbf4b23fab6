import { AppError } from '../core/errors.js';
import { PERSON_LIMITS } from './schema.js';

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ascii = (bytes: Uint8Array, at: number, text: string): boolean => [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

/**
 * The image type of some bytes, told by their content and never by what the
 * sender declared: JPEG (SOI then a marker), PNG (signature then the IHDR
 * chunk), WebP (a RIFF WEBP container holding a VP8, VP8L or VP8X chunk).
 * Anything else is not a photograph here.
 */
export function detectPhotoType(bytes: Uint8Array): PhotoType | null {
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && (bytes[3] ?? 0) >= 0xc0) return 'image/jpeg';
  if (bytes.length >= 24 && PNG.every((b, i) => bytes[i] === b) && ascii(bytes, 12, 'IHDR')) return 'image/png';
  if (bytes.length >= 16 && ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP') && (ascii(bytes, 12, 'VP8 ') || ascii(bytes, 12, 'VP8L') || ascii(bytes, 12, 'VP8X'))) return 'image/webp';
  return null;
}

const DECLARABLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream']);

/** Checks an uploaded photograph; answers its type. The declared type, when it names an image, must be the real one. */
export function checkPhoto(body: unknown, declared: string | undefined): PhotoType {
  if (!(body instanceof Uint8Array) || body.length === 0) {
    throw new AppError('person.photo_invalid', 'send the image itself as the request body (Content-Type image/jpeg, image/png or image/webp)');
  }
  if (body.length > PERSON_LIMITS.photoBytes) throw tooLarge(body.length);
  const type = detectPhotoType(body);
  if (!type) throw new AppError('person.photo_invalid', 'the bytes are not a JPEG, PNG or WebP image');
  const mediaType = declared?.split(';')[0]?.trim().toLowerCase();
  if (mediaType && !DECLARABLE.has(mediaType)) throw new AppError('person.photo_invalid', `${mediaType} is not accepted; send image/jpeg, image/png or image/webp`);
  if (mediaType && mediaType !== 'application/octet-stream' && mediaType !== type) throw new AppError('person.photo_invalid', `declared as ${mediaType}, but the bytes are ${type}`);
  return type;
}

export function tooLarge(size: number | null): AppError {
  const limit = `${PERSON_LIMITS.photoBytes / 1_048_576} MiB (${PERSON_LIMITS.photoBytes} bytes)`;
  return new AppError('person.photo_too_large', size === null ? `a photograph is at most ${limit}` : `a photograph is at most ${limit}; this one has ${size} bytes or more`);
}
