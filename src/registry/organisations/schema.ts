import { Type, type Static } from 'typebox';
import { ID_PATTERN } from '../../core/ids.js';
import { DATABASES } from '../../access/permissions.js';

export const OrganisationKind = Type.Union([Type.Literal('hub'), Type.Literal('ncb'), Type.Literal('agency'), Type.Literal('partner')]);
export const OrganisationStatus = Type.Union([Type.Literal('pending'), Type.Literal('connected'), Type.Literal('suspended')]);
export const AgencyType = Type.Union([
  Type.Literal('police'), Type.Literal('border'), Type.Literal('customs'), Type.Literal('immigration'),
  Type.Literal('judicial'), Type.Literal('other'),
]);
export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, upper case' });
export const OrganisationId = Type.String({ pattern: ID_PATTERN });
export const DatabaseName = Type.Enum(DATABASES);

export const Organisation = Type.Object({
  id: OrganisationId,
  kind: OrganisationKind,
  name: Type.String(),
  country: Type.Union([CountryCode, Type.Null()]),
  parentId: Type.Union([OrganisationId, Type.Null()]),
  agencyType: Type.Union([AgencyType, Type.Null()]),
  status: OrganisationStatus,
  suspendedBy: Type.Union([OrganisationId, Type.Null()], { description: 'while suspended: the organisation that suspended it' }),
  lastSeenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Organisation = Static<typeof Organisation>;

const Name = Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' });

export const CreateOrganisationBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('ncb'), Type.Literal('agency'), Type.Literal('partner')]),
    name: Name,
    country: Type.Optional(CountryCode),
    parentId: Type.Optional(OrganisationId),
    agencyType: Type.Optional(AgencyType),
  },
  { additionalProperties: false },
);
export type CreateOrganisationBody = Static<typeof CreateOrganisationBody>;

export const UpdateOrganisationBody = Type.Object(
  {
    name: Type.Optional(Name),
    status: Type.Optional(OrganisationStatus),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateOrganisationBody = Static<typeof UpdateOrganisationBody>;

export const ListOrganisationsQuery = Type.Object(
  {
    kind: Type.Optional(OrganisationKind),
    country: Type.Optional(CountryCode),
    status: Type.Optional(OrganisationStatus),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
    after: Type.Optional(OrganisationId),
  },
  { additionalProperties: false },
);
export type ListOrganisationsQuery = Static<typeof ListOrganisationsQuery>;

export const DatabaseAccess = Type.Object(
  {
    databases: Type.Array(DatabaseName, { maxItems: DATABASES.length, uniqueItems: true, description: 'the databases the agency may search' }),
    writable: Type.Optional(Type.Array(DatabaseName, { maxItems: DATABASES.length, uniqueItems: true, description: 'of those, the ones in which it may also keep records (its records officers)' })),
  },
  { additionalProperties: false },
);
export type DatabaseAccess = Static<typeof DatabaseAccess>;
