import { defineRule, outcome } from '../../types';

export default defineRule({
  id: 'documentation/no-license',
  category: 'documentation',
  severity: 'medium',
  title: 'The repository has a LICENSE file',
  description:
    'Fails when there is no LICENSE / LICENCE / COPYING file (any case, with or without an extension or suffix such as LICENSE-MIT) or REUSE-style LICENSES/ folder at the root. A `license` field in a manifest or a License section in the README is not a LICENSE file.',
  rationale:
    'Code without a license file cannot be safely reused, forked or audited: tools and people look for the file, not for a manifest field or a README paragraph. For internal code, an explicit proprietary notice prevents accidental publication and answers compliance questions.',
  remediation:
    'Add a LICENSE file at the root with the full license text (an OSI license for open source, or a proprietary notice for internal code), and keep the manifest `license` field in step with it.',
  evaluate(facts) {
    if (facts.docs.license)
      return outcome.pass(`license file ${facts.docs.license.path}`);
    if (facts.files.some(f => /^LICENSES\/[^/]+$/i.test(f.path)))
      return outcome.pass('LICENSES/ folder');
    return outcome.fail([
      {
        path: '.',
        message:
          'No LICENSE file at the repository root (a manifest `license` field or a README section does not replace it)',
      },
    ]);
  },
});
