import { Type, type Static } from 'typebox';
import { ROLES } from '../../access/permissions.js';
import { ID_PATTERN } from '../../core/ids.js';
import { PASSWORD_MAX_LENGTH } from '../../crypto/secrets.js';

export const RoleName = Type.Enum(ROLES);
export const Username = Type.String({
  minLength: 3,
  maxLength: 64,
  pattern: '^[a-z0-9][a-z0-9._-]*$',
  description: 'lower case letters, digits, dot, underscore and hyphen',
});
const DisplayName = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });

export const User = Type.Object({
  id: Type.String({ pattern: ID_PATTERN }),
  orgId: Type.String({ pattern: ID_PATTERN }),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleName),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  mustChangePassword: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  lastLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type User = Static<typeof User>;

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: DisplayName,
    roles: Type.Array(RoleName, { minItems: 1, maxItems: ROLES.length, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    roles: Type.Optional(Type.Array(RoleName, { minItems: 1, maxItems: ROLES.length, uniqueItems: true })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

/** A user together with a password shown this once. */
export const UserWithInitialPassword = Type.Object({ user: User, initialPassword: Type.String() });

export const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH });
