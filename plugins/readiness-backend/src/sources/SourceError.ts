/** Why a repository could not be audited. @public */
export type SourceErrorReason =
  | 'no-location'
  | 'unsupported'
  | 'disallowed'
  | 'not-found'
  | 'unreadable'
  | 'too-large'
  /** The SCM's API rate limit is used up: the audit waits, it did not fail. */
  | 'rate-limited';

/**
 * A repository that cannot be audited; the message is shown to the entity's
 * owner, so it says what to fix.
 * @public
 */
export class SourceError extends Error {
  readonly reason: SourceErrorReason;

  constructor(reason: SourceErrorReason, message: string) {
    super(message);
    this.name = 'SourceError';
    this.reason = reason;
  }
}
