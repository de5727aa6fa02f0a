import { SuggestedFix } from '@readiness/backstage-plugin-readiness-node';
import { createHash } from 'node:crypto';

/** A gain in points with its sign, to a tenth: `+4.5`. */
export function formatGain(gain: number): string {
  const rounded = Math.round(gain * 10) / 10;
  return rounded > 0 ? `+${rounded}` : `${rounded}`;
}

/** The sum of the expected gains of `fixes`, to a tenth. */
export function totalGain(fixes: Pick<SuggestedFix, 'expectedGain'>[]): number {
  return (
    Math.round(fixes.reduce((sum, f) => sum + f.expectedGain, 0) * 10) / 10
  );
}

/**
 * The branch of a request: the audited commit and the rules it fixes, so
 * the same fixes of the same commit are never opened twice.
 */
export function fixBranchName(commit: string, ruleIds: string[]): string {
  const rules = createHash('sha256')
    .update([...ruleIds].sort().join('\n'))
    .digest('hex')
    .slice(0, 8);
  return `readiness/fixes-${commit.slice(0, 12)}-${rules}`;
}

export function fixTitle(fixes: SuggestedFix[]): string {
  return fixes.length === 1
    ? `Readiness: ${fixes[0].summary}`
    : `Readiness: fix ${fixes.length} production-readiness rules`;
}

export function fixCommitMessage(fixes: SuggestedFix[]): string {
  return [
    fixTitle(fixes),
    '',
    ...fixes.map(f => `- ${f.ruleId}: ${f.summary}`),
  ].join('\n');
}

/** Text for a Markdown table cell: no pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/**
 * The request's description: the rules it fixes with their expected gain,
 * their total, what each change cannot do by itself, and the files. Made of
 * the plan's redacted fields only.
 */
export function fixBody(options: {
  entityRef: string;
  entityTitle: string;
  commit: string;
  fixes: SuggestedFix[];
  /** The files the request writes, as the plan ends with them. */
  files: Array<{ path: string; action: 'create' | 'modify' }>;
  /** Where the audited directory is in the repository, `''` for its root. */
  folder: string;
}): string {
  const { fixes } = options;
  const lines = [
    `Readiness suggests these changes for **${cell(options.entityTitle)}** (\`${
      options.entityRef
    }\`), from the audit of commit ${options.commit.slice(0, 12)}${
      options.folder ? ` in \`${options.folder}/\`` : ''
    }.`,
    '',
    '| Rule | Severity | Change | Expected gain |',
    '|---|---|---|---|',
    ...fixes.map(
      f =>
        `| ${cell(f.title)} (\`${f.ruleId}\`) | ${f.severity} | ${cell(
          f.summary,
        )} | ${formatGain(f.expectedGain)} |`,
    ),
    '',
    `Expected gain: **${formatGain(
      totalGain(fixes),
    )} points** on the overall score once these rules pass (the fix list's estimate; the next audit after merging shows the score reached).`,
  ];
  const notes = fixes.flatMap(f => f.notes.map(n => `- \`${f.ruleId}\`: ${n}`));
  if (notes.length > 0) {
    lines.push('', '### Still to do by hand', '', ...notes);
  }
  const files = options.files.map(
    file =>
      `- \`${options.folder ? `${options.folder}/` : ''}${file.path}\` (${
        file.action === 'create' ? 'new' : 'changed'
      })`,
  );
  lines.push('', '### Files', '', ...files, '');
  return lines.join('\n');
}
