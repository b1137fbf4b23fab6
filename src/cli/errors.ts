/** Failures the CLI reports as a plain message (exit 2) rather than a stack trace. */
export class NotInitialisedError extends Error {}
export class AlreadyInitialisedError extends Error {}
