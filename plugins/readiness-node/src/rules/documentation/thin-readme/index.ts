import { defineRule, outcome } from '../../types';
import { codeBlocksOf, headingsOf, isCommandBlock, linksOf } from '../markdown';

/** Section titles that introduce setup or run instructions. */
const SETUP_HEADING =
  /\b(?:install(?:ation|ing)?|set ?up|setting up|getting started|get started|usage|using|how to (?:run|use|build|start|develop)|run(?:ning)?(?: locally| the \w+)?|quick ?start|development|developing|local (?:dev|development|setup|environment)|build(?:ing)?(?: and run)?|deploy(?:ment|ing)?|start(?:ing)?(?: the \w+)?|tutorial)\b/i;

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

/** The part of a link target that names a document: a relative path whole, a URL's path without its host. */
function targetPath(target: string): string {
  const url = /^(?:[a-z][\w+.-]*:)?\/\/[^/?#]*(.*)$/i.exec(target);
  return url ? url[1] : target;
}

export default defineRule({
  id: 'documentation/thin-readme',
  category: 'documentation',
  severity: 'medium',
  title: 'The README explains how to set up and run',
  description:
    'Fails when the root README has no setup or run instructions: no section such as Install, Setup, Getting started, Usage, Running, Quick start or Development, no code block with a command, and no link to a setup guide (by its path, or by a text naming one: "installation", "getting started", "development guide"; a book or site merely titled "… Development" is not one).',
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
    const headings = headingsOf(readme);
    // The document's title names the project ("Test-Driven Development with …"), it opens no section on setup.
    const title = headings[0]?.level === 1 && !headings.slice(1).some(h => h.level === 1) ? headings[0] : undefined;
    const heading = headings.find(
      h => h !== title && (SETUP_HEADING.test(h.text) || SETUP_HEADING_OTHER_LANGUAGES.test(h.text)),
    );
    if (heading)
      return outcome.pass(`setup instructions under "${heading.text}"`);
    if (codeBlocksOf(readme).some(isCommandBlock))
      return outcome.pass('the README shows commands');
    const link = linksOf(readme).find(
      l => SETUP_LINK_TEXT.test(l.text) || SETUP_LINK.test(targetPath(l.target)),
    );
    if (link) return outcome.pass(`setup instructions linked: ${link.target}`);
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
