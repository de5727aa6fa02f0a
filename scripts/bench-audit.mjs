#!/usr/bin/env node
// Benchmarks the audit engine against a plain full read of the same tree.
//
//   node scripts/bench-audit.mjs [<dir>] [--runs 5] [--files 5000] [--keep]
//
// Without <dir>, generates a synthetic repository (5,000 files by default: Python,
// TypeScript, TSX, JavaScript, Go, Java, Kotlin and C# sources, tests, Dockerfiles,
// compose and CI YAML, manifests, docs) in a temporary directory; some frontend
// sources use localStorage, so rules parse them into syntax trees. Audits it --runs
// times in this process (after one warm-up run), runs ripgrep over every file as many
// times, and prints the medians, their ratio, files per second, the share of the audit
// spent parsing syntax trees and the peak resident memory; and, as the floor any Node
// program meets, a plain synchronous listing and read of the same files.
// Run it with Node 22: `. scripts/env.sh && node scripts/bench-audit.mjs`.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(repoRoot, 'package.json'));

function parseArgs(argv) {
  const args = { dir: undefined, runs: 5, files: 5000, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--runs') args.runs = Number(value());
    else if (arg === '--files') args.files = Number(value());
    else if (arg === '--keep') args.keep = true;
    else if (arg === '-h' || arg === '--help') {
      console.log('usage: node scripts/bench-audit.mjs [<dir>] [--runs 5] [--files 5000] [--keep]');
      process.exit(0);
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else args.dir = arg;
  }
  if (!Number.isInteger(args.runs) || args.runs < 1) throw new Error('--runs must be a whole number of 1 or more');
  if (!Number.isInteger(args.files) || args.files < 1) throw new Error('--files must be a whole number of 1 or more');
  return args;
}

/** Small deterministic PRNG so every generated repository is the same. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEMPLATES = {
  py: i => `import os\nimport logging\n\nlogger = logging.getLogger(__name__)\nTIMEOUT = int(os.getenv("SERVICE_${i % 40}_TIMEOUT", "30"))\n\n\nclass Handler${i}:\n    def __init__(self, repo):\n        self.repo = repo\n\n    def handle(self, request):\n        # TODO: validate input\n        try:\n            return self.repo.find(request["id"])\n        except KeyError:\n            logger.exception("missing id")\n            return None\n`,
  ts: i => `import { Router } from 'express';\n\nconst limit = Number(process.env.PAGE_LIMIT_${i % 30} ?? 50);\n\nexport interface Item${i} {\n  id: string;\n  name: string;\n  createdAt: Date;\n}\n\nexport function router${i}(): Router {\n  const router = Router();\n  router.get('/items', async (_req, res) => {\n    res.json({ items: [], limit });\n  });\n  return router;\n}\n`,
  go: i => `package svc${i % 20}\n\nimport (\n\t"net/http"\n\t"os"\n)\n\nfunc Handler${i}(w http.ResponseWriter, r *http.Request) {\n\tif os.Getenv("FEATURE_${i % 25}") == "on" {\n\t\tw.WriteHeader(http.StatusAccepted)\n\t\treturn\n\t}\n\tw.WriteHeader(http.StatusOK)\n}\n`,
  java: i => `package com.acme.svc;\n\nimport org.springframework.web.bind.annotation.GetMapping;\nimport org.springframework.web.bind.annotation.RestController;\n\n@RestController\npublic class Controller${i} {\n    @GetMapping("/v1/things/${i}")\n    public String get() {\n        return System.getenv().getOrDefault("REGION", "eu-west-1");\n    }\n}\n`,
  tsx: i => `import { useEffect, useState } from 'react';\n\nexport interface Props${i} {\n  title: string;\n  items: string[];\n}\n\nexport function Panel${i}({ title, items }: Props${i}) {\n  const [open, setOpen] = useState(false);\n  useEffect(() => {\n${i % 10 === 0 ? "    localStorage.setItem('panel-open', String(open));\n" : ''}    document.title = title;\n  }, [open, title]);\n  return (\n    <section className="panel" onClick={() => setOpen(!open)}>\n      <h2>{title}</h2>\n      <ul>{items.map(item => <li key={item}>{item}</li>)}</ul>\n    </section>\n  );\n}\n`,
  js: i => `import axios from 'axios';\n\nexport const fetchItems${i} = (page = 1) => async (dispatch) => {\n  dispatch({ type: 'ITEMS_REQUEST' });\n  try {\n    const { data } = await axios.get(\`/api/items?page=\${page}\`);\n    dispatch({ type: 'ITEMS_SUCCESS', payload: data });\n${i % 10 === 0 ? "    localStorage.setItem('lastPage', JSON.stringify(page));\n" : ''}  } catch (error) {\n    dispatch({ type: 'ITEMS_FAIL', payload: error.message });\n  }\n};\n`,
  kt: i => `package com.acme.svc\n\nimport org.springframework.web.bind.annotation.GetMapping\nimport org.springframework.web.bind.annotation.RestController\n\n@RestController\nclass Controller${i}(private val repo: Repo) {\n    @GetMapping("/v1/items/${i}")\n    fun get(): List<String> = repo.findAll().map { it.name }\n}\n`,
  cs: i => `using Microsoft.AspNetCore.Mvc;\n\nnamespace Acme.Svc;\n\n[ApiController]\n[Route("v1/items/${i}")]\npublic class Items${i}Controller : ControllerBase\n{\n    [HttpGet]\n    public IActionResult Get() => Ok(Environment.GetEnvironmentVariable("REGION") ?? "eu-west-1");\n}\n`,
  pyTest: i => `from app.handlers import Handler${i}\n\n\ndef test_handle_${i}():\n    assert Handler${i}(repo={}).handle({"id": 1}) is None\n`,
  tsTest: i => `import { router${i} } from './router${i}';\n\ndescribe('router${i}', () => {\n  it('builds', () => {\n    expect(router${i}()).toBeDefined();\n  });\n});\n`,
  md: i => `# Module ${i}\n\nSee the [runbook](../RUNBOOK.md). Install with \`pip install -r requirements.txt\`.\n\n${'Lorem ipsum dolor sit amet. '.repeat(20)}\n`,
  dockerfile: i => `FROM python:3.12-slim AS build\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n\nFROM python:3.12-slim\nCOPY --from=build /app /app\n${i % 2 ? 'USER app\n' : ''}CMD ["python", "-m", "svc${i}"]\n`,
  compose: i => `services:\n  api${i}:\n    build: .\n    environment:\n      DB_HOST: db\n      DB_PASSWORD: \${DB_PASSWORD}\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/health"]\n  db:\n    image: postgres:16\n    volumes: [data:/var/lib/postgresql/data]\nvolumes:\n  data: {}\n`,
  workflow: i => `name: ci-${i}\non:\n  push:\n    branches: [main]\n  pull_request:\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test\n`,
  packageJson: i => `${JSON.stringify({ name: `@acme/pkg-${i}`, version: '1.0.0', scripts: { test: 'jest', lint: 'eslint .' }, dependencies: { express: '^4.19.0', zod: '^3.23.0' }, devDependencies: { jest: '^29.7.0' } }, null, 2)}\n`,
  requirements: () => 'flask==3.0.3\nrequests==2.32.3\nsqlalchemy>=2.0\ngunicorn==22.0.0\n',
  json: i => `${JSON.stringify({ id: i, tags: ['a', 'b', 'c'], nested: { depth: 1, values: Array.from({ length: 20 }, (_, k) => k * i) } }, null, 2)}\n`,
};

/** Writes a synthetic repository of `count` files and returns its path. */
function generateRepository(count) {
  const root = mkdtempSync(join(tmpdir(), 'readiness-bench-'));
  const random = prng(5000);
  const seen = new Set();
  const write = (path, text) => {
    if (seen.has(path)) return false;
    seen.add(path);
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    return true;
  };
  write('README.md', '# Bench monorepo\n\n## Install\n\n```sh\nmake install\n```\n');
  write('LICENSE', 'MIT License\n');
  write('.gitignore', 'node_modules/\n*.log\n');
  write('.env.example', 'DB_PASSWORD=\nAPI_KEY=\n');
  let written = 4;
  // Weighted mix of file kinds, close to a polyglot service monorepo.
  const kinds = [
    ['py', 18], ['ts', 14], ['tsx', 5], ['js', 3], ['go', 8], ['java', 6], ['kt', 2], ['cs', 2], ['pyTest', 8], ['tsTest', 8], ['md', 6],
    ['json', 8], ['dockerfile', 2], ['compose', 2], ['workflow', 2], ['packageJson', 3], ['requirements', 1],
  ];
  const total = kinds.reduce((n, [, w]) => n + w, 0);
  for (let i = 0; written < count; i++) {
    let roll = random() * total;
    const kind = kinds.find(([, w]) => (roll -= w) < 0)[0];
    const svc = `services/svc${i % 50}`;
    const path = {
      py: `${svc}/app/handler_${i}.py`,
      ts: `${svc}/src/router${i}.ts`,
      tsx: `web${i % 5}/src/components/Panel${i}.tsx`,
      js: `web${i % 5}/src/actions/items${i}.js`,
      kt: `${svc}/src/main/kotlin/com/acme/svc/Controller${i}.kt`,
      cs: `${svc}/Controllers/Items${i}Controller.cs`,
      go: `${svc}/internal/h${i}.go`,
      java: `${svc}/src/main/java/com/acme/svc/Controller${i}.java`,
      pyTest: `${svc}/tests/test_handler_${i}.py`,
      tsTest: `${svc}/src/router${i}.test.ts`,
      md: `${svc}/docs/module-${i}.md`,
      json: `${svc}/fixtures/data-${i}.json`,
      dockerfile: `${svc}/Dockerfile${i % 3 ? `.v${i}` : ''}`,
      compose: `${svc}/compose.v${i}.yaml`,
      workflow: `.github/workflows/ci-${i}.yml`,
      packageJson: `${svc}/pkg${i}/package.json`,
      requirements: `${svc}/requirements-${i}.txt`,
    }[kind];
    if (write(path, TEMPLATES[kind](i))) written += 1;
  }
  return root;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function findRipgrep() {
  const onPath = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0) return { cmd: 'rg', version: onPath.stdout.split('\n')[0] };
  const vendored = join(repoRoot, 'node_modules/@vscode/ripgrep/bin/rg');
  if (existsSync(vendored)) {
    const v = spawnSync(vendored, ['--version'], { encoding: 'utf8' });
    if (v.status === 0) return { cmd: vendored, version: v.stdout.split('\n')[0] };
  }
  return undefined;
}

function loadEngine() {
  // The engine ships as TypeScript sources in the monorepo; the Backstage node
  // transform compiles them on require.
  require('@backstage/cli/config/nodeTransform.cjs');
  const engine = require('@readiness/backstage-plugin-readiness-node');
  let syntaxTotals = () => ({ files: 0, ms: 0, problems: 0 });
  try {
    ({ syntaxTotals } = require('@readiness/backstage-plugin-readiness-node/src/facts/syntax'));
  } catch {
    // An engine without syntax trees: nothing is parsed.
  }
  return { ...engine, syntaxTotals };
}

/**
 * The least any Node program can do over the tree: list every directory and
 * read and decode every file, synchronously, with no ignore rules, parsing or
 * rules. The audit cannot be faster than this on one thread.
 */
function plainNodeRead(dir) {
  let files = 0;
  let chars = 0;
  const walk = d => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(path);
      } else if (entry.isFile()) {
        const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
        try {
          const { size } = fstatSync(fd);
          const buf = Buffer.allocUnsafe(size);
          readSync(fd, buf, 0, size, 0);
          chars += buf.toString('utf8').length;
          files += 1;
        } finally {
          closeSync(fd);
        }
      }
    }
  };
  walk(dir);
  return { files, chars };
}

const fmt = n => n.toFixed(1);

async function run() {
  const args = parseArgs(process.argv.slice(2));
  const generated = !args.dir;
  const dir = args.dir ? resolve(args.dir) : generateRepository(args.files);
  if (!existsSync(dir)) throw new Error(`no such directory: ${dir}`);
  console.log(`${generated ? `generated ${args.files} files in` : 'auditing'} ${dir}`);
  console.log(`node ${process.version}, ${args.runs} runs each (after one warm-up audit)\n`);

  const { auditDirectory, auditSnapshot, builtinRules, walkRepository, syntaxTotals } = loadEngine();
  const warm = await auditDirectory(dir);
  const auditTimes = [];
  const parseTimes = [];
  let parsedFiles = 0;
  let scorecard = warm;
  for (let i = 0; i < args.runs; i++) {
    const before = syntaxTotals();
    const started = performance.now();
    scorecard = await auditDirectory(dir);
    auditTimes.push(performance.now() - started);
    const after = syntaxTotals();
    parseTimes.push(after.ms - before.ms);
    parsedFiles = after.files - before.files;
  }
  const auditMs = median(auditTimes);
  const parseMs = median(parseTimes);
  // Where the time goes: the walk alone, and facts + rules + scoring over a snapshot in memory.
  const walkTimes = [];
  const evalTimes = [];
  for (let i = 0; i < args.runs; i++) {
    let started = performance.now();
    const snapshot = await walkRepository(dir);
    walkTimes.push(performance.now() - started);
    started = performance.now();
    auditSnapshot(snapshot);
    evalTimes.push(performance.now() - started);
  }
  const floorTimes = [];
  for (let i = 0; i < args.runs + 1; i++) {
    const started = performance.now();
    plainNodeRead(dir);
    if (i > 0) floorTimes.push(performance.now() - started);
  }
  const floorMs = median(floorTimes);
  const { stats } = scorecard;
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;

  console.log(`rules:              ${builtinRules.length}`);
  console.log(`files read:         ${stats.files} (${fmt(stats.bytes / 1024 / 1024)} MiB), skipped ${stats.skipped}${stats.truncated ? `, truncated: ${stats.truncated}` : ''}`);
  console.log(`score:              ${scorecard.score}/100 (${scorecard.verdict})`);
  console.log(`audit runs (ms):    ${auditTimes.map(fmt).join(', ')}`);
  console.log(`median audit:       ${fmt(auditMs)} ms`);
  console.log(`  of which walk:     ${fmt(median(walkTimes))} ms; facts, rules and scoring: ${fmt(median(evalTimes))} ms`);
  console.log(`  of which parsing:  ${fmt(parseMs)} ms (${fmt((100 * parseMs) / auditMs)}%), ${parsedFiles} files parsed into syntax trees per audit`);
  console.log(`plain Node read:    ${fmt(floorMs)} ms (list and read every file, nothing else)`);
  console.log(`files/second:       ${Math.round(stats.files / (auditMs / 1000))}`);
  console.log(`peak RSS:           ${fmt(maxRssMiB)} MiB`);

  const rg = findRipgrep();
  if (!rg) {
    console.log('\nripgrep not found: no baseline. Install it (`apt-get install ripgrep`, `brew install ripgrep`)');
    console.log('or put `rg` on PATH, then run this script again for the audit/rg ratio.');
  } else {
    const rgArgs = ['-uuu', '--no-messages', '-c', '.', dir];
    const rgTimes = [];
    for (let i = 0; i < args.runs + 1; i++) {
      const started = performance.now();
      const result = spawnSync(rg.cmd, rgArgs, { stdio: ['ignore', 'ignore', 'ignore'] });
      const took = performance.now() - started;
      if (result.error) throw result.error;
      if (i > 0) rgTimes.push(took); // the first run warms the page cache, as the warm-up audit did
    }
    const rgMs = median(rgTimes);
    console.log(`\nbaseline:           ${rg.version}: rg ${rgArgs.join(' ')}`);
    console.log(`rg runs (ms):       ${rgTimes.map(fmt).join(', ')}`);
    console.log(`median rg:          ${fmt(rgMs)} ms`);
    console.log(`ratio audit/rg:     ${fmt(auditMs / rgMs)}x`);
    console.log(`ratio read/rg:      ${fmt(floorMs / rgMs)}x (the plain Node read alone)`);
  }

  if (generated && !args.keep) rmSync(dir, { recursive: true, force: true });
}

run().catch(e => {
  console.error(`bench-audit: ${e.message}`);
  process.exitCode = 1;
});
