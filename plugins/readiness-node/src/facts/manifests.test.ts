import { snapshotFromFiles } from '../engine/snapshot';
import { collectManifests, isRequirementsPath } from './manifests';

describe('requirements files', () => {
  it.each([
    'requirements.txt',
    'requirements-dev.txt',
    'api/requirements.in',
    'requirements/base.txt',
    'services/api/requirements/production.txt',
  ])('%s is a requirements file', path => {
    expect(isRequirementsPath(path)).toBe(true);
  });

  it.each(['constraints.txt', 'docs/requirements.md', 'requirements/README.md', 'notes/base.txt'])(
    '%s is not a requirements file',
    path => {
      expect(isRequirementsPath(path)).toBe(false);
    },
  );

  it('parses files of a requirements/ folder', () => {
    const facts = collectManifests(
      snapshotFromFiles({
        'requirements/base.txt': 'Django==5.0.1\npandas>=2\n',
        'requirements/local.txt': '-r base.txt\npytest\n',
      }).files,
    );
    expect(facts.requirements.map(r => r.path)).toEqual(['requirements/base.txt', 'requirements/local.txt']);
    expect([...facts.allDependencies].sort()).toEqual(['django', 'pandas', 'pytest']);
  });
});
