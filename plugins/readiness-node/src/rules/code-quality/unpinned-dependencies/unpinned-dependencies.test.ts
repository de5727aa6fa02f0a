import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

const packageJson = (deps: Record<string, string>, dev: Record<string, string> = {}) =>
  JSON.stringify({ name: 'svc', dependencies: deps, devDependencies: dev }, null, 2);

describeRule(rule, {
  fails: [
    {
      name: '* on a package of another scope, not in the repository',
      files: { 'apps/web/package.json': JSON.stringify({ name: '@shop/web', dependencies: { '@acme/ui': '*', '@shop/ui': '*' } }) },
      findings: ['apps/web/package.json:1'],
    },
    {
      name: 'loose Python requirements',
      files: { 'requirements.txt': 'flask>=2.0\nrequests\ngunicorn==22.0.0\ncelery~=5.3  # task queue\n' },
      findings: ['requirements.txt:1', 'requirements.txt:2', 'requirements.txt:4'],
    },
    {
      name: 'floating npm versions and git branches',
      files: {
        'package.json': packageJson(
          {
            lodash: '*',
            react: 'latest',
            'left-pad': 'x',
            'my-lib': 'github:acme/my-lib',
            other: 'git+https://github.com/acme/other.git#main',
            ok: '^1.2.3',
            'pinned-git': 'github:acme/x#v1.2.0',
            sha: 'git+ssh://git@github.com/acme/y.git#3f2c1a9d',
          },
          { next: 'canary', short: 'acme/tool' },
        ),
      },
      findings: [
        'package.json:4',
        'package.json:5',
        'package.json:6',
        'package.json:7',
        'package.json:8',
        'package.json:14',
        'package.json:15',
      ],
    },
    {
      name: 'npm ranges with no upper bound, even with a lockfile',
      files: {
        'package.json': packageJson(
          { a: '>=1.2.3', b: '>1', c: '>= 2.0.0', d: '^1.0.0 || >=3' },
          { e: '>=0.5.1-beta.1', capped: '>=1.2.0 <2.0.0', caret: '^4.0.0' },
        ),
        'package-lock.json': '{}',
      },
      findings: ['package.json:4', 'package.json:5', 'package.json:6', 'package.json:7', 'package.json:10'],
    },
    {
      name: 'git requirements on a branch or without a ref',
      files: {
        'requirements.txt':
          'flask==3.0.3\n-e git+https://github.com/acme/lib.git#egg=lib\ngit+https://github.com/acme/two.git@main#egg=two\ngit+https://github.com/acme/three.git@v1.2.0#egg=three\nfour @ git+https://github.com/acme/four.git@develop\nfive @ git+https://github.com/acme/five.git@0d1e2f3a4b5c\n',
      },
      findings: ['requirements.txt:2', 'requirements.txt:3', 'requirements.txt:5'],
    },
    {
      name: 'each requirements file of a monorepo, including requirements/ folders',
      files: {
        'api/requirements.txt': 'fastapi==0.111.0\nuvicorn\n',
        'worker/requirements/base.txt': 'celery>=5\n',
        'worker/requirements-dev.txt': 'pytest\n',
      },
      findings: ['api/requirements.txt:2', 'worker/requirements-dev.txt:1', 'worker/requirements/base.txt:1'],
    },
    {
      name: 'a development requirements file without pins beside a pinned requirements.txt',
      files: {
        'requirements.txt': 'django==5.0.6\npsycopg==3.1.19\n',
        'requirements-dev.txt': 'coverage==7.5.3\ntypes-requests\nmypy>=1.10\n',
      },
      findings: ['requirements-dev.txt:2', 'requirements-dev.txt:3'],
    },
    {
      name: 'a devDependency with no upper bound, lockfile or not',
      files: {
        'package.json': packageJson({ react: '^18.3.1' }, { vite: '^5.2.0', esbuild: '>=0.21.0' }),
        'package-lock.json': '{"lockfileVersion": 3}',
      },
      findings: ['package.json:8'],
    },
    {
      name: 'Gradle dynamic versions: +, a prefix, latest.release (string and map notation); the test configuration too',
      files: { 'build.gradle': "plugins {\n    id 'java'\n    id 'org.springframework.boot' version '3.2.5'\n}\nrepositories { maven { url 'https://repo.example.com/maven2' } }\ndependencies {\n    implementation 'org.springframework.boot:spring-boot-starter-web'\n    implementation 'com.acme:kit:1.4.2'\n    implementation 'com.acme:cache:+'\n    implementation 'com.acme:views:2+'\n    runtimeOnly \"com.acme:driver:8.+\"\n    implementation group: 'com.acme', name: 'mapper', version: 'latest.release'\n    // implementation 'com.acme:old:+'\n    testImplementation 'junit:junit:+'\n}\n" },
      findings: ['build.gradle:9', 'build.gradle:10', 'build.gradle:11', 'build.gradle:12', 'build.gradle:14'],
    },
    {
      name: 'a Kotlin build script with an open-ended range',
      files: { 'service/build.gradle.kts': "dependencies {\n    implementation(\"com.acme:kit:1.4.2\")\n    implementation(group = \"com.acme\", name = \"json\", version = \"[2.0,)\")\n    /* implementation(\"com.acme:old:+\") */\n}\n" },
      findings: ['service/build.gradle.kts:3'],
    },
    {
      name: 'a Gradle version catalog with a dynamic version, directly and through version.ref',
      files: { 'settings.gradle': "rootProject.name = 'shop'\n", 'gradle/libs.versions.toml': "[versions]\nkit = \"1.4.2\"\ncache = \"+\"\n\n[libraries]\nacme-kit = { module = \"com.acme:kit\", version.ref = \"kit\" }\nacme-cache = { module = \"com.acme:cache\", version.ref = \"cache\" }\nacme-views = \"com.acme:views:latest.integration\"\nacme-json = { group = \"com.acme\", name = \"json\", version = \"2.17.1\" }\n" },
      findings: ['gradle/libs.versions.toml:7', 'gradle/libs.versions.toml:8'],
    },
    {
      name: 'Maven LATEST and RELEASE, literally and through a property',
      files: { 'pom.xml': "<project>\n  <properties>\n    <mapper.version>RELEASE</mapper.version>\n    <kit.version>1.4.2</kit.version>\n  </properties>\n  <dependencies>\n    <dependency>\n      <groupId>com.acme</groupId>\n      <artifactId>cache</artifactId>\n      <version>LATEST</version>\n    </dependency>\n    <dependency>\n      <groupId>com.acme</groupId>\n      <artifactId>mapper</artifactId>\n      <version>${mapper.version}</version>\n    </dependency>\n    <dependency>\n      <groupId>com.acme</groupId>\n      <artifactId>kit</artifactId>\n      <version>${kit.version}</version>\n    </dependency>\n  </dependencies>\n</project>\n" },
      findings: ['pom.xml:9', 'pom.xml:14'],
    },
  ],
  passes: [
    {
      name: 'npm workspaces naming sibling packages with *: by name, or in the package\'s own scope',
      files: {
        'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['apps/*', 'packages/*'], devDependencies: { '@shop/ui': '*' } }),
        'packages/ui/package.json': JSON.stringify({ name: '@shop/ui', dependencies: { react: '^18.2.0' } }),
        'apps/web/package.json': JSON.stringify({ name: '@shop/web', dependencies: { '@shop/ui': '*', '@shop/prisma': '*', next: '^14.1.0' } }),
      },
    },
    {
      name: 'exact pins, hashes, options and comments',
      files: {
        'requirements.txt':
          '# production\n-r base.txt\n--index-url https://pypi.org/simple\nflask==3.0.3 \\\n    --hash=sha256:abc\nrequests[socks]==2.32.3 ; python_version >= "3.9"\n\n',
        'base.txt': 'anything goes here\n',
      },
    },
    {
      name: 'semver ranges with a lockfile, workspace and local protocols',
      files: {
        'package.json': packageJson(
          {
            express: '^4.19.2',
            zod: '~3.23.0',
            shared: 'workspace:*',
            local: 'file:../local',
            linked: 'link:../linked',
            aliased: 'npm:string-width@^4.2.0',
            tarball: 'https://registry.example.com/pkg-1.2.3.tgz',
            range: '>=1.2.0 <2.0.0',
            spaced: '>= 1.2.0 < 2',
            hyphen: '1.2.3 - 2.0.0',
            upTo: '<=3',
            either: '^1.0.0 || ^2.0.0',
            partial: '1.x',
            exact: '=1.2.3',
          },
          { typescript: '5.5.4' },
        ),
        'yarn.lock': '',
      },
    },
    {
      name: 'floating versions in a test fixture are only notes',
      files: {
        'requirements.txt': 'flask==3.0.3\n',
        'tests/fixtures/app/package.json': packageJson({ lodash: '*' }),
        'tests/fixtures/app/requirements.txt': 'flask\n',
        'examples/demo/build.gradle': "dependencies {\n    implementation 'com.acme:cache:+'\n}\n",
      },
    },
    {
      name: 'versions pinned in a constraints file',
      files: {
        'requirements.txt': '-c constraints.txt\nflask\nrequests[socks]\n',
        'constraints.txt': 'Flask==3.0.3\nrequests==2.32.3\n',
      },
    },
    {
      name: 'unpinned development manifests only inside tests, docs and examples (notes)',
      files: {
        'requirements.txt': 'flask==3.0.3\n',
        'tests/requirements-dev.txt': 'pytest\n',
        'docs/requirements.txt': 'sphinx>=7\n',
        'examples/demo/package.json': packageJson({}, { vite: '*' }),
      },
    },
    {
      name: 'a pip-tools input compiled next to it',
      files: {
        'requirements.in': 'flask\n',
        'requirements.txt': '# generated by pip-compile\nflask==3.0.3\n',
      },
    },
    {
      name: 'Gradle and Maven with exact, managed, capped and variable versions; a dynamic one only in a comment',
      files: { 'build.gradle': "buildscript {\n    ext { guavaVersion = '33.2.0-jre' }\n    dependencies { classpath('org.springframework.boot:spring-boot-gradle-plugin:3.2.5') }\n}\nrepositories { maven { url 'http://repo.example.com:8081/nexus' } }\ndependencies {\n    implementation platform('org.springframework.boot:spring-boot-dependencies:3.2.5')\n    implementation 'org.springframework.boot:spring-boot-starter-web'\n    implementation \"com.google.guava:guava:$guavaVersion\"\n    implementation 'com.acme:kit:[1.0,2.0)'\n    implementation 'com.acme:native:1.4.2:linux-x86_64@jar'\n    // implementation 'com.acme:cache:+'\n}\n", 'pom.xml': "<project><dependencies><dependency><groupId>com.acme</groupId><artifactId>kit</artifactId><version>1.4.2</version></dependency><dependency><groupId>com.acme</groupId><artifactId>api</artifactId><version>${project.version}</version></dependency><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>" },
    },
  ],
  notApplicable: [
    { name: 'no manifest', files: { 'main.go': 'package main' } },
    { name: 'a package.json without dependencies', files: { 'package.json': '{"name":"x","scripts":{"build":"tsc"}}' } },
  ],
});

describe('code-quality/unpinned-dependencies details', () => {
  it('names the Gradle coordinates and why the version floats', () => {
    const result = runRule(rule, { 'build.gradle': "dependencies {\n    implementation 'com.acme:cache:+'\n}\n" });
    expect(findingsOf(result)).toEqual([
      {
        path: 'build.gradle',
        line: 2,
        excerpt: "implementation 'com.acme:cache:+'",
        message: '`com.acme:cache` is not pinned: `+` takes the newest release published; declare an exact version (or a platform / BOM that fixes it)',
      },
    ]);
  });
  it('explains why, development requirements and devDependencies alike', () => {
    const result = runRule(rule, {
      'requirements-dev.txt': 'pytest>=8\n',
      'package.json': packageJson({}, { react: 'latest' }),
    });
    expect(findingsOf(result)).toEqual([
      {
        path: 'package.json',
        line: 5,
        excerpt: '"react": "latest"',
        message: '`react` is not pinned: the dist-tag `latest` moves with every release',
      },
      {
        path: 'requirements-dev.txt',
        line: 1,
        excerpt: 'pytest>=8',
        message: '`pytest` is not pinned (`>=8` allows new releases); pin it with `==`',
      },
    ]);
  });
});
