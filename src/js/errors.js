// The error classes thrown by zscaler-wasm. They live in JS, not in wasm,
// so `instanceof` works across every runtime and bundler, and each class
// carries the fields a caller branches on.

export class ZscalerError extends Error {
  constructor(message, fields = {}) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.code = fields.code;
    if (fields.status !== undefined) this.status = fields.status;
    if (fields.retryAfter !== undefined) this.retryAfter = fields.retryAfter;
    if (fields.requestId !== undefined) this.requestId = fields.requestId;
    if (fields.productCode !== undefined) this.productCode = fields.productCode;
    if (fields.method !== undefined) this.method = fields.method;
    if (fields.url !== undefined) this.url = fields.url;
    if (fields.operation !== undefined) this.operation = fields.operation;
    if (fields.body !== undefined) this.body = fields.body;
  }
}
export class ZscalerApiError extends ZscalerError {}
export class RateLimitError extends ZscalerApiError {}
export class ReadOnlyError extends ZscalerApiError {}
export class AuthError extends ZscalerError {}
export class ConfigError extends ZscalerError {}
export class InvalidArgumentError extends ZscalerError {}
export class TransportError extends ZscalerError {}
export class TimeoutError extends TransportError {}
export class DecodeError extends ZscalerError {}
// Named as the DOM's abort error, so `err.name === 'AbortError'` checks
// written for `fetch` keep working.
export class AbortError extends ZscalerError {}

const classes = {
  ZscalerApiError, RateLimitError, ReadOnlyError, AuthError, ConfigError,
  InvalidArgumentError, TransportError, TimeoutError, DecodeError, AbortError,
};
// Explicit names survive consumers' minifiers, unlike `constructor.name`.
for (const [name, cls] of Object.entries({ ZscalerError, ...classes })) {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
}

/** Called from wasm: the error object for one failure. */
export function makeError(kind, message, code, status, retryAfter, requestId, productCode,
  method, url, operation, body, cause) {
  const cls = classes[kind] ?? ZscalerError;
  return new cls(message, {
    code, status, retryAfter, requestId, productCode, method, url, operation, body, cause,
  });
}
