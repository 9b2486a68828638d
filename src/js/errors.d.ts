/** Fields every error thrown by zscaler-wasm carries besides `message`. */
export interface ZscalerErrorFields {
  code?: string;
  status?: number;
  retryAfter?: number;
  requestId?: string;
  productCode?: string;
  method?: string;
  url?: string;
  operation?: string;
  body?: string;
  cause?: unknown;
}
/** Base class of every error thrown by zscaler-wasm. */
export declare class ZscalerError extends Error {
  constructor(message: string, fields?: ZscalerErrorFields);
  /**
   * The same for every product: for an API error the meaning of its status
   * (`NOT_FOUND`, `UNAUTHORIZED`, `FORBIDDEN`, `CONFLICT`, `RATE_LIMITED`,
   * `INVALID`, else `HTTP_<status>`); otherwise ours (`CONFIG`, `DECODE`,
   * `ABORTED`, `RETRY_TOO_LONG`...).
   */
  readonly code: string;
  /** The product's own code, when its answer carried one (`RESOURCE_NOT_FOUND`). */
  readonly productCode?: string;
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** Seconds the server asked to wait (rate limits). */
  readonly retryAfter?: number;
  /** The gateway's request id, for support tickets. */
  readonly requestId?: string;
  /** HTTP method of the failed request, when one was sent. */
  readonly method?: string;
  /** URL of the failed request, query included; never credentials. */
  readonly url?: string;
  /** operationId of the failed call (`request` for `client.request`, `mintToken` for a token call). */
  readonly operation?: string;
  /** At most 300 bytes of the error answer's body; control characters and tokens blanked, HTML reduced to its title. */
  readonly body?: string;
}
/** The API answered with an error status. */
export declare class ZscalerApiError extends ZscalerError {}
/** 429, or a wait longer than `maxRetrySeconds`. */
export declare class RateLimitError extends ZscalerApiError {}
/** The tenant is in read-only maintenance. */
export declare class ReadOnlyError extends ZscalerApiError {}
/** Credentials refused or no token obtainable; also an expired backend session. */
export declare class AuthError extends ZscalerError {}
/** Invalid client options. */
export declare class ConfigError extends ZscalerError {}
/** A call argument was rejected before anything was sent. */
export declare class InvalidArgumentError extends ZscalerError {}
/** No HTTP answer (DNS, TLS, connection). */
export declare class TransportError extends ZscalerError {}
/** No answer within `timeoutMs`. */
export declare class TimeoutError extends TransportError {}
/** The answer was not the JSON the spec promises. */
export declare class DecodeError extends ZscalerError {}
/** The call was cancelled through its `signal` (code `ABORTED`); `cause` is the signal's reason. */
export declare class AbortError extends ZscalerError {}
