import { ResponseError } from '@backstage/errors';

/** The HTTP status of a failed backend call, where the error carries one. */
export function responseStatus(error: unknown): number | undefined {
  if (ResponseError.is(error)) return error.statusCode;
  if (
    typeof error === 'object' &&
    error !== null &&
    'statusCode' in error &&
    typeof error.statusCode === 'number'
  ) {
    return error.statusCode;
  }
  return undefined;
}

/**
 * The message to show for a failed call: the server's own message where the
 * backend sent one, the error's message otherwise.
 */
export function errorMessage(error: Error): string {
  if (ResponseError.is(error) && error.cause?.message) {
    return error.cause.message;
  }
  return error.message;
}
