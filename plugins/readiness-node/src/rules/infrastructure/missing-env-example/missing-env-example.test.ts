import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

const NODE_APP = {
  'package.json': '{"name":"api","dependencies":{"express":"^4"}}',
  'src/config.ts':
    "export const config = {\n  db: process.env.DATABASE_URL,\n  secret: process.env['SESSION_SECRET'] ?? 'dev',\n};\n",
};

describeRule(rule, {
  fails: [
    {
      name: 'a server that reads only the port it listens on',
      files: {
        'server/package.json': JSON.stringify({ dependencies: { express: '^4.19.0' } }),
        'server/index.js': "const app = require('express')();\nif (process.env.NODE_ENV !== 'test') {}\napp.listen(process.env.PORT || 5000);\n",
      },
      findings: ['server/index.js:3'],
    },
    {
      name: 'a service that reads its settings, with only a benchmark script beside it',
      files: {
        'package.json': JSON.stringify({ dependencies: { express: '^4.19.0' } }),
        'src/server.js': "const db = process.env.DATABASE_URL;\n",
        'scripts/bench-api.mjs': "const target = process.env.BENCH_TARGET_URL;\n",
      },
      findings: ['src/server.js:1'],
    },
    {
      name: 'a Flask app reading its settings through python-decouple and environs, with only a committed .env',
      files: {
        'web/requirements.txt': 'Flask==2.2.2\npython-decouple==3.6\nenvirons==9.5.0\n',
        'web/config.py': "from decouple import config\nSECRET_KEY = config('SECRET_KEY')\n",
        'web/db.py': 'from environs import Env\nsettings = Env()\nsettings.read_env()\nHOST = settings("DB_HOST")\n',
        '.env': 'SECRET_KEY=abc\nDB_HOST=db\n',
      },
      findings: ['web/config.py:2'],
    },
    {
      name: 'a Node service with no template',
      files: NODE_APP,
      findings: ['src/config.ts:2'],
    },
    {
      name: 'a real .env is not documentation',
      files: { ...NODE_APP, '.env': 'DATABASE_URL=postgres://localhost/app\n' },
      findings: ['src/config.ts:2'],
    },
    {
      name: 'Python and Spring reads',
      files: {
        'app/settings.py': 'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n',
        'ledger/src/main/resources/application.yml':
          'spring:\n  datasource:\n    username: ${DB_USER:sa}\n    url: ${DB_URL}\n',
        'ledger/pom.xml': '<project/>',
      },
      findings: ['app/settings.py:2', 'ledger/src/main/resources/application.yml:4'],
    },
    {
      name: 'a template in a sibling project does not cover another project',
      files: {
        'apps/web/package.json': '{}',
        'apps/web/.env.example': 'VITE_API_URL=\n',
        'apps/web/src/api.ts': 'const url = import.meta.env.VITE_API_URL;\n',
        'apps/api/package.json': '{}',
        'apps/api/src/db.ts': 'const url = process.env.DATABASE_URL;\n',
      },
      findings: ['apps/api/src/db.ts:1'],
    },
  ],
  passes: [
    {
      name: 'templates named without the leading dot, one per database flavour',
      files: {
        'package.json': JSON.stringify({ dependencies: { '@nestjs/core': '^10.0.0' } }),
        'src/config/app.config.ts': "export default () => ({ port: process.env.APP_PORT, secret: process.env.AUTH_JWT_SECRET });\n",
        'env-example-relational': 'APP_PORT=3000\nAUTH_JWT_SECRET=secret\nDATABASE_TYPE=postgres\n',
        'env-example-document': 'APP_PORT=3000\nAUTH_JWT_SECRET=secret\nDATABASE_URL=mongodb://mongo:27017\n',
      },
    },
    {
      name: 'Spring placeholders that all give a default document themselves',
      files: {
        'pom.xml': '<project/>',
        'src/main/resources/application.properties':
          'server.port=${PORT:8080}\nspring.datasource.url=${DB_URL:jdbc:h2:mem:app}\njwt.secret=${JWT_SECRET:}\n',
      },
    },
    { name: '.env.example at the root', files: { ...NODE_APP, '.env.example': 'DATABASE_URL=\nSESSION_SECRET=\n' } },
    { name: '.env.sample', files: { ...NODE_APP, '.env.sample': 'DATABASE_URL=\n' } },
    { name: '.env.template', files: { ...NODE_APP, '.env.template': 'DATABASE_URL=\n' } },
    { name: 'env.example without the dot', files: { ...NODE_APP, 'env.example': 'DATABASE_URL=\n' } },
    {
      name: 'a root template covers every project of a monorepo',
      files: {
        '.env.example': 'DATABASE_URL=\n',
        'services/api/package.json': '{}',
        'services/api/src/db.ts': 'process.env.DATABASE_URL\n',
        'services/worker/go.mod': 'module worker\n',
        'services/worker/main.go': 'package main\nvar q = os.Getenv("QUEUE_URL")\n',
      },
    },
    {
      name: 'a template inside the project, below its manifest',
      files: {
        'backend/pyproject.toml': '[project]\nname = "x"\n',
        'backend/app/main.py': 'import os\nDB = os.getenv("DATABASE_URL", "sqlite://")\n',
        'backend/config/.env.example': 'DATABASE_URL=\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'only a benchmark script and a seeding tool read the environment',
      files: {
        'package.json': JSON.stringify({ dependencies: { express: '^4.19.0' } }),
        'src/server.js': "require('express')().listen(3000);\n",
        'scripts/bench-api.mjs': "const target = process.env.BENCH_TARGET_URL;\n",
        'tools/seed.js': "const count = process.env.SEED_COUNT;\n",
      },
    },
    { name: 'no env reads', files: { 'src/index.ts': 'export const x = 1;\n', 'package.json': '{}' } },
    {
      name: 'only ambient variables',
      files: {
        'src/index.ts':
          "const host = process.env.HOSTNAME;\nif (process.env.NODE_ENV === 'production') {}\nconst dev = import.meta.env.DEV;\n",
      },
    },
    {
      name: 'reads only in tests, examples, docs and vendored code',
      files: {
        'src/app.test.ts': 'process.env.API_KEY\n',
        'tests/conftest.py': 'import os\nos.environ["DATABASE_URL"]\n',
        'examples/basic/index.js': 'process.env.API_KEY\n',
        'docs/snippet.js': 'process.env.API_KEY\n',
        'node_modules/lib/index.js': 'process.env.LIB_TOKEN\n',
      },
    },
    { name: 'env names only in comments of a text file', files: { 'README.md': 'set process.env.API_KEY' } },
  ],
});

describe('infrastructure/missing-env-example findings', () => {
  it('list the variables of each project', () => {
    const result = runRule(rule, {
      'apps/api/package.json': '{}',
      'apps/api/src/db.ts': 'const a = process.env.DATABASE_URL;\nconst b = process.env.REDIS_URL;\nconst c = process.env.DATABASE_URL;\n',
    });
    expect(findingsOf(result)).toEqual([
      {
        path: 'apps/api/src/db.ts',
        line: 1,
        excerpt: 'const a = process.env.DATABASE_URL;',
        message: '`apps/api` reads 2 environment variables (DATABASE_URL, REDIS_URL) but no .env.example documents them',
        confidence: 'high',
      },
    ]);
  });
});
