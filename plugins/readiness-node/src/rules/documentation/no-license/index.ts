import type { Facts } from '../../../facts';
import { defineRule, outcome } from '../../types';

/** A license declared in a root manifest, when no LICENSE file exists. */
function declaredLicense(facts: Facts): string | undefined {
  const checks: Array<[string, RegExp]> = [
    ['package.json', /"license"\s*:\s*"([^"]+)"/],
    ['pyproject.toml', /^\s*license\s*=\s*(?:\{\s*text\s*=\s*)?"([^"]+)"/m],
    ['pyproject.toml', /^\s*license\s*=\s*\{\s*file\s*=\s*"([^"]+)"/m],
    ['setup.cfg', /^\s*license\s*=\s*(\S.*)$/m],
    ['Cargo.toml', /^\s*license\s*=\s*"([^"]+)"/m],
    ['pom.xml', /<licenses>\s*<license>\s*<name>([^<]+)<\/name>/],
    ['composer.json', /"license"\s*:\s*"([^"]+)"/],
  ];
  for (const [path, pattern] of checks) {
    const m = facts.file(path) && pattern.exec(facts.file(path)!.text);
    if (m) return `${m[1].trim()} (declared in ${path})`;
  }
  return undefined;
}

export default defineRule({
  id: 'documentation/no-license',
  category: 'documentation',
  severity: 'medium',
  title: 'The repository states its license',
  description:
    'Fails when there is no LICENSE / LICENCE / COPYING file (or LICENSES/ folder) at the root and no license declared in the root manifest (package.json, pyproject.toml, Cargo.toml, pom.xml…).',
  rationale:
    'Code without a stated license cannot be safely reused, forked or audited; for internal code, an explicit proprietary notice prevents accidental publication and answers compliance questions.',
  remediation:
    'Add a LICENSE file at the root (an OSI license for open source, or a proprietary notice for internal code) and set the matching `license` field in the package manifest.',
  evaluate(facts) {
    if (facts.docs.license)
      return outcome.pass(`license file ${facts.docs.license.path}`);
    if (facts.files.some(f => /^LICENSES\/[^/]+$/i.test(f.path)))
      return outcome.pass('LICENSES/ folder');
    const declared = declaredLicense(facts);
    if (declared) return outcome.pass(`license ${declared}`);
    return outcome.fail([
      {
        path: '.',
        message:
          'No LICENSE file at the repository root and no license declared in a root manifest',
      },
    ]);
  },
});
