import { SourceFile } from '../snapshot';
import { isDependencyList } from './manifests';
import { basename, dirname } from './paths';

/** @public */
export interface DocsFacts {
  readme?: SourceFile;
  license?: SourceFile;
  contributing?: SourceFile;
  changelog?: SourceFile;
  /** A SECURITY document (root, .github/, docs/) that tells how to report a vulnerability; a guide on writing secure code is not one. */
  securityPolicy?: SourceFile;
  /** Markdown, reStructuredText, AsciiDoc and text documents anywhere in the tree; dependency lists (`requirements/production.txt`) are not documents. */
  documents: SourceFile[];
}

function findRootDoc(files: SourceFile[], pattern: RegExp, dirs = ['', '.github', 'docs']): SourceFile | undefined {
  for (const dir of dirs) {
    const hit = files.find(f => dirname(f.path) === dir && pattern.test(basename(f.path)));
    if (hit) return hit;
  }
  return undefined;
}

/**
 * How a security policy reads: a way to report a vulnerability (a report, disclosure or contact next to a
 * vulnerability or security issue, an address, GitHub's advisories or private reporting) or the versions it
 * supports.
 */
const REPORTING_POLICY = new RegExp(
  [
    String.raw`\b(?:report|disclos|notify|contact|e-?mail|reach out|send|submit)\w*\b[^\n]{0,160}?\b(?:vulnerabilit|security (?:issue|bug|problem|flaw|concern|report)|exploit)`,
    String.raw`\b(?:vulnerabilit\w*|security (?:issue|bug|problem|flaw)s?)\b[^\n]{0,160}?\b(?:report|disclos|contact|e-?mail|send|submit)`,
    String.raw`mailto:|\b[\w.+-]+@[\w-]+\.[\w.-]+\b|security advisor(?:y|ies)|private vulnerability reporting|supported versions|bug bounty|hackerone|huntr\.|(?:responsible|coordinated) disclosure`,
  ].join('|'),
  'i',
);

/**
 * A document titled as a security policy ("# Security Policy") that gives some channel for reports (open an
 * issue, contact the maintainer, report): a policy in its own words even when it never says "vulnerability".
 */
const POLICY_TITLE = /^[ \t]*(?:#{1,6}[ \t]*)?security[ \t]+policy[ \t]*#*[ \t]*$|^[ \t]*security[ \t]+policy[ \t]*\n[ \t]*(?:=+|-+)[ \t]*$/im;
const REPORT_CHANNEL =
  /\b(?:(?:open|make|file|create|raise|submit)\w*\s+(?:an?\s+)?(?:new\s+)?(?:private\s+|github\s+)?issue|contact\w*\s+(?:me|us|the\s+(?:maintainers?|team|authors?|owners?))|reach\s+out|let\s+(?:me|us)\s+know|report\w*)\b/i;

function isReportingPolicy(text: string): boolean {
  return REPORTING_POLICY.test(text) || (POLICY_TITLE.test(text) && REPORT_CHANNEL.test(text));
}

/** The folders root documents are looked for in. */
const DOC_DIRS = new Set(['', '.github', 'docs']);

export function collectDocs(files: SourceFile[]): DocsFacts {
  // Only files directly in those folders can be root documents: select them once.
  const near = files.filter(f => DOC_DIRS.has(dirname(f.path)));
  return {
    readme: findRootDoc(near, /^readme(\.[\w]+)?$/i, ['']),
    license: findRootDoc(near, /^(licen[cs]e|copying)([.-][\w.-]+)?$/i, ['']),
    contributing: findRootDoc(near, /^contributing(\.[\w]+)?$/i),
    changelog: findRootDoc(near, /^(changelog|changes|history|release[-_]?notes|news)(\.[\w]+)?$/i, ['', 'docs']),
    securityPolicy: findRootDoc(
      near.filter(f => /^security(\.[\w]+)?$/i.test(basename(f.path)) && isReportingPolicy(f.text)),
      /^security(\.[\w]+)?$/i,
    ),
    documents: files.filter(f => /\.(md|mdx|rst|adoc|txt)$/i.test(f.path) && !isDependencyList(f)),
  };
}
