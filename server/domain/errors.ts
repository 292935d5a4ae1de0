// Typed errors with kebab-case codes; http/ and sockets/ turn them into the contract's error shape.
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 502 | 503;

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: ErrorStatus = 400,
    readonly field?: string,
    /** More that a client can act on, beside code, message and field (e.g. which characters). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The contract's error shape: {code, message, field?, …details}. */
export const errorBody = (err: DomainError) => ({ ...err.details, code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) });

export const invalid = (field: string, message: string, code = 'invalid-input') =>
  new DomainError(code, message, 400, field);
