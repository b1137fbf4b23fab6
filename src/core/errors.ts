/**
 * The error catalogue: every error a client can see has a stable code, an HTTP
 * status and a title here. Answered as RFC 9457 problem details by the hub.
 */
export const ERRORS = {
  'request.malformed': { status: 400, title: 'The request body could not be parsed' },
  'request.validation_failed': { status: 400, title: 'The request does not match the schema' },
  'request.too_large': { status: 413, title: 'The request body is larger than the limit' },
  'request.bad_url': { status: 400, title: 'The URL is not correctly encoded' },
  'request.uri_too_long': { status: 414, title: 'A part of the URL is longer than the limit' },
  'request.unsupported_media_type': { status: 415, title: 'The request body has an unsupported content type' },
  'route.not_found': { status: 404, title: 'No such route' },
  'route.method_not_allowed': { status: 405, title: 'The route does not accept this method' },
  'auth.required': { status: 401, title: 'Authentication is required' },
  'auth.invalid_credentials': { status: 401, title: 'Wrong username or password' },
  'auth.session_expired': { status: 401, title: 'The session has expired or was ended' },
  'auth.api_key_invalid': { status: 401, title: 'The API key is unknown or malformed' },
  'auth.api_key_revoked': { status: 401, title: 'The API key was revoked' },
  'auth.api_key_expired': { status: 401, title: 'The API key has expired' },
  'auth.account_disabled': { status: 403, title: 'The account is disabled' },
  'auth.organisation_suspended': { status: 403, title: 'The organisation is suspended' },
  'auth.password_change_required': { status: 403, title: 'The password must be changed before anything else' },
  'auth.rate_limited': { status: 429, title: 'Too many failed login attempts; try again later' },
  'access.forbidden': { status: 403, title: 'Not permitted' },
  'access.scope_exceeded': { status: 403, title: 'The API key is not scoped for this action' },
  'organisation.not_found': { status: 404, title: 'No such organisation' },
  'organisation.conflict': { status: 409, title: 'An organisation with this identity already exists' },
  'organisation.invalid_parent': { status: 422, title: 'The parent organisation cannot hold this kind of organisation' },
  'organisation.invalid_country': { status: 422, title: 'Not an INTERPOL member country code' },
  'organisation.invalid_status_change': { status: 409, title: 'The organisation cannot move to this status' },
  'user.not_found': { status: 404, title: 'No such user' },
  'user.conflict': { status: 409, title: 'A user with this username already exists' },
  'user.invalid_role': { status: 422, title: 'The role cannot be held in this organisation' },
  'user.weak_password': { status: 422, title: 'The password does not meet the password rules' },
  'api_key.not_found': { status: 404, title: 'No such API key' },
  'api_key.invalid_scope': { status: 422, title: 'The API key scope is wider than its creator may grant' },
  'audit.entry_not_found': { status: 404, title: 'No such audit entry' },
  'audit.invalid_range': { status: 422, title: 'The tree sizes do not describe a valid proof' },
  'audit.no_checkpoint': { status: 404, title: 'No checkpoint has been signed yet' },
  'document.not_found': { status: 404, title: 'No such travel document record' },
  'document.duplicate': { status: 409, title: 'The owner already has an active record of this document' },
  'document.conflict': { status: 409, title: 'The record changed since you read it' },
  'document.invalid': { status: 422, title: 'The travel document record is not valid' },
  'document.invalid_number': { status: 422, title: 'The document number is not valid' },
  'document.invalid_mrz': { status: 422, title: 'The machine-readable zone is not valid' },
  'document.unknown_state': { status: 422, title: 'Not an ICAO 9303 issuing state code' },
  'document.batch_empty': { status: 400, title: 'The batch holds no searches' },
  'document.batch_too_large': { status: 413, title: 'The batch holds more searches than the limit' },
  'hit.not_found': { status: 404, title: 'No such hit' },
  'case.not_found': { status: 404, title: 'No such follow-up case' },
  'case.invalid_transition': { status: 409, title: 'The case cannot move to this status' },
  'case.conflict': { status: 409, title: 'The case changed since you read it' },
  'enrolment.token_invalid': { status: 401, title: 'The enrolment token is unknown, used or expired' },
  'node.certificate_required': { status: 401, title: 'This port answers member nodes presenting their network certificate' },
  'node.certificate_untrusted': { status: 401, title: 'The client certificate was not issued by this network' },
  'node.certificate_expired': { status: 401, title: 'The client certificate has expired' },
  'node.certificate_revoked': { status: 401, title: 'The client certificate was revoked' },
  'node.only': { status: 403, title: 'Only a member node, through its certificate, may do this' },
  'pki.csr_invalid': { status: 422, title: 'The certificate signing request is not valid' },
  'pki.certificate_not_found': { status: 404, title: 'No such node certificate' },
  'project.not_found': { status: 404, title: 'No such operational project' },
  'project.conflict': { status: 409, title: 'An operational project with this name already exists' },
  'message.malformed': { status: 400, title: 'The message envelope is not well formed' },
  'message.tampered': { status: 400, title: 'The message signature does not verify' },
  'message.misaddressed': { status: 400, title: 'The message is not addressed as its keys say' },
  'message.sender_mismatch': { status: 403, title: 'The envelope names another sender than the node sending it' },
  'message.unknown_recipient': { status: 422, title: 'A recipient is not an enrolled member of the network' },
  'message.replayed': { status: 409, title: 'A message with this id was already accepted with other content' },
  'message.out_of_order': { status: 409, title: 'The sequence number is not above the last one accepted from this node' },
  'message.not_found': { status: 404, title: 'No such message' },
  'message.batch_too_large': { status: 413, title: 'Too many envelopes in one request' },
  'receipt.invalid': { status: 422, title: 'The receipt does not verify or names a message its signer did not receive' },
  'directory.audience_empty': { status: 422, title: 'The audience reaches no enrolled member' },
  'person.not_found': { status: 404, title: 'No such person record' },
  'person.conflict': { status: 409, title: 'The person record changed since you read it, or was cancelled' },
  'person.invalid': { status: 422, title: 'The person record is not valid' },
  'person.name_empty': { status: 422, title: 'A name is empty' },
  'person.name_no_letters': { status: 422, title: 'A name holds no letters (only punctuation, digits or symbols)' },
  'person.name_too_long': { status: 422, title: 'A name is longer than the limit' },
  'person.name_too_many_parts': { status: 422, title: 'A name has more parts than the limit' },
  'person.name_mixed_scripts': { status: 422, title: 'A name mixes writing systems' },
  'person.name_invalid_characters': { status: 422, title: 'A name holds control or unassigned characters' },
  'person.names_missing': { status: 422, title: 'At least one name is required' },
  'person.names_too_many': { status: 422, title: 'More names than the limit' },
  'person.birth_date_invalid': { status: 422, title: 'The birth date is not a valid date' },
  'person.birth_date_out_of_range': { status: 422, title: 'The birth date is outside the accepted years' },
  'person.birth_range_invalid': { status: 422, title: 'The birth date range ends before it starts' },
  'person.nationality_invalid': { status: 422, title: 'A nationality is not an ICAO 9303 (ISO 3166-1 alpha-3) code' },
  'person.photo_invalid': { status: 422, title: 'The photograph is not a JPEG, PNG or WebP image' },
  'person.photo_too_large': { status: 413, title: 'The photograph is larger than the limit' },
  'person.photo_not_found': { status: 404, title: 'The person record has no photograph' },
  'notice.not_found': { status: 404, title: 'No such notice or diffusion' },
  'notice.unknown_type': { status: 422, title: 'Not a notice type' },
  'notice.invalid': { status: 422, title: 'The notice or diffusion is not valid' },
  'notice.duplicate': { status: 409, title: 'The person already has an open notice of this type' },
  'notice.invalid_transition': { status: 409, title: 'The notice cannot move to this status' },
  'notice.conflict': { status: 409, title: 'The notice changed since you read it' },
  'service.unavailable': { status: 503, title: 'The service is not ready' },
  'internal': { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  /** JSON pointer into the request part, e.g. `/body/name`. */
  pointer: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: readonly FieldError[] | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(
    code: ErrorCode,
    detail?: string,
    extra: { errors?: readonly FieldError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(detail ?? ERRORS[code].title, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.errors = extra.errors;
    this.headers = extra.headers;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Where a problem type is described; relative, so it resolves against the hub's own URL. */
export function problemTypeUri(code: ErrorCode): string {
  return `/api/problems/${code}`;
}
