import { Type, type Static } from 'typebox';
import { ID_PATTERN } from '../core/ids.js';
import { ENVELOPE_SIGNATURE_MAX_CHARS } from './envelope.js';
import { RECEIPT_SIGNATURE_MAX_CHARS } from './receipt.js';

/** The crime areas a message can be filed under; the first five are the ones the network must carry. */
export const CRIME_AREAS = [
  'maritime-piracy', 'counter-terrorism', 'major-events', 'cybercrime', 'child-sexual-exploitation',
  'drugs', 'human-trafficking', 'firearms', 'financial-crime', 'organised-crime', 'fugitives',
  'environmental-crime', 'cultural-property', 'vehicle-crime', 'other',
] as const;

export const PRIORITIES = ['routine', 'urgent', 'flash'] as const;
export const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'] as const;

export const MESSAGE_LIMITS = {
  /** Envelopes in one POST /node/v1/messages. */
  batch: 100,
  /** Recipients of one message (a diffusion to every member fits). */
  recipients: 1000,
  /** Encrypted content of one message, in base64url characters (about 24 MiB of content). */
  ciphertextChars: 32 * 1024 * 1024,
  /** The node port's request body limit: a batch of large messages. */
  nodeBodyBytes: 64 * 1024 * 1024,
  /** Items in one inbox page. */
  inboxPage: 500,
  /** Longest inbox long poll, in seconds. */
  inboxWaitSeconds: 25,
  receipts: 1000,
} as const;

const OrgId = Type.String({ pattern: ID_PATTERN });
const Base64Url = (maxLength: number) => Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength });

export const Audience = Type.Union([
  Type.Object({ kind: Type.Literal('agencies'), ids: Type.Array(OrgId, { minItems: 1, maxItems: MESSAGE_LIMITS.recipients, uniqueItems: true }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('region'), region: Type.Enum(['africa', 'americas', 'asia-south-pacific', 'europe', 'middle-east-north-africa']) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('all') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('project'), projectId: Type.String({ pattern: ID_PATTERN }) }, { additionalProperties: false }),
]);
export type Audience = Static<typeof Audience>;

export const EnvelopeBody = Type.Object({
  v: Type.Literal(1),
  id: Type.String({ pattern: ID_PATTERN }),
  sender: OrgId,
  seq: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
  recipients: Type.Array(OrgId, { minItems: 1, maxItems: MESSAGE_LIMITS.recipients, uniqueItems: true }),
  audience: Audience,
  priority: Type.Enum(PRIORITIES),
  handling: Type.Object({ code: Type.Enum(HANDLING_CODES), restriction: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) }, { additionalProperties: false }),
  crimeAreas: Type.Array(Type.Enum(CRIME_AREAS), { maxItems: CRIME_AREAS.length, uniqueItems: true }),
  caseId: Type.Union([Type.String({ pattern: ID_PATTERN }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time', maxLength: 40 }),
  contentType: Type.Literal('application/vnd.blueline.message+json'),
  ciphertext: Base64Url(MESSAGE_LIMITS.ciphertextChars),
  keys: Type.Array(Type.Object({ recipient: OrgId, enc: Base64Url(256), wrappedKey: Base64Url(256) }, { additionalProperties: false }), { minItems: 1, maxItems: MESSAGE_LIMITS.recipients }),
  signature: Type.String({ pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$', maxLength: ENVELOPE_SIGNATURE_MAX_CHARS, description: 'Ed25519, base64url; or a batch signature with its inclusion proof (messaging/batch-signature.ts)' }),
}, { additionalProperties: false });
export type EnvelopeBody = Static<typeof EnvelopeBody>;

export const ReceiptBody = Type.Object({
  messageId: Type.String({ pattern: ID_PATTERN }),
  recipient: OrgId,
  kind: Type.Enum(['delivered', 'read']),
  at: Type.String({ format: 'date-time', maxLength: 40 }),
  by: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  signature: Type.String({ pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$', maxLength: RECEIPT_SIGNATURE_MAX_CHARS, description: 'Ed25519, base64url; or a batch signature with its inclusion proof (messaging/receipt.ts)' }),
}, { additionalProperties: false });
export type ReceiptBody = Static<typeof ReceiptBody>;

export const AcceptResult = Type.Object({
  id: Type.String(),
  status: Type.Enum(['accepted', 'duplicate', 'refused']),
  code: Type.Optional(Type.String()),
  detail: Type.Optional(Type.String()),
});
export type AcceptResult = Static<typeof AcceptResult>;

export const DirectoryEntry = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  country: Type.Union([Type.String(), Type.Null()]),
  signingKey: Type.String(),
  encryptionKey: Type.String(),
});
export type DirectoryEntry = Static<typeof DirectoryEntry>;

/** An organisation a message can be addressed to (it has an enrolled node). */
export const Address = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String({ description: 'ncb or agency' }),
  country: Type.Union([Type.String(), Type.Null()]),
  region: Type.Union([Type.String(), Type.Null()], { description: 'the country\'s INTERPOL region' }),
  parentId: Type.Union([Type.String(), Type.Null()], { description: 'an agency\'s NCB' }),
});
export type Address = Static<typeof Address>;

export const ADDRESS_LIMITS = { default: 200, max: 1000, textChars: 100 } as const;

export const AddressFilter = Type.Object({
  country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166 alpha-2' })),
  kind: Type.Optional(Type.Union([Type.Literal('ncb'), Type.Literal('agency')])),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: ADDRESS_LIMITS.textChars, description: 'part of the name, or a country code' })),
  limit: Type.Integer({ minimum: 1, maximum: ADDRESS_LIMITS.max, default: ADDRESS_LIMITS.default }),
}, { additionalProperties: false });
export type AddressFilter = Static<typeof AddressFilter>;

/** What the hub may show of a message: its routing metadata, never its content. */
export const MessageMetadata = Type.Object({
  id: Type.String(),
  sender: Type.String(),
  recipients: Type.Array(Type.String()),
  priority: Type.String(),
  caseId: Type.Union([Type.String(), Type.Null()]),
  size: Type.Integer(),
  createdAt: Type.String(),
  receivedAt: Type.String(),
  receipts: Type.Array(Type.Object({ recipient: Type.String(), kind: Type.String(), at: Type.String() })),
});
export type MessageMetadata = Static<typeof MessageMetadata>;
