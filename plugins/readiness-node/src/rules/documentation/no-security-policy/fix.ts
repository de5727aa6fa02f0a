import type { Facts } from '../../../facts';
import { appendLines, createFile, fixOf, modifyFile, RuleFix } from '../../../fixes/edits';
import { projectNameOf } from '../../../fixes/project';

/**
 * A SECURITY.md that names the project and says how to report a vulnerability privately; a SECURITY.md that
 * says nothing of it (a placeholder) gets those sections appended.
 */
export function fixSecurityPolicy(facts: Facts): RuleFix | undefined {
  const name = projectNameOf(facts);
  const onGitHub = facts.files.some(f => f.path.startsWith('.github/'));
  const sections = [
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
  ];
  const notes = ['Replace the contact placeholder in SECURITY.md with the address that receives reports.'];
  const existing = facts.file('SECURITY.md');
  if (existing) {
    if (facts.docs.securityPolicy) return undefined;
    const text = appendLines(existing.text, ['', ...sections]);
    return fixOf(`Say in SECURITY.md how to report a vulnerability in ${name}`, [modifyFile(facts, 'SECURITY.md', text)], notes);
  }
  const text = [`# Security policy of ${name}`, '', ...sections, ''].join('\n');
  return fixOf(`Add SECURITY.md for ${name}`, [createFile(facts, 'SECURITY.md', text)], notes);
}
