import { resolve } from 'node:path';
import { diffReports, renderDiff } from '@readiness/backstage-plugin-readiness-node';
import { EXIT } from '../errors';
import { CliIo } from '../io';
import { readReportFile } from './audit';

export interface DiffCommandOptions {
  format: 'text' | 'json';
}

/** `readiness diff <before> <after>`: what changed between two reports of a repository. */
export async function diffCommand(before: string, after: string, options: DiffCommandOptions, io: CliIo): Promise<number> {
  const [a, b] = await Promise.all([
    readReportFile(resolve(io.cwd, before), before),
    readReportFile(resolve(io.cwd, after), after),
  ]);
  const diff = diffReports(a, b);
  io.stdout.write(options.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderDiff(diff));
  return EXIT.ok;
}
