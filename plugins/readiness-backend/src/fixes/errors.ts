import { CustomErrorBase } from '@backstage/errors';

/**
 * The SCM refused or failed a request the backend made of it (502): the
 * request was fine, the host behind it was not. The message says what to do.
 * @public
 */
export class ScmRequestError extends CustomErrorBase {
  name = 'ScmRequestError' as const;
  readonly statusCode = 502;
}

/** What a failed SCM request answered, for messages: status only, never its URL or headers. */
export function describeStatus(status: number | undefined): string {
  if (status === undefined) return 'no answer';
  const names: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    422: 'Unprocessable Entity',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
  };
  return names[status] ? `${status} ${names[status]}` : String(status);
}
