import type { Facts } from '../../../facts';
import { createFile, fixOf, RuleFix } from '../../../fixes/edits';
import { projectNameOf } from '../../../fixes/project';

/** A SECURITY.md that names the project and says how to report a vulnerability privately. */
export function fixSecurityPolicy(facts: Facts): RuleFix | undefined {
  const name = projectNameOf(facts);
  const onGitHub = facts.files.some(f => f.path.startsWith('.github/'));
  const text = [
    `# Security policy of ${name}`,
    '',
    '## Reporting a vulnerability',
    '',
    `Please do not open a public issue for a security problem in ${name}.`,
    onGitHub
      ? 'Report it privately through the repository\'s **Security** tab ("Report a vulnerability"), or write to the maintainers at the address below.'
      : 'Write to the maintainers at the address below.',
    '',
    '- Contact: <security contact address>',
    '- Include what is affected, how to reproduce it and what an attacker gains.',
    '',
    'We acknowledge a report within three working days and keep you informed until it is fixed.',
    '',
    '## Supported versions',
    '',
    'Security fixes go into the latest release.',
    '',
  ].join('\n');
  return fixOf(`Add SECURITY.md for ${name}`, [createFile(facts, 'SECURITY.md', text)], [
    'Replace the contact placeholder in SECURITY.md with the address that receives reports.',
  ]);
}
