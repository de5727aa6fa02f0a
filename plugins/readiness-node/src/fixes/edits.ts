import { createTwoFilesPatch } from 'diff';
import { Document, isMap, parseDocument, YAMLMap } from 'yaml';
import type { Facts } from '../facts';
import type { RuleOutcome } from '../rules/types';

/**
 * One file a fix writes: a new file, or the full new content of an existing
 * one. Paths are repository-relative with forward slashes.
 * @public
 */
export interface FileEdit {
  path: string;
  action: 'create' | 'modify';
  content: string;
}

/**
 * What a rule offers to make itself pass: the files to write, a one-line
 * summary, and notes for what no file edit can do (rotate a credential,
 * take a file out of the git index).
 * @public
 */
export interface RuleFix {
  summary: string;
  edits: FileEdit[];
  notes?: string[];
}

/** A file to create, or nothing when the repository already has one at that path. @public */
export function createFile(facts: Facts, path: string, content: string): FileEdit | undefined {
  if (facts.file(path) || facts.snapshot.skipped.some(s => s.path === path)) return undefined;
  return { path, action: 'create', content };
}

/** The new content of an existing file, or nothing when it would not change. @public */
export function modifyFile(facts: Facts, path: string, content: string): FileEdit | undefined {
  const file = facts.file(path);
  if (!file || file.text === content) return undefined;
  return { path, action: 'modify', content };
}

/** A fix from the edits that change something; nothing when none does. @public */
export function fixOf(summary: string, edits: Array<FileEdit | undefined>, notes?: string[]): RuleFix | undefined {
  const kept = edits.filter((e): e is FileEdit => e !== undefined);
  if (kept.length === 0) return undefined;
  return notes?.length ? { summary, edits: kept, notes } : { summary, edits: kept };
}

/** The line break a text uses (CRLF when its first break is one). */
export function lineBreakOf(text: string): string {
  const at = text.indexOf('\n');
  return at > 0 && text[at - 1] === '\r' ? '\r\n' : '\n';
}

/** Appends lines to a text, starting on a line of their own and ending with a line break. @public */
export function appendLines(text: string, lines: string[]): string {
  if (lines.length === 0) return text;
  const eol = lineBreakOf(text);
  const head = text === '' || text.endsWith('\n') ? text : `${text}${eol}`;
  return `${head}${lines.join(eol)}${eol}`;
}

/**
 * Inserts lines before a 1-based line of a text (after the last line when
 * `line` is past the end), keeping the text's line breaks.
 * @public
 */
export function insertLinesBefore(text: string, line: number, lines: string[]): string {
  const eol = lineBreakOf(text);
  const trailing = text.endsWith('\n');
  const body = trailing ? text.slice(0, text.length - eol.length) : text;
  const parts = body === '' ? [] : body.split(/\r?\n/);
  const at = Math.max(0, Math.min(parts.length, line - 1));
  const atEnd = at === parts.length;
  parts.splice(at, 0, ...lines);
  return `${parts.join(eol)}${trailing || atEnd ? eol : ''}`;
}

/**
 * Edits a single-document YAML file through the `yaml` Document API, which
 * keeps comments, key order and the formatting of untouched nodes. Returns
 * nothing when the file does not parse or `change` reports no change.
 * @public
 */
export function editYaml(text: string, change: (doc: Document) => boolean): string | undefined {
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  if (!change(doc)) return undefined;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: padsFlowCollections(text) });
}

/**
 * Whether a YAML text writes most of its flow collections with inner spaces (`[ a, b ]` rather than
 * `[a, b]`): the library writes every flow collection one way, so an edit keeps the file's own.
 */
function padsFlowCollections(text: string): boolean {
  const padded = text.match(/[[{] +[^\s\]}]/g)?.length ?? 0;
  const tight = text.match(/[[{][^\s\]}]/g)?.length ?? 0;
  return padded > tight;
}

/** The map at a key of a YAML map, or nothing. @public */
export function yamlMapAt(map: YAMLMap, key: string): YAMLMap | undefined {
  const value = map.get(key, true);
  return isMap(value) ? value : undefined;
}

/**
 * The unified diff of one file, `/dev/null` standing for the side that does
 * not exist. Empty when nothing changes.
 * @public
 */
export function unifiedDiff(path: string, before: string | undefined, after: string): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(
    before === undefined ? '/dev/null' : `a/${path}`,
    `b/${path}`,
    before ?? '',
    after,
    undefined,
    undefined,
    { context: 3 },
  );
  // The library opens with an `Index:` line and a rule; git's form starts at `---`.
  return patch.slice(patch.indexOf('---'));
}

/**
 * The paths of an outcome's findings that fail the rule (not low-confidence
 * notes): what a fix has to change.
 * @public
 */
export function failingPaths(outcome: RuleOutcome): Set<string> {
  if (outcome.status !== 'fail' && outcome.status !== 'graded') return new Set();
  return new Set(outcome.findings.filter(f => f.confidence !== 'low').map(f => f.path));
}
