import { defineRule, outcome } from '../../types';
import { sectionsOf } from '../markdown';
import { fixContributing } from './fix';

/** Section titles that tell people how to propose a change: "Contributing", "How to contribute", "Questions / proposing changes". */
const CONTRIBUTING_HEADING =
  /\b(?:contribut(?:ing|ions?|e)|contributors?'?\s+guide(?:lines)?|pull[-\s]?requests?|report(?:ing)?\s+(?:bugs|issues)|propos(?:e|ing)\s+(?:a\s+|an\s+)?(?:changes?|something|features?|improvements?|ideas?|fix(?:es)?|enhancements?)|ask(?:ing)?\s+(?:a\s+)?questions?|questions?\s*(?:\/|,|&|\band\b|\bor\b)\s*(?:propos|suggest|feedback|ideas|issues|bugs|changes))/i;
/** "Development workflow" is how a change gets in only when the section speaks of branches, commits, reviews or pull requests. */
const WORKFLOW_HEADING = /\b(?:development|dev|git|contribution)\s+(?:workflow|process)\b/i;
const CHANGE_PROCESS =
  /\b(?:branch(?:es|ing)?|pull requests?|PRs?|merge requests?|commits?|code reviews?|reviewers?|review(?:ed)? by|fork|rebase|issues?)\b/i;
/** A section that only promises a guide ("We are working on a guide for contributing", "Coming soon", "TBD"). */
const PLACEHOLDER =
  /\b(?:(?:we(?:'re| are)|i(?:'m| am))\s+(?:working on|writing|preparing)|coming soon|to be (?:written|added|done|defined)|will be (?:added|written|published)|tbd|todo|wip)\b/i;
const PLACEHOLDER_MAX_CHARS = 200;

function onlyPromisesAGuide(body: string[]): boolean {
  const text = body.join(' ').replace(/\s+/g, ' ').trim();
  return text.length <= PLACEHOLDER_MAX_CHARS && PLACEHOLDER.test(text);
}

/** Guides named for contributing or development, directly in the root, `.github/` or `docs/`: `docs/Contribute.md`, `docs/DEVELOPMENT.md`. */
const GUIDE_FILE = /^(?:\.github\/|docs\/)?(?:contribute|contributing|development|developing)\.(?:md|mdx|markdown|rst|adoc|txt)$/i;
/**
 * A contributing guide among the pages of the repository's documentation tree (a root `docs/`, `doc/` or `documentation/`
 * folder, up to two folders down): `docs/docs/contributing.md` of a documentation site, `docs/development/contributing.rst`.
 * Pages of examples, samples, templates or vendored code inside that tree are not the repository's guide.
 */
const DOCS_TREE_GUIDE =
  /^(?:docs?|documentation)\/(?:(?!(?:examples?|samples?|templates?|vendor|third[-_]party|node_modules)\/)[^/]+\/){0,2}(?:contribute|contributing)\.(?:md|mdx|markdown|rst|adoc|txt)$/i;
/** How a change is checked before it goes in: running the tests or the linters. */
const CHECKS =
  /\b(?:run(?:ning)?\s+(?:the\s+)?(?:\w+\s+)?tests?|test suites?|unit ?tests?|lint(?:s|er|ers|ing)?|make\s+(?:\w*test|lint|check)\w*|(?:npm|yarn|pnpm|bun)\s+(?:run\s+)?(?:test|lint)|pytest|go test|golangci-lint|tox|mvn\s+(?:\w+\s+)?(?:test|verify)|gradlew?\s+(?:test|check)|dotnet test)\b/i;

/** How a change is handed in for others to take: a pull or merge request, a review, a submitted patch. */
const SUBMISSION =
  /\b(?:pull[-\s]requests?|PRs?|merge[-\s]requests?|code[-\s]reviews?|reviewers?|review(?:ed)?\s+by|submit(?:ting)?\s+(?:a\s+|an\s+|your\s+)?(?:patch(?:es)?|changes?|PRs?|contributions?)|send(?:ing)?\s+(?:a\s+)?patch(?:es)?)\b/i;

/**
 * Whether a guide says how a change gets in. A guide named for contributing says so when it gives the change process
 * (branches, commits, reviews, pull requests, issues) or the checks to run on a change (tests, linters); a guide named
 * for development, which is otherwise how to work on the code, when it says how a change is handed in (a pull or
 * merge request, a review). A development guide that sets the project up, starts it and runs its tests, and a file
 * that only promises a guide, are not contribution guidelines.
 */
function coversContributing(path: string, text: string): boolean {
  const prose = text.replace(/\s+/g, ' ').trim();
  if (prose.length <= PLACEHOLDER_MAX_CHARS && PLACEHOLDER.test(prose)) return false;
  if (/^(?:.*\/)?develop[^/]*$/i.test(path)) return SUBMISSION.test(text);
  return CHANGE_PROCESS.test(text) || CHECKS.test(text);
}

/** A list of the people who contributed is not a guide. */
const NOT_A_GUIDE = /^(?:contributors|our contributors|thanks? to (?:all )?(?:our )?contributors|contributors? list)$/i;

export default defineRule({
  id: 'documentation/no-contributing',
  category: 'documentation',
  severity: 'low',
  title: 'Contribution guidelines exist',
  description:
    'Fails when there is no CONTRIBUTING file (at the root, in .github/ or docs/, or a docs/contributing/ folder), no contributing guide among the pages of the docs/, doc/ or documentation/ tree (docs/docs/contributing.md, docs/development/contributing.rst; not of examples, templates or vendored code there) that says how a change gets in, no guide named Contribute there that says how a change gets in (the branch, commit, review or pull-request process, or the tests and linters to run) or named Development that says how a change is handed in (a pull or merge request, a review; one that only sets the project up, starts it and runs its checks does not), and the README has no section on contributing (Contributing, Contributions, How to contribute, Pull requests, Reporting issues, Questions / proposing changes…, in any heading style, or a Development workflow section that speaks of branches, commits, reviews or pull requests; one that only lists setup commands is not a guide, nor is a short section that only promises one: "we are working on a guide", "coming soon", "TBD").',
  rationale:
    'Contribution guidelines tell other teams how to propose a change: branching, review, tests to run, who approves. Without them changes stall or skip the checks the owners rely on.',
  remediation:
    'Add CONTRIBUTING.md with how to set up a development environment, run tests and linters, name branches and commits, and who reviews and merges.',
  evaluate(facts) {
    if (facts.docs.contributing)
      return outcome.pass(`contribution guide ${facts.docs.contributing.path}`);
    const folder = facts.files.find(f =>
      /^(?:docs\/)?contributing\/[^/]+\.(md|mdx|rst|adoc)$/i.test(f.path),
    );
    if (folder) return outcome.pass(`contribution guide ${folder.path}`);
    const guide = facts.files.find(f => (GUIDE_FILE.test(f.path) || DOCS_TREE_GUIDE.test(f.path)) && coversContributing(f.path, f.text));
    if (guide) return outcome.pass(`contribution guide ${guide.path}`);
    const readme = facts.docs.readme;
    const section =
      readme &&
      sectionsOf(readme).find(
        ({ heading: h, body }) =>
          ((CONTRIBUTING_HEADING.test(h.text) && !NOT_A_GUIDE.test(h.text)) ||
            (WORKFLOW_HEADING.test(h.text) && CHANGE_PROCESS.test(body.join('\n')))) &&
          !onlyPromisesAGuide(body),
      );
    if (section) return outcome.pass(`README section "${section.heading.text}"`);
    return outcome.fail([
      {
        path: '.',
        message:
          'No CONTRIBUTING file and no Contributing section in the README',
      },
    ]);
  },
  fix: fixContributing,
});
