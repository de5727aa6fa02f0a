import {
  CategoryId,
  categoryTitle,
  Finding,
  Priority,
  RuleResult,
  Scorecard,
} from '@readiness/backstage-plugin-readiness-common';
import {
  BAND_LABELS,
  gainLabel,
  headline,
  isFailing,
  locationOf,
  SEVERITY_ORDER,
  statusLabel,
} from './format';
import type { SuggestedFix } from '../fixes/plan';
import { redactText } from '../secrets/redact';

/** @public */
export interface MarkdownReportOptions {
  /** The report's title; `Production-readiness review` by default. */
  title?: string;
  /**
   * Prefix of source links, e.g. `https://github.com/org/repo/blob/main/`.
   * A finding links to `linkBase + path + '#L' + line`; without it, findings
   * show a plain `path:line`.
   */
  linkBase?: string;
  /** Findings listed per rule before the list is cut short. Default 25. */
  maxFindingsPerRule?: number;
  /** Changes the failing rules offer (planFixes), shown folded under the fix roadmap with their redacted diffs. */
  suggestedFixes?: SuggestedFix[];
}

/** A fenced code block longer than any backtick run inside it. */
function fenced(language: string, text: string): string[] {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map(m => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, text.replace(/\n$/, ''), fence];
}

/** The suggested changes, one folded block per rule with its diff and notes. */
function suggestedChanges(fixes: SuggestedFix[]): string[] {
  if (fixes.length === 0) return [];
  const out = ['## Suggested changes', '', `Changes that make ${fixes.length} failing rule${fixes.length === 1 ? '' : 's'} pass (\`readiness fix\` applies them).`, ''];
  for (const fix of fixes) {
    out.push('<details>', `<summary>${escapeHtml(fix.summary)} (<code>${escapeHtml(fix.ruleId)}</code>, ${gainLabel(fix.expectedGain)})</summary>`, '');
    out.push(...fenced('diff', redactText(fix.diff)), '');
    for (const note of fix.notes) out.push(`- ${prose(note)}`);
    if (fix.notes.length) out.push('');
    out.push('</details>', '');
  }
  return out;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text in a table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|');
}

/** Plain prose: characters that would turn into markup are escaped; code spans are kept. */
function prose(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/\\/g, '\\\\')
            .replace(/([*[\]])/g, '\\$1')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;'),
    )
    .join('')
    .replace(/\r?\n|\r/g, ' ');
}

/** A code span that survives backticks inside the text. */
function code(text: string): string {
  const flat = text.replace(/\r?\n|\r/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map(run => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function locationLink(finding: Pick<Finding, 'path' | 'line'>, linkBase?: string): string {
  const text = locationOf(finding);
  if (linkBase === undefined) return code(text);
  const anchor = finding.line !== undefined ? `#L${finding.line}` : '';
  const label = text.replace(/([\\[\]])/g, '\\$1');
  return `[${label}](${linkBase}${encodePath(finding.path)}${anchor})`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

const severityRank = (r: { severity: RuleResult['severity'] }) => SEVERITY_ORDER.indexOf(r.severity);

const PRIORITY_HEADINGS: Record<Priority, string> = {
  P0: 'P0 — fix before anything else (critical)',
  P1: 'P1 — fix before going to production (high)',
  P2: 'P2 — fix before scaling (medium and low)',
};

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map(row => `| ${row.join(' | ')} |`),
  ];
}

function findingLine(finding: Finding, linkBase?: string): string {
  const parts = [locationLink(finding, linkBase), prose(finding.message)];
  if (finding.excerpt) parts.push(code(finding.excerpt));
  const low = finding.confidence === 'low' ? ' _(low confidence: test, fixture, doc or example)_' : '';
  return `- ${parts.join(' — ')}${low}`;
}

function categorySection(
  scorecard: Scorecard,
  id: CategoryId,
  options: MarkdownReportOptions,
): string[] {
  const category = scorecard.categories.find(c => c.id === id)!;
  const results = scorecard.results
    .filter(r => r.category === id)
    .sort((a, b) => severityRank(a) - severityRank(b) || a.ruleId.localeCompare(b.ruleId));
  const out = [
    `### ${category.title} — ${category.score}/100 (${BAND_LABELS[category.band]})`,
    '',
    ...table(
      ['Rule', 'Severity', 'Status', 'Findings'],
      results.map(r => {
        let status = statusLabel(r);
        if ((r.status === 'not-applicable' || r.status === 'error') && r.message) {
          status += ` (${r.message})`;
        }
        return [
          cell(`${prose(r.title)} (\`${r.ruleId}\`)`),
          r.severity,
          cell(prose(status)),
          r.status === 'fail' ? String(r.findings.length) : '—',
        ];
      }),
    ),
  ];
  const max = options.maxFindingsPerRule ?? 25;
  for (const r of results.filter(isFailing)) {
    out.push('', `**${prose(r.title)}** (\`${r.ruleId}\`, ${r.severity})`, '');
    if (r.message) out.push(`${prose(r.message)}`, '');
    if (r.findings.length === 0) {
      out.push('- repository-wide: no single location');
      continue;
    }
    for (const finding of r.findings.slice(0, max)) {
      out.push(findingLine(finding, options.linkBase));
    }
    if (r.findings.length > max) {
      out.push(`- …and ${r.findings.length - max} more`);
    }
  }
  return out;
}

/**
 * The scorecard as a production-readiness review in Markdown: headline score
 * and verdict, category scores, blockers, per-category parameter results with
 * their findings, strengths, a prioritised fix roadmap, waivers and audit
 * statistics.
 * @public
 */
export function renderMarkdown(scorecard: Scorecard, options: MarkdownReportOptions = {}): string {
  const out: string[] = [];
  const title = options.title ?? 'Production-readiness review';
  out.push(`# ${prose(title)}`, '', `**${headline(scorecard)}**`, '');

  const blockers = scorecard.blockers.length;
  let summary: string;
  if (scorecard.verdict === 'production-ready') {
    summary = 'No blocker stands in the way of production.';
  } else if (blockers > 0) {
    summary = `${blockers} blocker${blockers === 1 ? '' : 's'} must be fixed before production.`;
  } else {
    summary = 'No blocker, but the score is below the production-ready bar of 80.';
  }
  out.push(summary, '');
  if (scorecard.stack.length) {
    out.push(`Stack detected: ${scorecard.stack.map(s => code(s)).join(', ')}`, '');
  }

  out.push('## Scores by category', '');
  out.push(
    ...table(
      ['Category', 'Score', 'Band', 'Passed', 'Failed'],
      scorecard.categories.map(c =>
        c.score === null
          ? [cell(c.title), '—', BAND_LABELS['not-applicable'], '—', '—']
          : [cell(c.title), `${c.score}/100`, BAND_LABELS[c.band], String(c.passed), String(c.failed)],
      ),
    ),
    '',
  );

  out.push('## Production blockers', '');
  if (blockers === 0) {
    out.push('None: no critical or high-severity rule fails.', '');
  } else {
    out.push(
      ...table(
        ['Severity', 'Rule', 'Where'],
        scorecard.blockers.map(b => {
          let where = b.example ? locationLink(b.example, options.linkBase) : 'repository-wide';
          if (b.example?.excerpt) where += ` ${code(b.example.excerpt)}`;
          if (b.findings > 1) where += ` (+${b.findings - 1} more)`;
          return [
            b.severity.toUpperCase(),
            cell(`${prose(b.title)} (\`${b.ruleId}\`)`),
            cell(where),
          ];
        }),
      ),
      '',
    );
  }

  out.push('## Findings by category', '');
  for (const category of scorecard.categories) {
    if (category.score === null) continue;
    out.push(...categorySection(scorecard, category.id, options), '');
  }
  const notApplicable = scorecard.categories.filter(c => c.score === null);
  if (notApplicable.length) {
    out.push(`Not applicable to this repository: ${notApplicable.map(c => c.title).join(', ')}.`, '');
  }

  out.push('## What is done well', '');
  if (scorecard.strengths.length === 0) {
    out.push('No rule passes yet.', '');
  } else {
    const byCategory = new Map<CategoryId, string[]>();
    for (const s of scorecard.strengths) {
      byCategory.set(s.category, [...(byCategory.get(s.category) ?? []), prose(s.title)]);
    }
    for (const [id, titles] of byCategory) {
      out.push(`- **${categoryTitle(id, scorecard.categories)}**: ${titles.join('; ')}`);
    }
    out.push('');
  }

  out.push('## Fix roadmap', '');
  if (scorecard.fixes.length === 0) {
    out.push('Nothing to fix.', '');
  }
  for (const priority of ['P0', 'P1', 'P2'] as const) {
    const fixes = scorecard.fixes.filter(f => f.priority === priority);
    if (fixes.length === 0) continue;
    out.push(`### ${PRIORITY_HEADINGS[priority]}`, '');
    fixes.forEach((f, i) => {
      out.push(`${i + 1}. **${prose(f.title)}** (\`${f.ruleId}\`, ${f.severity}) — ${gainLabel(f.expectedGain)}`);
      if (f.remediation) out.push(`   ${prose(f.remediation)}`);
    });
    out.push('');
  }
  out.push(...suggestedChanges(options.suggestedFixes ?? []));

  const waived = scorecard.results.filter(r => r.waiver);
  if (waived.length) {
    out.push('## Waived rules', '');
    out.push(
      ...table(
        ['Rule', 'Reason', 'Expires', 'Source'],
        waived.map(r => [
          cell(`${prose(r.title)} (\`${r.ruleId}\`)`),
          cell(prose(r.waiver!.reason)),
          cell(r.waiver!.expires),
          cell(r.waiver!.source ?? '—'),
        ]),
      ),
      '',
    );
  }

  const { stats } = scorecard;
  out.push('## Audit details', '');
  out.push(`- Files read: ${stats.files} (${formatBytes(stats.bytes)})`);
  out.push(`- Files skipped: ${stats.skipped} (binary, too large, vendored, symbolic links or unreadable)`);
  if (stats.truncated) {
    out.push(`- **Incomplete audit**: the walk ${prose(stats.truncated)}; files past that point were not read.`);
  }
  if (stats.errors.length) {
    out.push(`- Files that could not be parsed: ${stats.errors.length}`);
    for (const e of stats.errors) {
      out.push(`  - ${code(e.path)}: ${prose(e.message)}`);
    }
  } else {
    out.push('- Files that could not be parsed: none');
  }
  const errored = scorecard.results.filter(r => r.status === 'error');
  if (errored.length) {
    out.push(`- Rules that could not run: ${errored.map(r => code(r.ruleId)).join(', ')}`);
  }
  out.push(
    `- Engine ${scorecard.engineVersion}, scorecard schema v${scorecard.schemaVersion}, generated ${scorecard.generatedAt} in ${stats.durationMs} ms`,
    '',
  );
  return out.join('\n');
}
