import { Type } from 'typebox';
import { PermissionName } from '../api-keys/schema.js';
import { Organisation } from '../organisations/schema.js';
import { Password, RoleName, User } from '../users/schema.js';

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Password },
  { additionalProperties: false },
);

export const LoginResult = Type.Object({
  token: Type.String({ description: 'send as "Authorization: Bearer <token>"; the console uses the cookie instead' }),
  expiresAt: Type.String({ format: 'date-time' }),
  user: User,
});

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const WhoAmI = Type.Object({
  kind: Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('system')]),
  id: Type.String(),
  name: Type.String(),
  roles: Type.Array(RoleName),
  permissions: Type.Array(PermissionName),
  mustChangePassword: Type.Boolean(),
  organisation: Organisation,
});
