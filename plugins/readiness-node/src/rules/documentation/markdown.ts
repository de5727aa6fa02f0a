/**
 * Light readers of documentation text shared by the documentation rules:
 * headings, code blocks and links of Markdown, reStructuredText and AsciiDoc.
 */
import type { SourceFile } from '../../snapshot';

export interface Heading {
  /** The title as a reader sees it: markup, emoji, numbering and trailing punctuation removed. */
  text: string;
  line: number;
  /** 1 for a top-level title, deeper sections count up; a bold line standing as a title is 6. */
  level: number;
}

/** The words of a heading: links, emphasis, code marks, emoji and numbering removed; images (badges, logos) dropped. */
export function headingTitle(raw: string): string {
  return raw
    .replace(/<[^>]+>/g, ' ')
    .replace(/!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/:[a-z0-9_+-]+:/gi, ' ')
    .replace(/[*`~]+/g, '')
    .replace(/(^|\W)_+|_+(?=\W|$)/g, '$1')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/^\d+(?:\.\d+)*[.)]?\s+/, '')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/[^\p{L}\p{N})\]]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Underlines of setext (Markdown) and reStructuredText titles. */
const MARKDOWN_UNDERLINE = /^\s*(=+|-+)\s*$/;
const RST_UNDERLINE = /^\s*(=+|-+|~+|\^+|"+|'+|\*+|#+|\++|`+|:+|\.+|_+)\s*$/;
/** A paragraph made only of bold text, short enough to be a title (`**Deployment**`, `__Contributing:__`). */
const BOLD_TITLE = /^\s*(?:[^\p{L}\p{N}*_\s+>|#-]{1,4}\s*)?(\*\*|__)([^*_]{2,80}?)\1\s*:?\s*$/u;

/** The headings of a document, whatever its markup. Fenced code is skipped. */
export function headingsOf(file: SourceFile): Heading[] {
  const lines = file.text.split('\n');
  const rst = /\.(?:rst|adoc|asciidoc)$/i.test(file.path);
  const underline = rst ? RST_UNDERLINE : MARKDOWN_UNDERLINE;
  /** reStructuredText levels follow the order in which underline styles first appear. */
  const rstStyles: string[] = [];
  const out: Heading[] = [];
  const push = (raw: string, line: number, level: number) => {
    const text = headingTitle(raw);
    if (text) out.push({ text, line, level });
  };
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fenceMark = /^\s*(```+|~~~+)/.exec(line);
    if (fenceMark) {
      if (!fence) fence = fenceMark[1][0];
      else if (fenceMark[1][0] === fence) fence = undefined;
      continue;
    }
    if (fence) continue;
    const atx = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    const adoc = /^(={1,6})\s+(\S.*)$/.exec(line);
    const html = /<h([1-6])[^>]*>(.*?)<\/h\1>/i.exec(line);
    const bold = BOLD_TITLE.exec(line);
    const next = lines[i + 1] ?? '';
    const mark = underline.exec(next);
    if (atx) push(atx[2], i + 1, atx[1].length);
    else if (adoc) push(adoc[2], i + 1, adoc[1].length);
    else if (html) push(html[2], i + 1, Number(html[1]));
    else if (
      mark &&
      line.trim() &&
      !/^\s*[-*+>|]/.test(line) &&
      !(rst && underline.test(line)) &&
      next.trim().length >= Math.min(3, line.trim().length)
    ) {
      let level = mark[1][0] === '=' ? 1 : 2;
      if (rst) {
        if (!rstStyles.includes(mark[1][0])) rstStyles.push(mark[1][0]);
        level = rstStyles.indexOf(mark[1][0]) + 1;
      }
      push(line, i + 1, level);
      i += 1;
    } else if (bold && !(lines[i - 1] ?? '').trim()) {
      push(bold[2], i + 1, 6);
    }
  }
  return out;
}

/** A heading with the lines of its section (up to the next heading of the same or a higher level). */
export interface Section {
  heading: Heading;
  /** 1-based line of the first and last lines of the section's body. */
  start: number;
  end: number;
  body: string[];
}

/** The sections of a document, one per heading. */
export function sectionsOf(file: SourceFile): Section[] {
  const headings = headingsOf(file);
  const lines = file.text.split('\n');
  return headings.map((heading, i) => {
    const next = headings.slice(i + 1).find(h => h.level <= heading.level);
    const end = next ? next.line - 1 : lines.length;
    return { heading, start: heading.line + 1, end, body: lines.slice(heading.line, end) };
  });
}

/** The innermost heading a line of a document sits under. */
export function headingAbove(headings: Heading[], line: number): Heading | undefined {
  let found: Heading | undefined;
  for (const h of headings) {
    if (h.line >= line) break;
    found = h;
  }
  return found;
}

export interface CodeBlock {
  language: string;
  body: string[];
  line: number;
}

/** Fenced, indented, reStructuredText and AsciiDoc code blocks. */
export function codeBlocksOf(file: SourceFile): CodeBlock[] {
  const lines = file.text.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*(```+|~~~+)\s*\{?\s*\.?([\w+-]*)/.exec(lines[i]);
    if (open) {
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length && !lines[j].trim().startsWith(open[1]); j++)
        body.push(lines[j]);
      blocks.push({ language: open[2].toLowerCase(), body, line: i + 1 });
      i = j;
      continue;
    }
    const rst =
      /^\s*\.\.\s+(?:code-block|code|sourcecode|prompt)::\s*([\w+-]*)/.exec(
        lines[i],
      );
    const adoc = /^\[source\s*,\s*([\w+-]+)/.exec(lines[i]);
    if (rst || adoc) {
      const body: string[] = [];
      let j = i + 1;
      if (adoc && /^(-{4,}|\.{4,})\s*$/.test(lines[j] ?? '')) j += 1;
      for (; j < lines.length; j++) {
        if (adoc && /^(-{4,}|\.{4,})\s*$/.test(lines[j])) break;
        if (rst && lines[j].trim() && !/^\s/.test(lines[j])) break;
        if (lines[j].trim() && !/^\s*:\w+:/.test(lines[j])) body.push(lines[j]);
      }
      blocks.push({
        language: (rst?.[1] ?? adoc?.[1] ?? '').toLowerCase(),
        body,
        line: i + 1,
      });
      i = j;
      continue;
    }
    // Markdown indented code: four spaces after a blank line, outside a list.
    if (
      /^( {4}|\t)\S/.test(lines[i]) &&
      (i === 0 || !lines[i - 1].trim()) &&
      !/^\s*([-*+]|\d+\.)\s/.test(lines[i - 2] ?? '')
    ) {
      const body: string[] = [];
      let j = i;
      for (
        ;
        j < lines.length && (/^( {4}|\t)/.test(lines[j]) || !lines[j].trim());
        j++
      )
        body.push(lines[j]);
      blocks.push({ language: '', body, line: i + 1 });
      i = j - 1;
    }
  }
  return blocks;
}

const SHELL_LANGUAGES = new Set([
  'sh',
  'bash',
  'shell',
  'console',
  'zsh',
  'fish',
  'powershell',
  'ps1',
  'pwsh',
  'cmd',
  'bat',
  'batch',
  'terminal',
  'shell-session',
  'shellsession',
  'sh-session',
]);

const COMMAND_WORD =
  /^\s*(?:\$|>|PS>|%)?\s*(?:sudo\s+)?(?:az|azd|aws|gcloud|flyctl|fly|heroku|vercel|netlify|firebase|wrangler|railway|pulumi|pwsh|powershell|npm|npx|yarn|pnpm|bun|node|deno|pip3?|pipx|python3?|py|poetry|uv|pipenv|conda|go|make|docker|docker-compose|podman|kubectl|helm|mvn|\.\/mvnw|mvnw|gradle|\.\/gradlew|gradlew|dotnet|cargo|rustup|git|curl|wget|bash|sh|\.\/[\w./-]+|java|bundle|rails|rake|gem|composer|php|brew|apt(?:-get)?|cp|mv|mkdir|cd|export|source|set|flask|uvicorn|gunicorn|django-admin|manage\.py|terraform|tilt|skaffold|just|task|nix|mix|swift|flutter|ng|vite|next|tsx|ts-node)\b/;

/** PowerShell cmdlets by their approved verbs: `Invoke-psake migrate`, `Install-Module Pester`, `Set-ExecutionPolicy …`. */
const POWERSHELL_CMDLET =
  /^\s*(?:PS>\s*)?(?:invoke|install|import|set|start|stop|restart|new|remove|update|get|add|enable|disable|register|publish|copy|expand)-(?!up\b)[a-z]{4,}(?=\s|$)/i;
/** The same tools as a whole first word, for code spans in prose (`go.mod` is a file, `export default` is JavaScript). */
const INLINE_COMMAND_WORD = new RegExp(`${COMMAND_WORD.source.replace(/\\b$/, '')}(?=\\s|$)`);
const NOT_A_COMMAND = /^(?:export\s+(?:default|const|function|class|interface|type|let|var|async|enum|\{|\*)|set\s+of\b|go\s+to\b)/;

/**
 * Scripts of the repository a command may start by their name: `setup.sh`, `psake.cmd` are run as `./setup.sh`,
 * `setup.cmd`, `psake migrate` (a wrapper named like the tool it starts). Only script files at the root count.
 */
export function rootScriptNames(paths: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const path of paths) {
    if (path.includes('/')) continue;
    const m = /^([\w.-]+?)(\.(?:sh|bash|cmd|bat|ps1))$/i.exec(path);
    if (!m) continue;
    names.add(m[1].toLowerCase());
    names.add(`${m[1]}${m[2]}`.toLowerCase());
  }
  return names;
}

/** Whether one line reads as a shell command: a known tool, a PowerShell cmdlet, or a script of the repository. */
export function isCommandLine(line: string, scripts: ReadonlySet<string> = new Set()): boolean {
  if (COMMAND_WORD.test(line) || POWERSHELL_CMDLET.test(line)) return true;
  const first = /^\s*(?:\$|>|PS>|%)?\s*(?:\.[\\/])?([\w.-]+)(?=\s|$)/.exec(line)?.[1]?.toLowerCase();
  return first !== undefined && scripts.has(first);
}

/** Whether a code block holds a shell command (install, build, run); `scripts` names the repository's own scripts. */
export function isCommandBlock(block: CodeBlock, scripts: ReadonlySet<string> = new Set()): boolean {
  const body = block.body.filter(l => l.trim());
  if (body.length === 0) return false;
  if (SHELL_LANGUAGES.has(block.language)) return true;
  if (
    block.language &&
    !['', 'text', 'txt', 'plain', 'none'].includes(block.language)
  )
    return false;
  return body.some(l => isCommandLine(l, scripts));
}

/**
 * Inline code spans of prose that hold a command with its arguments (`yarn prepare`, `git checkout -b x`,
 * `./setup.sh`, `psake migrate`): a tool word alone (`npm`, `docker`) names a tool, it runs nothing. Fenced
 * and indented code are not prose.
 */
export function inlineCommandsOf(file: SourceFile, scripts: ReadonlySet<string> = new Set()): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  const lines = file.text.split('\n');
  let fence: string | undefined;
  lines.forEach((line, i) => {
    // A backtick fence's info string holds no backtick: "```npm i``` to install" is a code span, not a fence.
    const fenceMark = /^\s*(```+|~~~+)(.*)$/.exec(line);
    if (fenceMark && !(fenceMark[1][0] === '`' && fenceMark[2].includes('`'))) {
      if (!fence) fence = fenceMark[1][0];
      else if (fenceMark[1][0] === fence) fence = undefined;
      return;
    }
    if (fence || /^( {4}|\t)/.test(line)) return;
    for (const span of codeSpansOf(line)) {
      const text = span.trim();
      if (text.length >= 2 && text.length <= 200 && isInlineCommand(text, scripts)) out.push({ text, line: i + 1 });
    }
  });
  return out;
}

/** The code spans of one line of prose: a run of backticks up to the next run of as many (`npm i`, ``a ` b``, ```npm i```). */
export function codeSpansOf(line: string): string[] {
  const runs = [...line.matchAll(/`+/g)].map(m => ({ at: m.index!, length: m[0].length }));
  const spans: string[] = [];
  for (let r = 0; r < runs.length; r++) {
    const close = runs.findIndex((run, k) => k > r && run.length === runs[r].length);
    if (close === -1) continue;
    spans.push(line.slice(runs[r].at + runs[r].length, runs[close].at));
    r = close;
  }
  return spans;
}

/** Whether the text of a code span or of a plain line is a command: a known tool with its arguments, a script path, or a root script by its name. */
export function isInlineCommand(text: string, scripts: ReadonlySet<string> = new Set()): boolean {
  const script = /^(?:\.{0,2}\/)[\w./-]+\.(?:sh|bash|ps1|cmd|bat)$/.test(text);
  const bare = text.replace(/^(?:\$|>|PS>)\s*/, '');
  const withArgs = /^\S+\s+\S/.test(bare) && !NOT_A_COMMAND.test(bare);
  const command =
    withArgs && (INLINE_COMMAND_WORD.test(bare) || POWERSHELL_CMDLET.test(bare) || scripts.has(bare.split(/\s/)[0].replace(/^\.[\\/]/, '').toLowerCase()));
  return command || script || scripts.has(bare.replace(/^\.[\\/]/, '').toLowerCase());
}

/** Markdown links with their text and target. */
export function linksOf(
  file: SourceFile,
): Array<{ text: string; target: string; line: number }> {
  const out: Array<{ text: string; target: string; line: number }> = [];
  file.text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g)) {
      out.push({ text: m[1], target: m[2], line: i + 1 });
    }
  });
  return out;
}
