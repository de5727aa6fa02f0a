/** Exit codes of the CLI. */
export const EXIT = {
  ok: 0,
  /** The score is below `--fail-under`. */
  belowThreshold: 1,
  /** With `--fail-on new`: a blocker the baseline does not have. */
  newBlockers: 1,
  /** Bad usage or input: unknown option, missing directory, bad config. */
  usage: 2,
} as const;

/** A failure the user can act on; its message is printed as is. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT.usage) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
