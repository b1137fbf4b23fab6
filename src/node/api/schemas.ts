import { Type, type Static } from 'typebox';
import { ID_PATTERN } from '../../core/ids.js';
import { PASSWORD_MAX_LENGTH } from '../../crypto/secrets.js';
import { NODE_PERMISSIONS, NODE_ROLES } from '../accounts/permissions.js';

export const NodeProblem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ pointer: Type.String(), message: Type.String() }))),
  },
  { $id: 'NodeProblem', description: 'RFC 9457 problem details' },
);

export const problems = {
  400: Type.Ref('NodeProblem'),
  401: Type.Ref('NodeProblem'),
  403: Type.Ref('NodeProblem'),
  404: Type.Ref('NodeProblem'),
} as const;

export const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) }, { additionalProperties: false });

export const RoleName = Type.Enum(NODE_ROLES);
export const PermissionName = Type.Enum(NODE_PERMISSIONS);
export const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH });
export const Username = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$', description: 'lower case letters, digits, dot, underscore and hyphen' });
const DisplayName = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Time = Type.String({ format: 'date-time' });
const NullableTime = Type.Union([Time, Type.Null()]);

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleName),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  mustChangePassword: Type.Boolean(),
  createdAt: Time,
  updatedAt: Time,
  lastLoginAt: NullableTime,
});

export const LoginBody = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Password }, { additionalProperties: false });
export const LoginResult = Type.Object({ token: Type.String(), expiresAt: Time, user: User });
export const ChangePasswordBody = Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false });
export const WhoAmI = Type.Object({
  kind: Type.Union([Type.Literal('user'), Type.Literal('api_key')]),
  id: Type.String(),
  name: Type.String(),
  roles: Type.Array(RoleName),
  permissions: Type.Array(PermissionName),
  mustChangePassword: Type.Boolean(),
  node: Type.Object({ orgId: Type.String(), hubUrl: Type.String() }),
});

export const CreateUserBody = Type.Object(
  { username: Username, displayName: DisplayName, roles: Type.Array(RoleName, { minItems: 1, maxItems: NODE_ROLES.length, uniqueItems: true }) },
  { additionalProperties: false },
);
export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    roles: Type.Optional(Type.Array(RoleName, { minItems: 1, maxItems: NODE_ROLES.length, uniqueItems: true })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;
export const UserWithPassword = Type.Object({ user: User, initialPassword: Type.String() });

export const ApiKey = Type.Object({
  id: Type.String(),
  name: Type.String(),
  permissions: Type.Array(PermissionName),
  createdBy: Type.String(),
  createdAt: Time,
  expiresAt: NullableTime,
  revokedAt: NullableTime,
  lastUsedAt: NullableTime,
});
export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[\\x20-\\x7e]*\\S[\\x20-\\x7e]*$', description: 'printable ASCII: the hub records it as who asked' }),
    permissions: Type.Array(PermissionName, { minItems: 1, maxItems: NODE_PERMISSIONS.length, uniqueItems: true }),
    expiresAt: Type.Optional(Time),
  },
  { additionalProperties: false },
);
export const CreatedApiKey = Type.Object({ apiKey: ApiKey, secret: Type.String() });
