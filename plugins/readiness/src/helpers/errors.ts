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
