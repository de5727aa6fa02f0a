import { Scorecard } from '@readiness/backstage-plugin-readiness-common';
import { auditSnapshot } from '../engine/audit';
import { snapshotFromFiles, SourceFile } from '../snapshot';
import { renderJson, renderMarkdown, renderSarif, renderTable } from '../report';
import { prng } from './prng.testutil';
import { builtinRules } from '../rules';
import { collectCi, parseWorkflow } from './ci';
import { parseComposeFile } from './compose';
import { parseDockerfile } from './dockerfiles';
import { collectEnvReads, parseEnvFile } from './env';
import { buildFacts } from './index';
import { valuesOf } from './values';
import { parseGoMod, parsePackageJson, parsePom, parsePyproject, parseRequirements } from './manifests';

/**
 * Feeds the parser-facing fact builders, and then every built-in rule and
 * report, with random and mutated inputs. Nothing may throw, no rule may
 * crash, and every finding must point at a real line. The seed makes a
 * failure reproducible: READINESS_FUZZ_SEED=<seed> reruns the same inputs,
 * READINESS_FUZZ_SCALE=<n> runs n times as many.
 */
const SEED = Number(process.env.READINESS_FUZZ_SEED ?? 20250115);
const SCALE = Number(process.env.READINESS_FUZZ_SCALE ?? 1);
const PER_PARSER = Math.round(1000 * SCALE);
const AUDITS = Math.round(250 * SCALE);

type Rng = ReturnType<typeof prng>;

const SAMPLES = {
  dockerfile: [
    'ARG BASE=python:3.12-slim\nFROM ${BASE} AS build\nWORKDIR /src\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt \\\n    && rm -rf /root/.cache\n\nFROM gcr.io/distroless/python3:nonroot\nCOPY --from=build /src /app\nUSER 10001\nHEALTHCHECK --interval=30s CMD ["python", "-c", "print(1)"]\nENTRYPOINT ["python", "/app/main.py"]\n',
    '# syntax=docker/dockerfile:1\nFROM node:22@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nENV NODE_ENV=production \\\n    PORT=3000\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nUSER root\nEXPOSE 3000\nCMD node server.js\n',
  ],
  compose: [
    'x-env: &env\n  LOG_LEVEL: info\nservices:\n  web:\n    build:\n      context: ./web\n      dockerfile: Dockerfile.prod\n    environment:\n      <<: *env\n      DB_PASSWORD: hunter2\n      API_KEY: ${API_KEY}\n    volumes:\n      - .:/app\n      - type: bind\n        source: ./src\n        target: /src\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/health"]\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=changeme\n    volumes: [data:/var/lib/postgresql/data]\nvolumes:\n  data: {}\n',
  ],
  workflow: [
    'name: CI\non:\n  pull_request_target:\n    types: [opened]\n  push:\n    branches: [main]\npermissions: write-all\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: |\n          echo "${{ github.event.issue.title }}"\n          npm test\n  deploy:\n    needs: [test]\n    if: github.ref == \'refs/heads/main\'\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some/action@main\n      - run: git push --force origin HEAD:prod\n',
  ],
  gitlab: [
    '.base: &base\n  image: python:3.12\nstages: [test, deploy]\ntest:\n  <<: *base\n  stage: test\n  script:\n    - pip install -r requirements.txt\n    - pytest --cov\ndeploy:\n  stage: deploy\n  needs: [test]\n  script: ./deploy.sh\n  only: [main]\n',
  ],
  packageJson: [
    '{\n  "name": "@acme/web",\n  "private": true,\n  "workspaces": {"packages": ["packages/*"]},\n  "scripts": {"test": "echo \\"Error: no test specified\\" && exit 1", "lint": "eslint ."},\n  "dependencies": {"react": "^18.2.0", "left-pad": "*", "lib": "github:acme/lib#main"},\n  "devDependencies": {"jest": "latest"}\n}\n',
  ],
  requirements: [
    '# app\n-r base.txt\n--index-url https://pypi.org/simple\nflask==3.0.0 --hash=sha256:abcdef\nrequests>=2.0 ; python_version >= "3.8"\nuvicorn[standard]~=0.29\ngit+https://github.com/acme/lib.git@main#egg=lib\n./local-package\ntorch  # heavy\n',
  ],
  pyproject: [
    '[project]\nname = "svc"\ndependencies = ["fastapi>=0.110", "pandas"]\n[project.optional-dependencies]\ndev = ["pytest"]\n[tool.poetry.dependencies]\npython = "^3.12"\nsqlalchemy = {version = "^2.0", extras = ["asyncio"]}\n[tool.pytest.ini_options]\naddopts = "--cov"\n',
  ],
  pom: [
    '<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <groupId>com.acme</groupId>\n  <artifactId>ledger</artifactId>\n  <properties><java.version>21</java.version></properties>\n  <dependencies>\n    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>\n    <dependency><groupId>io.micrometer</groupId><artifactId>micrometer-registry-prometheus</artifactId><version>${micrometer.version}</version></dependency>\n  </dependencies>\n  <build><plugins><plugin><artifactId>jacoco-maven-plugin</artifactId></plugin></plugins></build>\n</project>\n',
  ],
  goMod: [
    'module github.com/acme/svc\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n\tgithub.com/prometheus/client_golang v1.19.0 // indirect\n)\n\nrequire go.uber.org/zap v1.27.0\n\nreplace github.com/acme/lib => ../lib\n',
  ],
  env: [
    '# settings\nexport DATABASE_URL=postgres://app:s3cr3tP4ss@db:5432/app\nSECRET_KEY="change-me"\nMULTI="line one\nline two"\nEMPTY=\nQUOTED=\'single # not a comment\'\nAPI_KEY=${OTHER_KEY}\n',
  ],
  code: [
    'import os\nfrom flask import Flask\napp = Flask(__name__)\nSECRET_KEY = os.getenv("SECRET_KEY", "change-me")\nDEBUG = os.environ.get("DEBUG", "true")\ntry:\n    run()\nexcept Exception:\n    pass\nif __name__ == "__main__":\n    app.run(debug=True)\n',
    "const { JWT_SECRET = 'secret', PORT } = process.env;\nconst key = process.env.API_KEY || 'dev-key';\nconst url = process.env['DATABASE_URL'] ?? `postgres://localhost`;\napp.use(cors());\nlocalStorage.setItem('token', t);\ntry { x() } catch (e) {}\n// TODO: check permissions\n",
    'package main\nimport "os"\nfunc main() {\n\tport := os.Getenv("PORT")\n\tif port == "" { port = "8080" }\n}\n',
    'public class App {\n  String pw = System.getenv().getOrDefault("ADMIN_PASSWORD", "admin123");\n}\n',
  ],
};

/** Text that trips parsers: structure tokens, escapes, anchors and odd characters. */
const TOKENS = [
  '{', '}', '[', ']', ':', ': ', '"', "'", '`', '\\', '\\\n', '${{', '}}', '${', '<', '</', '/>', '<!--', ']]>',
  '&a ', '*a', '<<: *a', '---\n', '...\n', '\t', '- ', '#', '=', '==', '\n', '\r\n', '\r', '\0', '\u2028',
  '\uFEFF', '\u200B', '\u202E', '\uD83D', '\uDE00', '😀', '𝕏', 'ǅ', 'İ', 'ß', '\u0301', 'FROM', 'USER root',
  'on:', 'jobs:', 'services:', 'process.env.', 'os.getenv(', '%', '!!binary ', '!!python/object ', '? ', '|-\n', '>\n',
];

function randomUnicode(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const roll = rng.next();
    if (roll < 0.5) out += String.fromCharCode(32 + rng.int(95));
    else if (roll < 0.65) out += rng.pick(TOKENS);
    else if (roll < 0.8) out += String.fromCharCode(rng.int(0x80));
    else if (roll < 0.95) out += String.fromCharCode(rng.int(0x10000));
    else out += String.fromCodePoint(0x10000 + rng.int(0x100000));
  }
  return out;
}

function mutate(rng: Rng, input: string, donors: readonly string[]): string {
  let text = input;
  const rounds = 1 + rng.int(4);
  for (let r = 0; r < rounds; r++) {
    const at = rng.int(text.length + 1);
    switch (rng.int(9)) {
      case 0: {
        // byte flips in the UTF-8 encoding, which may leave invalid sequences
        const buf = Buffer.from(text, 'utf8');
        for (let i = 0, n = 1 + rng.int(8); i < n && buf.length; i++) buf[rng.int(buf.length)] = rng.int(256);
        text = buf.toString('utf8');
        break;
      }
      case 1:
        text = text.slice(0, at);
        break;
      case 2: {
        const from = rng.int(text.length + 1);
        const slice = text.slice(from, from + rng.int(200));
        text = text.slice(0, at) + slice.repeat(1 + rng.int(4)) + text.slice(at);
        break;
      }
      case 3:
        text = text.slice(0, at) + randomUnicode(rng, 1 + rng.int(20)) + text.slice(at);
        break;
      case 4:
        text = text.slice(0, at) + text.slice(at + rng.int(100));
        break;
      case 5: {
        const lines = text.split('\n');
        const i = rng.int(lines.length);
        const j = rng.int(lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        text = lines.join('\n');
        break;
      }
      case 6: {
        const donor = rng.pick(donors);
        const from = rng.int(donor.length + 1);
        text = text.slice(0, at) + donor.slice(from, from + rng.int(300)) + text.slice(at);
        break;
      }
      case 7: {
        // re-indent a line: YAML and Dockerfile continuations care
        const lines = text.split('\n');
        const i = rng.int(lines.length);
        lines[i] = ' '.repeat(rng.int(12)) + lines[i].trimStart();
        text = lines.join('\n');
        break;
      }
      default:
        text = text.slice(0, at) + rng.pick(TOKENS) + text.slice(at);
    }
  }
  return text;
}

const ALL_SAMPLES = Object.values(SAMPLES).flat();

/** Inputs that are known to hurt parsers of this kind of text. */
const HOSTILE = [
  '',
  '\n\n\n',
  '\uFEFF',
  '\0\0\0',
  '['.repeat(20_000),
  '{"a":'.repeat(20_000),
  '- '.repeat(5000),
  `${' '.repeat(100_000)}x`,
  'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n',
  `<a>${'<b>'.repeat(5000)}`,
  `${'<!DOCTYPE x [<!ENTITY e "'}${'x'.repeat(1000)}">]><project>&e;&e;&e;</project>`,
  `RUN ${'a \\\n'.repeat(5000)}`,
  `process.env.${'A'.repeat(50_000)} || '${'b'.repeat(50_000)}`,
  `{ ${'A, '.repeat(3000)} } = process.env`,
  `os.getenv("${'x'.repeat(10_000)}`,
  'KEY='.repeat(10_000),
  `${'a'.repeat(200_000)}\n`,
];

function inputs(rng: Rng, samples: readonly string[], count: number): string[] {
  const out = [...HOSTILE, ...samples];
  while (out.length < count) {
    const roll = rng.next();
    if (roll < 0.1) out.push(randomUnicode(rng, rng.int(400)));
    else out.push(mutate(rng, rng.pick(samples), ALL_SAMPLES));
  }
  return out;
}

const file = (path: string, text: string): SourceFile => ({ path, text, size: Buffer.byteLength(text) });

interface Failure {
  target: string;
  index: number;
  problem: string;
  input: string;
}

/**
 * Runs `fn` over every input, collecting throws rather than stopping at the
 * first. Time is not asserted here (a busy machine would fail it); a parser
 * that hangs still fails the test by its timeout, and speed is measured in
 * scripts/bench-audit.mjs.
 */
function fuzz(target: string, list: string[], fn: (text: string) => unknown): Failure[] {
  const failures: Failure[] = [];
  list.forEach((text, index) => {
    try {
      fn(text);
    } catch (e) {
      failures.push({ target, index, problem: `threw ${(e as Error)?.stack ?? String(e)}`, input: text.slice(0, 300) });
    }
  });
  return failures;
}

/** Builders whose result is plain data: touching every field makes lazy work happen. */
const touch = (value: unknown) => JSON.stringify(value, (_k, v) => (v instanceof Set ? [...v] : v));

describe('fact builders under random and mutated input', () => {
  const rng = prng(SEED);
  /** Name, samples, builder, and how many inputs (PER_PARSER when absent). */
  const targets: Array<[string, readonly string[], (text: string) => unknown, number?]> = [
    ['parseDockerfile', SAMPLES.dockerfile, t => touch(parseDockerfile(file('Dockerfile', t)))],
    ['parseComposeFile', SAMPLES.compose, t => touch(parseComposeFile(file('docker-compose.yml', t)))],
    ['parseWorkflow', SAMPLES.workflow, t => touch(parseWorkflow(file('.github/workflows/ci.yml', t)))],
    [
      'collectCi',
      [...SAMPLES.gitlab, ...SAMPLES.workflow],
      t =>
        touch(
          collectCi([
            file('.github/workflows/ci.yml', t),
            file('.gitlab-ci.yml', t),
            file('Jenkinsfile', t),
            file('.circleci/config.yml', t),
            file('azure-pipelines.yml', t),
            file('bitbucket-pipelines.yml', t),
          ]),
        ),
    ],
    ['parsePackageJson', SAMPLES.packageJson, t => touch(parsePackageJson(file('package.json', t)))],
    ['parseRequirements', SAMPLES.requirements, t => touch(parseRequirements(file('requirements.txt', t)))],
    ['parsePyproject', SAMPLES.pyproject, t => touch(parsePyproject(file('pyproject.toml', t)))],
    ['parsePom', SAMPLES.pom, t => touch(parsePom(file('pom.xml', t)))],
    ['parseGoMod', SAMPLES.goMod, t => touch(parseGoMod(file('go.mod', t)))],
    [
      'parseEnvFile',
      SAMPLES.env,
      t => touch([parseEnvFile(file('.env', t), 'real'), parseEnvFile(file('.env.example', t), 'example')]),
    ],
    [
      'collectEnvReads',
      SAMPLES.code,
      t =>
        touch(
          collectEnvReads([
            file('app.py', t),
            file('src/index.ts', t),
            file('main.go', t),
            file('App.java', t),
            file('src/main/resources/application.yml', t),
          ]),
        ),
    ],
    [
      'valuesOf',
      SAMPLES.code,
      t => {
        const files = ['settings.py', 'src/config.ts', 'main.go', 'src/main/java/App.java', 'App.kt', 'Program.cs', 'application.yml'].map(
          path => file(path, t),
        );
        const index = valuesOf({ files });
        for (const f of files) {
          for (const binding of index.bindings(f.path)) touch(index.valueOf(binding));
          const at = Math.floor(t.length / 2);
          touch([index.resolve(f.path, at, t.slice(at, at + 20)), index.ownerAt(f.path, at), index.configFile(f.path)]);
        }
        return touch(index.configValues('spring.datasource.password'));
      },
      // Each input is read as seven modules of as many languages: 14,000 sources.
      2 * PER_PARSER,
    ],
  ];

  let total = 0;
  it.each(targets.map(t => [t[0], t] as const))('%s never throws', (_name, [target, samples, fn, count]) => {
    const list = inputs(rng, samples, count ?? PER_PARSER);
    total += list.length;
    expect(fuzz(target, list, fn)).toEqual([]);
  }, 180_000);

  it('ran at least 10,000 inputs', () => {
    expect(total).toBeGreaterThanOrEqual(10_000 * Math.min(1, SCALE));
  });
});

describe('facts, rules and reports under mutated repositories', () => {
  const rng = prng(SEED + 1);
  const PATHS: Array<[string, keyof typeof SAMPLES]> = [
    ['Dockerfile', 'dockerfile'],
    ['api/Dockerfile.prod', 'dockerfile'],
    ['docker-compose.yml', 'compose'],
    ['.github/workflows/ci.yml', 'workflow'],
    ['.gitlab-ci.yml', 'gitlab'],
    ['package.json', 'packageJson'],
    ['web/package.json', 'packageJson'],
    ['requirements.txt', 'requirements'],
    ['pyproject.toml', 'pyproject'],
    ['pom.xml', 'pom'],
    ['go.mod', 'goMod'],
    ['.env', 'env'],
    ['.env.example', 'env'],
    ['app.py', 'code'],
    ['src/server.ts', 'code'],
    ['src/auth/login.js', 'code'],
    ['main.go', 'code'],
    ['src/main/java/App.java', 'code'],
    ['tests/test_app.py', 'code'],
    ['README.md', 'code'],
    ['schema.sql', 'code'],
  ];
  const repos: Array<Record<string, string>> = [];
  for (let i = 0; i < AUDITS; i++) {
    const files: Record<string, string> = {};
    for (const [path, kind] of PATHS) {
      const roll = rng.next();
      if (roll < 0.15) continue;
      if (roll < 0.2) files[path] = rng.pick(HOSTILE);
      else if (roll < 0.3) files[path] = randomUnicode(rng, rng.int(300));
      else if (roll < 0.45) files[path] = rng.pick(SAMPLES[kind]);
      else files[path] = mutate(rng, rng.pick(SAMPLES[kind]), ALL_SAMPLES);
    }
    repos.push(files);
  }

  function check(card: Scorecard, index: number, files: Record<string, string>): Failure[] {
    const failures: Failure[] = [];
    const input = Object.keys(files).join(',');
    const ids = card.results.map(r => r.ruleId).sort();
    if (ids.join() !== builtinRules.map(r => r.id).sort().join()) {
      failures.push({ target: 'auditSnapshot', index, problem: 'results do not hold every rule once', input });
    }
    for (const r of card.results) {
      if (r.status === 'error') {
        failures.push({ target: r.ruleId, index, problem: r.message ?? 'error', input });
      }
      for (const f of r.findings) {
        if (typeof f.path !== 'string' || (f.line !== undefined && !(Number.isInteger(f.line) && f.line >= 1))) {
          failures.push({ target: r.ruleId, index, problem: `bad location ${f.path}:${f.line}`, input });
        }
        if (!f.message) failures.push({ target: r.ruleId, index, problem: 'finding without a message', input });
      }
    }
    if (!Number.isFinite(card.score) || card.score < 0 || card.score > 100) {
      failures.push({ target: 'score', index, problem: `score ${card.score}`, input });
    }
    return failures;
  }

  it('builds every fact, runs every built-in rule and renders every report without a crash', () => {
    const failures: Failure[] = [];
    repos.forEach((files, index) => {
      try {
        const snapshot = snapshotFromFiles(files);
        const facts = buildFacts(snapshot);
        touch({
          dockerfiles: facts.dockerfiles,
          compose: facts.compose,
          ci: facts.ci,
          manifests: facts.manifests,
          envFiles: facts.envFiles,
          envReads: facts.envReads,
          docs: facts.docs,
          stack: facts.stack,
          parseErrors: facts.parseErrors,
        });
        const card = auditSnapshot(snapshot, { now: new Date('2025-01-15T00:00:00Z') });
        failures.push(...check(card, index, files));
        renderJson(card);
        renderMarkdown(card, { linkBase: 'https://example.com/blob/main/' });
        renderSarif(card);
        renderTable(card, { color: true });
      } catch (e) {
        failures.push({ target: 'audit', index, problem: `threw ${(e as Error)?.stack ?? String(e)}`, input: Object.keys(files).join(',') });
      }
    });
    expect(failures.slice(0, 10)).toEqual([]);
  }, 180_000);
});

describe('inputs the fuzzer found', () => {
  // A merge key that refers to its own ancestor makes the parsed value circular.
  const circular = '.base: &base\n  <<: *base\n  script: [make test]\ntest:\n  <<: *base\n  script:\n    - npm test\n';

  it.each([['.gitlab-ci.yml'], ['.circleci/config.yml'], ['bitbucket-pipelines.yml'], ['azure-pipelines.yml']])(
    'a self-referencing merge key in %s',
    path => {
      const ci = collectCi([file(path, circular)]);
      expect(ci.commands.map(c => c.command)).toContain('npm test');
    },
  );

  it('a self-referencing merge key in a workflow and a compose file', () => {
    expect(() => touch(parseWorkflow(file('.github/workflows/ci.yml', circular)))).not.toThrow();
    expect(() => touch(parseComposeFile(file('compose.yml', `services:\n  web: &w\n    <<: *w\n    image: x\n`)))).not.toThrow();
    const card = auditSnapshot(snapshotFromFiles({ '.gitlab-ci.yml': circular }));
    expect(card.results.filter(r => r.status === 'error')).toEqual([]);
  });
});
