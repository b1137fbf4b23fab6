import { ERRORS, type FieldError } from '../core/errors.js';

/**
 * The node API's error catalogue: the hub's codes it shares (request.*,
 * auth.*, user.*, message.* …) and the node's own. Answered as RFC 9457
 * problem details; GET /api/problems at the node lists them.
 */
export const NODE_ERRORS = {
  ...ERRORS,
  'node.hub_unreachable': { status: 503, title: 'The hub cannot be reached from this node; try again later' },
  'node.hub_refused': { status: 502, title: 'The hub refused the node\'s request' },
  'node.no_stale_copy': { status: 503, title: 'The hub cannot be reached and the node holds no earlier copy of this' },
  'message.refused': { status: 422, title: 'The message was refused when it arrived and cannot be opened' },
  'message.too_large': { status: 413, title: 'The message is larger than the node\'s limits' },
  'message.attachment_invalid': { status: 422, title: 'An attachment is not valid base64' },
  'message.audience_empty': { status: 422, title: 'The audience reaches no other enrolled member' },
} as const satisfies Record<string, { status: number; title: string }>;

export type NodeErrorCode = keyof typeof NODE_ERRORS;

export class NodeError extends Error {
  readonly code: NodeErrorCode;
  readonly status: number;
  readonly errors: readonly FieldError[] | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(code: NodeErrorCode, detail?: string, extra: { errors?: readonly FieldError[]; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(detail ?? NODE_ERRORS[code].title, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'NodeError';
    this.code = code;
    this.status = NODE_ERRORS[code].status;
    this.errors = extra.errors;
    this.headers = extra.headers;
  }
}
