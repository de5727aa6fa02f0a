import { defineRule, outcome } from '../../types';
import { headingsOf } from '../markdown';
import { fixContributing } from './fix';

/** Section titles that tell people how to propose a change: "Contributing", "How to contribute", "Questions / proposing changes". */
const CONTRIBUTING_HEADING =
  /\b(?:contribut(?:ing|ions?|e)|contributors?'?\s+guide(?:lines)?|development workflow|pull requests?|report(?:ing)?\s+(?:bugs|issues)|propos(?:e|ing)\s+(?:a\s+|an\s+)?(?:changes?|something|features?|improvements?|ideas?|fix(?:es)?|enhancements?)|ask(?:ing)?\s+(?:a\s+)?questions?|questions?\s*(?:\/|,|&|\band\b|\bor\b)\s*(?:propos|suggest|feedback|ideas|issues|bugs|changes))/i;
/** A list of the people who contributed is not a guide. */
const NOT_A_GUIDE = /^(?:contributors|our contributors|thanks? to (?:all )?(?:our )?contributors|contributors? list)$/i;

export default defineRule({
  id: 'documentation/no-contributing',
  category: 'documentation',
  severity: 'low',
  title: 'Contribution guidelines exist',
  description:
    'Fails when there is no CONTRIBUTING file (at the root, in .github/ or docs/, or a docs/contributing/ folder) and the README has no section on contributing (Contributing, Contributions, How to contribute, Pull requests, Reporting issues, Questions / proposing changes…, in any heading style).',
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
    const readme = facts.docs.readme;
    const heading =
      readme &&
      headingsOf(readme).find(h => CONTRIBUTING_HEADING.test(h.text) && !NOT_A_GUIDE.test(h.text));
    if (heading) return outcome.pass(`README section "${heading.text}"`);
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
