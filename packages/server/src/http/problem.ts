// RFC 9457 problem details: every API error leaves as application/problem+json with a stable
// `type`, and validation errors name each offending field.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ZodError } from 'zod';

export const PROBLEM_BASE = '/problems/';

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** A domain error that maps to one problem type. Services throw these; routes do not catch. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: { errors?: FieldError[]; [k: string]: unknown } = {},
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }

  static badRequest(field: string, message: string): Problem {
    return new Problem(400, 'validation-error', 'The request is not valid', `${field}: ${message}`, {
      errors: [{ field, message }],
    });
  }
  static notFound(what: string): Problem {
    return new Problem(404, 'not-found', 'Not found', `${what} was not found`);
  }
  static conflict(slug: string, detail: string, field?: string): Problem {
    return new Problem(409, slug, 'Conflict', detail, field ? { errors: [{ field, message: detail }] } : {});
  }
  static unauthorized(slug = 'unauthenticated', detail = 'Sign in first'): Problem {
    return new Problem(401, slug, 'Not signed in', detail);
  }
  static forbidden(detail = 'You do not have permission to do this'): Problem {
    return new Problem(403, 'forbidden', 'Forbidden', detail);
  }
}

export function fieldErrorsFromZod(error: ZodError, prefix = ''): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => ({ field: base ? `${base}.${k}` : k, message: 'unknown field' }));
    }
    return [{ field: base || prefix || '(body)', message: issue.message }];
  });
}

export function validationProblem(errors: FieldError[]): Problem {
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return new Problem(400, 'validation-error', 'The request is not valid', detail, { errors });
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, p: Problem): FastifyReply {
  const body: ProblemBody = {
    type: PROBLEM_BASE + p.slug,
    title: p.title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    instance: request.url.split('?')[0],
    requestId: request.id,
    ...p.extensions,
  };
  return reply.status(p.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
}

/** Map any error Fastify or a handler raises to a problem; unknown errors become a 500 without details. */
export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'body';
    const errors = error.validation.flatMap((v) => {
      const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
      const base = where === 'body' ? path : [where, path].filter(Boolean).join('.');
      if (v.keyword === 'unrecognized_keys') {
        const keys = (v.params as { keys?: string[] }).keys ?? [];
        return keys.map((k) => ({ field: base ? `${base}.${k}` : k, message: 'unknown field' }));
      }
      return [{ field: base || where, message: v.message ?? 'invalid' }];
    });
    return validationProblem(errors);
  }
  const fe = error as Partial<FastifyError> & { statusCode?: number };
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Problem(400, 'malformed-body', 'The request body is not valid JSON', fe.message, {
        errors: [{ field: '(body)', message: 'malformed JSON' }],
      });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem(413, 'body-too-large', 'The request body is too large', fe.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem(415, 'unsupported-media-type', 'Unsupported media type', fe.message);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new Problem(400, 'malformed-body', 'The request body does not match its length', fe.message);
    // Raised by the router before any route runs (see buildApp's frameworkErrors).
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new Problem(414, 'uri-too-long', 'A path parameter is too long', 'No identifier is that long', {
        errors: [{ field: 'params', message: 'too long' }],
      });
    case 'FST_ERR_BAD_URL':
      return new Problem(400, 'bad-url', 'The URL is not valid', 'The path is not a valid URL', {
        errors: [{ field: 'params', message: 'not a valid URL path' }],
      });
    default:
      break;
  }
  if (sqlStateOf(error)?.startsWith('22')) {
    // SQLSTATE class 22 (data exception): a value the request carried does not fit the column
    // (an out-of-range number, an impossible date, text too long). Nothing was written.
    return new Problem(
      400,
      'invalid-value',
      'A value is out of range',
      'A value in the request does not fit',
      {
        errors: [{ field: '(value)', message: 'out of range or not a valid value' }],
      },
    );
  }
  if (isDatabaseUnavailable(error)) {
    return new Problem(
      503,
      'database-unavailable',
      'The database is unavailable',
      'The request was not carried out; try again shortly',
    );
  }
  if (fe.statusCode === 429) {
    return new Problem(429, 'rate-limited', 'Too many requests', fe.message);
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new Problem(fe.statusCode, 'bad-request', 'Bad request', fe.message);
  }
  return new Problem(
    500,
    'internal-error',
    'Internal error',
    'Something went wrong; the request id identifies it in the logs',
  );
}

// Connection-level failures (PostgreSQL SQLSTATE classes 08 and 57P, or the socket itself): the
// transaction rolled back, so nothing happened; the client may retry. The pool replaces the
// broken connection, so the next request recovers by itself.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (
      typeof message === 'string' &&
      /Connection terminated|connection (is )?closed|Client has encountered a connection error|not currently accepting connections|the database system is (starting up|shutting down)/i.test(
        message,
      )
    )
      return true;
    e = cause;
  }
  return false;
}

/** The PostgreSQL SQLSTATE of an error or of one of its causes (drivers and Drizzle wrap it). */
function sqlStateOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = cause;
  }
  return undefined;
}
