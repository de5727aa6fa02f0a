import type { Facts } from '../../../facts';
import { createFile, fixOf, RuleFix } from '../../../fixes/edits';
import { projectNameOf, testCommandOf } from '../../../fixes/project';

/** A CONTRIBUTING.md that names the project and the commands its manifests declare. */
export function fixContributing(facts: Facts): RuleFix | undefined {
  const name = projectNameOf(facts);
  const test = testCommandOf(facts);
  const linters = ['lint', 'format', 'typecheck']
    .filter(script => facts.manifests.packageJsons.find(p => p.dir === '')?.scripts[script])
    .map(script => `npm run ${script}`);
  const text = [
    `# Contributing to ${name}`,
    '',
    'Thank you for helping. This guide says how to propose a change.',
    '',
    '## Before you start',
    '',
    'Open an issue describing the problem or the feature first, unless the change is small.',
    '',
    '## Making a change',
    '',
    '1. Create a branch from the default branch.',
    test ? `2. Add or update tests, and run them: \`${test}\`.` : '2. Add or update tests for the change.',
    linters.length ? `3. Check the code: ${linters.map(c => `\`${c}\``).join(', ')}.` : '3. Keep the existing code style.',
    '4. Open a pull request that says what changed and why; link the issue.',
    '',
    '## Reporting security problems',
    '',
    facts.docs.securityPolicy ? `See ${facts.docs.securityPolicy.path}.` : 'Do not open a public issue; contact the maintainers privately.',
    '',
  ].join('\n');
  return fixOf(`Add CONTRIBUTING.md for ${name}`, [createFile(facts, 'CONTRIBUTING.md', text)]);
}
