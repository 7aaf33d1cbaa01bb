/** The few error classes kg throws: each has a stable `name`, a `code`, a `retriable` flag and a `cause`. */

export interface KgErrorOptions {
  code: string;
  retriable?: boolean;
  cause?: unknown;
}

/** Base class: tests and callers check `name` and `code`, never message text. */
export class KgError extends Error {
  override name = 'KgError';
  readonly code: string;
  readonly retriable: boolean;

  constructor(message: string, options: KgErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.retriable = options.retriable ?? false;
  }
}

/** Input that can never be processed (a paper with no abstract, a malformed job): not retried. */
export class InvalidInputError extends KgError {
  override name = 'InvalidInputError';
  constructor(message: string, options: Partial<KgErrorOptions> = {}) {
    super(message, { code: options.code ?? 'KG_INVALID_INPUT', retriable: false, cause: options.cause });
  }
}

/** A user's option or argument is wrong: the CLI exits 2. */
export class UsageError extends KgError {
  override name = 'UsageError';
  constructor(message: string, options: Partial<KgErrorOptions> = {}) {
    super(message, { code: options.code ?? 'KG_USAGE', retriable: false, cause: options.cause });
  }
}

/** A service (Redis, Neo4j) could not be reached or failed: retriable unless said otherwise. */
export class ServiceError extends KgError {
  override name = 'ServiceError';
  constructor(message: string, options: Partial<KgErrorOptions> = {}) {
    super(message, { code: options.code ?? 'KG_SERVICE', retriable: options.retriable ?? true, cause: options.cause });
  }
}

/**
 * The extractor failed on one paper's text (a bug in it, not odd input): the paper's job fails for good, the other papers
 * go on. The message names the paper; `cause` is the original error.
 */
export class ExtractionError extends KgError {
  override name = 'ExtractionError';
  readonly paperId: string;
  constructor(paperId: string, cause: unknown) {
    const what = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`paper ${JSON.stringify(paperId)}: ${what}`, { code: 'KG_EXTRACTION_FAILED', retriable: false, cause });
    this.paperId = paperId;
  }
}
