import { Type } from 'typebox';
import { ID_PATTERN } from '../../core/ids.js';
import { Audience, CRIME_AREAS, HANDLING_CODES, PRIORITIES } from '../../messaging/schema.js';

const Time = Type.String({ format: 'date-time' });
const NullableTime = Type.Union([Time, Type.Null()]);
const Handling = Type.Object({ code: Type.Enum(HANDLING_CODES), restriction: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) }, { additionalProperties: false });

export const Attachment = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255, pattern: '^[^/\\\\\\x00-\\x1f]+$' }),
    contentType: Type.String({ minLength: 3, maxLength: 127, pattern: '^[a-zA-Z0-9!#$&^_.+-]+/[a-zA-Z0-9!#$&^_.+-]+$' }),
    data: Type.String({ description: 'the file, base64' }),
  },
  { additionalProperties: false },
);

export const ComposeBody = Type.Object(
  {
    audience: Audience,
    priority: Type.Enum(PRIORITIES),
    handling: Handling,
    crimeAreas: Type.Array(Type.Enum(CRIME_AREAS), { maxItems: CRIME_AREAS.length, uniqueItems: true }),
    caseId: Type.Optional(Type.Union([Type.String({ pattern: ID_PATTERN }), Type.Null()])),
    subject: Type.String({ minLength: 1, maxLength: 500 }),
    body: Type.String({ description: 'plain text; the node\'s limit is BLUELINE_NODE_MAX_BODY_CHARS' }),
    attachments: Type.Optional(Type.Array(Attachment, { maxItems: 100, description: 'count and total size within BLUELINE_NODE_MAX_ATTACHMENTS and BLUELINE_NODE_MAX_ATTACHMENT_BYTES' })),
  },
  { additionalProperties: false },
);

export const Composed = Type.Object({
  id: Type.String(),
  state: Type.Union([Type.Literal('queued'), Type.Literal('awaiting_recipients')]),
  seq: Type.Union([Type.Integer(), Type.Null()]),
  recipients: Type.Union([Type.Array(Type.String()), Type.Null()]),
  unreachable: Type.Array(Type.String()),
  createdAt: Time,
});

/** Messages in one POST /api/v1/messages/batch; the request as a whole stays within BLUELINE_NODE_BODY_LIMIT. */
export const COMPOSE_BATCH_MAX = 100;

export const ComposeBatchBody = Type.Object(
  { messages: Type.Array(ComposeBody, { minItems: 1, maxItems: COMPOSE_BATCH_MAX }) },
  { additionalProperties: false },
);

export const ComposeBatchResults = Type.Object({
  results: Type.Array(Type.Union([
    Type.Object({ status: Type.Literal('composed'), message: Composed }),
    Type.Object({ status: Type.Literal('failed'), code: Type.String(), detail: Type.String() }),
  ]), { description: 'one per message, in the order sent' }),
});

const OrgRef = Type.Object({ id: Type.String(), name: Type.Union([Type.String(), Type.Null()]) });
const HandlingOut = Type.Object({ code: Type.String(), restriction: Type.Optional(Type.String()) });

const routing = {
  id: Type.String(),
  priority: Type.String(),
  handling: HandlingOut,
  crimeAreas: Type.Array(Type.String()),
  caseId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Time,
};

const inbox = {
  ...routing,
  sender: OrgRef,
  receivedAt: Time,
  readAt: NullableTime,
  readBy: Type.Union([Type.String(), Type.Null()]),
};

const outbox = {
  ...routing,
  seq: Type.Union([Type.Integer(), Type.Null()]),
  state: Type.Union([Type.Literal('awaiting_recipients'), Type.Literal('queued'), Type.Literal('sent'), Type.Literal('failed')]),
  failureCode: Type.Union([Type.String(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Integer(),
  nextAttemptAt: NullableTime,
  sentAt: NullableTime,
  createdBy: Type.String(),
  audience: Type.Unknown(),
  recipients: Type.Array(Type.Object({ id: Type.String(), name: Type.Union([Type.String(), Type.Null()]), deliveredAt: NullableTime, readAt: NullableTime, readBy: Type.Union([Type.String(), Type.Null()]) })),
};

const Subject = Type.Union([Type.String(), Type.Null()], { description: 'null when the node cannot open the message' });
export const InboxItem = Type.Object({ ...inbox, subject: Subject });
export const OutboxItem = Type.Object({ ...outbox, subject: Subject });

const AttachmentOut = Type.Object({ name: Type.String(), contentType: Type.String(), size: Type.Integer(), data: Type.String() });
const content = { subject: Type.String(), body: Type.String(), attachments: Type.Array(AttachmentOut) };
export const MessageView = Type.Union([
  Type.Object({ direction: Type.Literal('in'), ...inbox, ...content }),
  Type.Object({ direction: Type.Literal('out'), ...outbox, ...content }),
]);

export const Refusal = Type.Object({
  id: Type.Integer(),
  messageId: Type.Union([Type.String(), Type.Null()]),
  sender: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  detail: Type.String(),
  receivedAt: Time,
});

export const ListQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  before: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'the last id of the previous page (newest first)' })),
};
