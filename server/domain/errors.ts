// Typed errors with kebab-case codes; http/ and sockets/ turn them into the contract's error shape.
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503;

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: ErrorStatus = 400,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (field: string, message: string, code = 'invalid-input') =>
  new DomainError(code, message, 400, field);
