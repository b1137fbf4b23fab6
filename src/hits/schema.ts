import { Type, type Static } from 'typebox';
import { DATABASES } from '../access/permissions.js';
import { ID_PATTERN } from '../core/ids.js';

export const CASE_STATUSES = ['new', 'acknowledged', 'confirmed', 'false_positive', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Where a follow-up case may go from each status. Closed is final. */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['acknowledged', 'confirmed', 'false_positive', 'closed'],
  acknowledged: ['confirmed', 'false_positive', 'closed'],
  confirmed: ['closed'],
  false_positive: ['closed'],
  closed: [],
};

const Id = Type.String({ pattern: ID_PATTERN });
const Time = Type.String({ format: 'date-time' });

export const Hit = Type.Object({
  id: Id,
  database: Type.Enum(DATABASES),
  recordId: Id,
  ownerOrgId: Id,
  ownerCountry: Type.Union([Type.String(), Type.Null()]),
  searcher: Type.Object({ type: Type.String(), id: Type.String(), name: Type.String(), orgId: Id, country: Type.Union([Type.String(), Type.Null()]) }),
  location: Type.Union([Type.String(), Type.Null()]),
  query: Type.Record(Type.String(), Type.Unknown()),
  match: Type.Record(Type.String(), Type.Unknown()),
  concealed: Type.Boolean({ description: 'the owner\'s restrictions hid the record: the searcher was told no hit' }),
  caseId: Type.Union([Id, Type.Null()]),
  createdAt: Time,
});
export type Hit = Static<typeof Hit>;

export const Case = Type.Object({
  id: Id,
  hitId: Id,
  database: Type.Enum(DATABASES),
  recordId: Id,
  ownerNcbId: Id,
  searcherNcbId: Id,
  priority: Type.Union([Type.Literal('routine'), Type.Literal('urgent')]),
  status: Type.Enum(CASE_STATUSES),
  deadlineAt: Time,
  overdue: Type.Boolean({ description: 'still new after its deadline' }),
  version: Type.Integer(),
  createdAt: Time,
  updatedAt: Time,
  closedAt: Type.Union([Time, Type.Null()]),
});
export type Case = Static<typeof Case>;

export const CaseEvent = Type.Object({
  seq: Type.Integer(),
  at: Time,
  actorId: Type.String(),
  actorOrgId: Type.String(),
  from: Type.Union([Type.Enum(CASE_STATUSES), Type.Null()]),
  to: Type.Enum(CASE_STATUSES),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type CaseEvent = Static<typeof CaseEvent>;

export const UpdateCaseBody = Type.Object(
  {
    status: Type.Enum(CASE_STATUSES),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'the version you saw; refused if the case changed since' })),
  },
  { additionalProperties: false },
);
export type UpdateCaseBody = Static<typeof UpdateCaseBody>;

export const ListCasesQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(CASE_STATUSES)),
    overdue: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    after: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type ListCasesQuery = Static<typeof ListCasesQuery>;
