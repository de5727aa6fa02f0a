import { snapshotFromFiles } from '../snapshot';
import { collectManifests, isDependencyList, isRequirementsPath } from './manifests';

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

describe('dependency lists', () => {
  const file = (path: string, text: string) => snapshotFromFiles({ [path]: text }).files[0];

  it.each([
    ['requirements/production.txt', '-r base.txt\nuwsgi>=2.0.17,<2.1\n# storage backends\npsycopg[binary]>=3.3,<3.4\n'],
    ['requirements/base.txt', 'django\nwagtail\n'],
    ['constraints.txt', 'urllib3<2\n'],
    ['deploy/production.txt', 'gunicorn==22.0.0 \\\n    --hash=sha256:abc\n'],
    ['ops/prod.in', '-c constraints.txt\n-e .\ngit+https://example.com/x.git#egg=x\nrequests @ https://example.com/r.whl\n'],
    ['env/pins.txt', 'celery[redis]~=5.3; python_version >= "3.10"\n'],
  ])('%s is a dependency list', (path, text) => {
    expect(isDependencyList(file(path, text))).toBe(true);
  });

  it.each([
    ['docs/production.txt', 'Running in production\n\nStart uwsgi behind nginx and set DATABASE_URL.\n'],
    ['docs/production.txt', 'Deployment\nRollback\n'],
    ['requirements/README.txt', 'Install with pip install -r base.txt before deploying.\n'],
    ['docs/production.md', 'gunicorn==22.0.0\n'],
    ['docs/empty.txt', '\n# nothing\n'],
  ])('%s is a document', (path, text) => {
    expect(isDependencyList(file(path, text))).toBe(false);
  });
});

describe('go.mod', () => {
  it('lists every requirement, and the indirect ones apart', () => {
    const text = [
      'module example.com/app',
      '',
      'require github.com/go-chi/chi/v5 v5.0.12',
      'require golang.org/x/text v0.14.0 // indirect',
      '',
      'require (',
      '\tgithub.com/uptrace/bun v1.2.0',
      '\t// go.opentelemetry.io/otel v1.28.0',
      '\tgo.opentelemetry.io/otel v1.28.0 // indirect',
      '\tgo.opentelemetry.io/otel/trace v1.28.0 //indirect',
      ')',
      '',
    ].join('\n');
    const [mod] = collectManifests(snapshotFromFiles({ 'go.mod': text }).files).goMods;
    expect(mod.requires).toEqual([
      'github.com/go-chi/chi/v5',
      'golang.org/x/text',
      'github.com/uptrace/bun',
      'go.opentelemetry.io/otel',
      'go.opentelemetry.io/otel/trace',
    ]);
    expect(mod.indirect).toEqual(['golang.org/x/text', 'go.opentelemetry.io/otel', 'go.opentelemetry.io/otel/trace']);
  });
});

describe('pom.xml', () => {
  it('marks the artifacts a <dependencyManagement> section lists as managed, not as dependencies of the pom', () => {
    const facts = collectManifests(
      snapshotFromFiles({
        'pom.xml': [
          '<project>',
          '  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId></parent>',
          '  <dependencies><dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId></dependency></dependencies>',
          '  <dependencyManagement><dependencies>',
          '    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId><version>3.2.0</version></dependency>',
          '  </dependencies></dependencyManagement>',
          '</project>',
        ].join('\n'),
      }).files,
    );
    expect(facts.poms[0].dependencies).toEqual([
      { groupId: 'com.google.guava', artifactId: 'guava' },
      { groupId: 'org.springframework.boot', artifactId: 'spring-boot-starter-web', version: '3.2.0', managed: true },
      { groupId: 'org.springframework.boot', artifactId: 'spring-boot-starter-parent' },
    ]);
  });
});
