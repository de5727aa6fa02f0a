/** A stream the CLI writes to. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** Where the CLI reads and writes; injected by tests, the process otherwise. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Environment variables, for NO_COLOR and the like. */
  env: Record<string, string | undefined>;
  /** The directory relative paths are resolved against. */
  cwd: string;
}

export function processIo(overrides: Partial<CliIo> = {}): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    ...overrides,
  };
}
