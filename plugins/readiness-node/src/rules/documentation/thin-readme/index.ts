import type { SourceFile } from '../../../snapshot';
import { dirname, joinPath } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { codeBlocksOf, codeSpansOf, headingsOf, inlineCommandsOf, isCommandBlock, isInlineCommand, linksOf, rootScriptNames } from '../markdown';

/**
 * Section titles that introduce setup or run instructions. "Using …" does only when it names the project or a
 * way to run it ("Using Docker", "Using the CLI"), not a topic ("Using libraries inside the core").
 */
const SETUP_HEADING =
  /\b(?:install(?:ation|ing)?|set ?up|setting up|getting started|get started|usage|using (?:it|this \w+|the (?:app|application|project|api|cli|template|starter|boilerplate|service|server|image|container)s?|docker|docker[- ]compose|compose|podman|make|npm|yarn|pnpm|pip|poetry|uv|the command line)\b|how to (?:run|use|build|start|develop)|run(?:ning)?(?: locally| the \w+)?|quick ?start|development|developing|local (?:dev|development|setup|environment)|build(?:ing)?(?: and run)?|deploy(?:ment|ing)?|start(?:ing)?(?: the \w+)?|tutorial)\b/i;

/** The same sections in READMEs written in French, German, Spanish, Portuguese or Italian. */
const SETUP_HEADING_OTHER_LANGUAGES =
  /\b(?:lancement|lancer|d[ée]marrage|utilisation|mise en (?:place|route)|prise en main|ex[ée]cution|einrichtung|inbetriebnahme|ausf[üu]hr(?:en|ung)|verwendung|benutzung|erste schritte|schnellstart|instalaci[óo]n|ejecuci[óo]n|primeros pasos|puesta en marcha|instala[çc][ãa]o|execu[çc][ãa]o|primeiros passos|como (?:rodar|executar|usar)|installazione|utilizzo|avvio|esecuzione)(?![\wÀ-ÿ])/i;

/** Paths of a separate setup guide: `docs/getting-started.md`, `INSTALL.md`, `https://…/docs/development`. */
const SETUP_LINK =
  /install|setup|set-up|getting[-_ ]started|usage|quick[-_ ]?start|development|developing|contributing|running/i;
/**
 * Link texts that name a setup guide. "Development" alone is no guide ("Flask Web Development" is a book's
 * title); a development guide, setup or environment is.
 */
const SETUP_LINK_TEXT =
  /\b(?:install(?:ation|ing)?|set ?up|setting up|getting started|get started|usage|quick ?start|contributing|how to (?:run|use|build|start|develop)|run(?:ning)? (?:it|locally|the \w+)|(?:development|developer|dev) (?:guide|setup|environment|instructions|docs?|documentation))\b/i;

/** A paragraph label that stands for a heading: a line of a few words ending with a colon (`Setup:`, `How to run:`). */
const LABEL_LINE = /^\s{0,3}([\p{L}][\p{L}\p{N} '&/-]{1,40}?)\s*:\s*$/u;
/** A list marker before an item's text. */
const LIST_MARKER = /^\s*(?:[-*+]|\d+[.)])\s+/;

/**
 * A command under a setup label written as a paragraph rather than a heading ("Setup:" then `npm i && npm start`,
 * in a code span or as a plain line): the label and the command, or undefined. The label's paragraph runs to the
 * next blank line, heading or label; a label with no command under it is prose.
 */
function labelledCommandOf(doc: SourceFile, scripts: ReadonlySet<string>): { label: string; command: string } | undefined {
  const lines = doc.text.split('\n').map(l => l.replace(/\r$/, ''));
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const mark = /^\s*(```+|~~~+)(.*)$/.exec(lines[i]);
    if (mark && !(mark[1][0] === '`' && mark[2].includes('`'))) {
      if (!fence) fence = mark[1][0];
      else if (mark[1][0] === fence) fence = undefined;
      continue;
    }
    if (fence) continue;
    const label = LABEL_LINE.exec(lines[i])?.[1];
    if (!label || !(SETUP_HEADING.test(label) || SETUP_HEADING_OTHER_LANGUAGES.test(label))) continue;
    for (let j = i + 1; j < lines.length && j <= i + 20; j++) {
      const line = lines[j];
      if (!line.trim()) {
        if (j > i + 1) break;
        continue;
      }
      if (/^\s{0,3}#/.test(line) || LABEL_LINE.test(line) || /^\s*(```|~~~)/.test(line)) break;
      const text = line.replace(LIST_MARKER, '').trim();
      const command = codeSpansOf(text).map(t => t.trim()).find(t => isInlineCommand(t, scripts)) ??
        (isInlineCommand(text, scripts) ? text : undefined);
      if (command) return { label, command };
    }
  }
  return undefined;
}

/** Setup instructions a document holds itself: a setup section or a command, by the same tests as the README's. */
function setupIn(doc: SourceFile, scripts: ReadonlySet<string>): string | undefined {
  const headings = headingsOf(doc);
  const title = headings[0]?.level === 1 && !headings.slice(1).some(h => h.level === 1) ? headings[0] : undefined;
  const heading = headings.find(
    h => h !== title && (SETUP_HEADING.test(h.text) || SETUP_HEADING_OTHER_LANGUAGES.test(h.text)),
  );
  if (heading) return `setup instructions under "${heading.text}"`;
  if (codeBlocksOf(doc).some(b => isCommandBlock(b, scripts))) return 'the README shows commands';
  const inline = inlineCommandsOf(doc, scripts)[0];
  if (inline) return `the README gives commands in its text (\`${inline.text}\`)`;
  const labelled = labelledCommandOf(doc, scripts);
  if (labelled) return `setup instructions under "${labelled.label}:" (\`${labelled.command}\`)`;
  return undefined;
}

/**
 * On another site, words that also title articles ("developing-the-ubiquitous-language", "running-a-marathon")
 * name a guide only as a whole path segment: `https://docs.example.com/development/`, `/usage.html`.
 */
const SITE_SETUP_PATH = /install|setup|set-up|getting[-_ ]started|quick[-_]?start|contributing/i;
const SITE_SETUP_SEGMENT = /^(?:usage|development|developing|running(?:[-_]locally)?)(?:\.\w+)?$/i;

/** Whether a link target names a setup guide: a relative path by its words, a URL by the words of its path (not its host). */
function namesSetupGuide(target: string): boolean {
  const url = /^(?:[a-z][\w+.-]*:)?\/\/[^/?#]*([^?#]*)/i.exec(target);
  if (!url) return SETUP_LINK.test(target);
  return SITE_SETUP_PATH.test(url[1]) || url[1].split('/').some(segment => SITE_SETUP_SEGMENT.test(segment));
}

export default defineRule({
  id: 'documentation/thin-readme',
  category: 'documentation',
  severity: 'medium',
  title: 'The README explains how to set up and run',
  description:
    'Fails when the root README has no setup or run instructions: no section such as Install, Setup, Getting started, Usage, Running, Quick start or Development ("Using …" only for the project or a way to run it: "Using Docker", not "Using libraries in the core"), no code block with a command (a known tool, a PowerShell cmdlet such as `Invoke-psake`, or a script of the repository by its name), no command with its arguments in a code span of the text (`yarn prepare`, `./setup.sh`, also in a span of two or three backticks), no setup label written as a paragraph (`Setup:`) with a command under it in a code span or on a plain line, no link to a setup guide (by its path, or by a text naming one: "installation", "getting started", "development guide"; a book or site merely titled "… Development" is not one, and links to the README\'s own sections are judged by those sections), and no document of the repository it links to that has such a section or commands.',
  rationale:
    'A README that only names the project leaves every newcomer and every responder to rediscover how to install, configure and start it, usually by reading CI scripts under pressure.',
  remediation:
    'Add a "Getting started" section with the commands to install dependencies, configure the environment, run the service and run the tests, in a fenced ```sh block.',
  evaluate(facts) {
    const readme = facts.docs.readme;
    if (!readme || !readme.text.trim())
      return outcome.notApplicable(
        'no README (see documentation/missing-readme)',
      );
    // Commands may start the repository's own scripts by name (`setup.cmd`, `psake migrate` through psake.cmd).
    const scripts = rootScriptNames(facts.files.map(f => f.path));
    // The document's title names the project ("Test-Driven Development with …"), it opens no section on setup.
    const own = setupIn(readme, scripts);
    if (own) return outcome.pass(own);
    // Links to sections of the README itself are judged by those sections: a table of contents names no guide.
    const links = linksOf(readme).filter(l => !l.target.startsWith('#'));
    const link = links.find(
      l => SETUP_LINK_TEXT.test(l.text) || namesSetupGuide(l.target),
    );
    if (link) return outcome.pass(`setup instructions linked: ${link.target}`);
    // A document of the repository the README links to that has a setup section or commands of its own.
    for (const l of links) {
      if (/^(?:[a-z][\w+.-]*:|\/\/)/i.test(l.target)) continue;
      const target = l.target.split('#')[0];
      const path = target.startsWith('/') ? joinPath('', target) : joinPath(dirname(readme.path), target);
      const doc = facts.docs.documents.find(d => d.path === path);
      const found = doc && doc !== readme ? setupIn(doc, scripts) : undefined;
      if (found) return outcome.pass(`setup instructions in the linked ${path}: ${found.replace(/^the README /, '')}`);
    }
    const firstLine = readme.text
      .split('\n')
      .find(l => l.trim())
      ?.trim();
    return outcome.fail([
      {
        path: readme.path,
        line: 1,
        ...(firstLine ? { excerpt: firstLine.slice(0, 160) } : {}),
        message: `${readme.path} has no setup or run instructions: no install / usage / getting-started section and no command example`,
      },
    ]);
  },
});
