import { Type, type Static } from 'typebox';
import { PERMISSIONS } from '../../access/permissions.js';
import { ID_PATTERN } from '../../core/ids.js';

export const PermissionName = Type.Enum(PERMISSIONS);

export const ApiKey = Type.Object({
  id: Type.String({ pattern: ID_PATTERN }),
  orgId: Type.String({ pattern: ID_PATTERN }),
  name: Type.String(),
  permissions: Type.Array(PermissionName),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ApiKey = Static<typeof ApiKey>;

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    permissions: Type.Array(PermissionName, { minItems: 1, maxItems: PERMISSIONS.length, uniqueItems: true }),
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>;

/** The key with its secret, shown this once and never again. */
export const CreatedApiKey = Type.Object({ apiKey: ApiKey, secret: Type.String() });
