import { snapshotFromFiles } from '../snapshot';
import { collectProjects, isUnder, projectOf } from './projects';

describe('collectProjects', () => {
  const files = snapshotFromFiles({
    'package.json': '{"workspaces":["packages/*"]}',
    'packages/web/package.json': '{}',
    'services/api/requirements/base.txt': 'flask==3.0.0',
    'services/api/pyproject.toml': '[project]\nname="api"',
    'services/ledger/pom.xml': '<project/>',
    'tools/go.mod': 'module x',
    'src/Acme.Api/Acme.Api.csproj': '<Project/>',
    'README.md': '# x',
  }).files;

  it('finds one project per manifest directory, deepest first', () => {
    const projects = collectProjects(files);
    expect(projects.map(p => [p.dir, p.ecosystems.join(',')])).toEqual([
      ['packages/web', 'node'],
      ['services/api', 'python'],
      ['services/ledger', 'jvm'],
      ['src/Acme.Api', 'dotnet'],
      ['tools', 'go'],
      ['', 'node'],
    ]);
    expect(projects.find(p => p.dir === 'services/api')?.manifests).toEqual([
      'services/api/pyproject.toml',
      'services/api/requirements/base.txt',
    ]);
  });

  it('finds the nearest project of a path', () => {
    const projects = collectProjects(files);
    expect(projectOf(projects, 'packages/web/src/App.tsx')?.dir).toBe('packages/web');
    expect(projectOf(projects, 'services/api/app/main.py')?.dir).toBe('services/api');
    expect(projectOf(projects, 'scripts/release.js')?.dir).toBe('');
    expect(projectOf(projects, 'scripts/release.py', 'python')).toBeUndefined();
  });

  it('isUnder treats the root as above everything', () => {
    expect(isUnder('a/b.ts', '')).toBe(true);
    expect(isUnder('ab/c.ts', 'a')).toBe(false);
    expect(isUnder('a/c.ts', 'a')).toBe(true);
  });
});
