import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

const TEMPLATE_COMPOSE = [
  'services:',
  '  db:',
  '    image: postgres:16',
  '    ports:',
  '      - {{cookiecutter.db_port}}:5432',
  '    environment:',
  '      POSTGRES_USER: {{cookiecutter.db_user}}',
  '      POSTGRES_PASSWORD: {{cookiecutter.db_password}}',
  '  api:',
  '    build: ./api',
  '    environment:',
  "      DATABASE_URL: 'postgresql://{{ cookiecutter.db_user }}:{{ cookiecutter.db_password }}@db:5432/{{cookiecutter.project_slug}}'",
].join('\n');
const TEMPLATE_ANSWERS = (answers: Record<string, unknown>) =>
  JSON.stringify({ project_slug: 'shop', project_name: '{{ cookiecutter.project_slug }}', db_port: '5432', db_user: 'shop', ...answers });

describeRule(rule, {
  fails: [
    {
      name: 'a compose file beside a production overlay that does not stand on its own (its services name no image or build)',
      files: {
        'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=hunter2pw\n',
        'docker-compose.prod.yml': 'services:\n  db:\n    restart: always\n',
      },
      findings: ['docker-compose.yml:5'],
    },
    {
      name: 'a literal database password in a mapping',
      files: {
        'docker-compose.yml':
          'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: s3cr3t-Pa55\n',
      },
      findings: ['docker-compose.yml:6'],
    },
    {
      name: 'list syntax, quoted values, numbers and several services',
      files: {
        'compose.yaml': [
          'services:',
          '  api:',
          '    build: .',
          '    environment:',
          '      - "JWT_SECRET=9f8e7d6c5b4a3f2e1d0c"',
          '      - STRIPE_API_KEY=rk_live_51Habc',
          '      - LOG_LEVEL=info',
          '  mysql:',
          '    image: mysql:8',
          '    environment:',
          '      MYSQL_ROOT_PASSWORD: 123456',
          '      RABBITMQ_DEFAULT_PASS: "hunter22"',
        ].join('\n'),
      },
      findings: ['compose.yaml:5', 'compose.yaml:6', 'compose.yaml:11', 'compose.yaml:12'],
    },
    {
      name: 'a connection URL with a literal password, whatever the key',
      files: {
        'docker-compose.yml':
          'services:\n  api:\n    build: .\n    environment:\n      DATABASE_URL: postgres://app:Tr0ub4dor@db:5432/app\n',
      },
      findings: ['docker-compose.yml:5'],
    },
    {
      name: 'a credential of a known shape under a neutral name',
      files: {
        'docker-compose.yml':
          'services:\n  api:\n    image: acme/api:1.0\n    environment:\n      GH: ghp_0123456789abcdefghijABCDEFGHIJ012345\n',
      },
      findings: ['docker-compose.yml:5'],
    },
    {
      name: 'interpolation with a literal fallback',
      files: {
        'docker-compose.yml':
          'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-supersecret42}\n',
      },
      findings: ['docker-compose.yml:5'],
    },
    {
      name: 'a version 1 compose file, whose services are its top-level keys',
      files: {
        'docker-compose.yml': [
          'mysql:',
          '  image: mysql:5.7',
          '  environment:',
          '    - MYSQL_ROOT_PASSWORD=',
          '    - MYSQL_USER=shop',
          '    - MYSQL_PASSWORD=shop',
          'web:',
          '  build: .',
          '  environment:',
          '    SESSION_SECRET: ${SESSION_SECRET}',
        ].join('\n'),
      },
      findings: ['docker-compose.yml:6'],
    },
    {
      name: 'stand-in words are the passwords the containers start with, in values and connection URLs',
      files: {
        'docker-compose.yml': [
          'services:',
          '  db:',
          '    image: postgres:16',
          '    environment:',
          '      POSTGRES_PASSWORD: changeme',
          '  app:',
          '    build: .',
          '    environment:',
          '      DJANGO_SECRET_KEY: secret',
          '      DATABASE_URL: postgres://app:changeme@db/app',
        ].join('\n'),
      },
      findings: ['docker-compose.yml:5', 'docker-compose.yml:9', 'docker-compose.yml:10'],
    },
    {
      name: 'the compose file beside a standalone production one is what `docker compose up` runs, and is judged as usual',
      files: {
        'docker-compose.yml':
          'services:\n  web:\n    build: ./app\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=hunter2pw\n',
        'docker-compose.prod.yml': 'services:\n  web:\n    build:\n      context: ./app\n      dockerfile: Dockerfile.prod\n    env_file: .env.prod\n  db:\n    image: postgres:16\n    env_file: .env.prod.db\n',
      },
      findings: ['docker-compose.yml:7'],
    },
    {
      name: 'development compose files are judged as usual: an override file and a dev file beside a production one',
      files: {
        'src/docker-compose.yml': 'services:\n  catalogdb:\n    image: postgres\n  broker:\n    image: rabbitmq:3-management\n',
        'src/docker-compose.override.yml':
          'services:\n  catalogdb:\n    environment:\n      - POSTGRES_PASSWORD=postgres\n  broker:\n    environment:\n      - RABBITMQ_DEFAULT_PASS=guest\n',
        'docker-compose.dev.yml':
          'services:\n  web:\n    build: ./app\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=hunter2pw\n',
        'docker-compose.prod.yml': 'services:\n  web:\n    build: ./app\n    env_file: .env.prod\n  db:\n    image: postgres:16\n    env_file: .env.prod.db\n',
      },
      findings: ['docker-compose.dev.yml:7', 'src/docker-compose.override.yml:4', 'src/docker-compose.override.yml:7'],
    },
    {
      name: 'a cookiecutter template whose default answers put a password in the generated compose file',
      files: {
        'cookiecutter.json': TEMPLATE_ANSWERS({ db_password: 'password' }),
        '{{cookiecutter.project_slug}}/docker-compose.yml': TEMPLATE_COMPOSE,
      },
      findings: ['{{cookiecutter.project_slug}}/docker-compose.yml:8', '{{cookiecutter.project_slug}}/docker-compose.yml:12'],
    },
    {
      name: 'a stand-in word such as example works as a password',
      files: {
        'docker-compose.yml':
          'services:\n  postgres:\n    image: postgres\n    environment:\n      POSTGRES_USER: admin\n      POSTGRES_PASSWORD: example\n',
      },
      findings: ['docker-compose.yml:6'],
    },
    {
      name: 'an escaped dollar sign inside a literal password',
      files: {
        'docker-compose.yml':
          'services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_PASSWORD: "pa$$w0rd-Zq81"\n',
      },
      findings: ['docker-compose.yml:5'],
    },
  ],
  passes: [
    {
      name: 'a standalone production compose file that reads its secrets from env files, beside a test compose file (a note)',
      files: {
        'docker-compose.test.yml':
          'services:\n  web:\n    build: ./app\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=hunter2pw\n',
        'docker-compose.prod.yml': 'services:\n  web:\n    build:\n      context: ./app\n      dockerfile: Dockerfile.prod\n    env_file: .env.prod\n  db:\n    image: postgres:16\n    env_file: .env.prod.db\n',
      },
    },
    {
      name: 'a top-level mapping that is no version 1 compose file (no service names an image or build)',
      files: {
        'docker-compose.yml': 'x-common:\n  environment:\n    DB_PASSWORD: hunter2pw\n',
      },
    },
    {
      name: 'passwords in test, CI and example compose files are only low-confidence notes',
      files: {
        'docker-compose.ci.yml':
          'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: localdevpw\n',
        'compose.integration-test.yaml':
          'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: localdevpw\n',
        'examples/compose.yaml':
          'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=demo-pw-123\n',
      },
    },
    {
      name: 'interpolated values',
      files: {
        'docker-compose.yml': [
          'services:',
          '  db:',
          '    image: postgres:16',
          '    environment:',
          '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}',
          '      REDIS_PASSWORD: $REDIS_PASSWORD',
          '      API_TOKEN: ${API_TOKEN:?API_TOKEN must be set}',
          '      DATABASE_URL: postgres://app:${POSTGRES_PASSWORD}@db:5432/app',
          '      ADMIN_PASSWORD: ${ADMIN_PASSWORD:-changeme}',
        ].join('\n'),
      },
    },
    {
      name: 'values passed through from the host, empty values and placeholders',
      files: {
        'docker-compose.yml': [
          'services:',
          '  api:',
          '    build: .',
          '    environment:',
          '      - SECRET_KEY',
          '      - API_KEY=',
          '      - SESSION_SECRET=<your-session-secret>',
          '      - AUTH_TOKEN=xxxxxxxxxxxx',
          '      - CLIENT_SECRET=your-client-secret-here',
          '      - API_TOKEN=replace-me-with-a-token',
          '      - DB_PASSWORD=...',
          '    env_file: .env',
        ].join('\n'),
      },
    },
    {
      name: 'secrets read from files',
      files: {
        'docker-compose.yml': [
          'services:',
          '  db:',
          '    image: postgres:16',
          '    environment:',
          '      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password',
          '      TLS_PRIVATE_KEY: /run/secrets/tls.key',
          '    secrets:',
          '      - postgres_password',
          'secrets:',
          '  postgres_password:',
          '    file: ./secrets/postgres_password.txt',
        ].join('\n'),
      },
    },
    {
      name: 'settings about secrets rather than secrets',
      files: {
        'docker-compose.yml': [
          'services:',
          '  api:',
          '    build: .',
          '    environment:',
          '      JWT_SECRET_TTL: 3600',
          '      TOKEN_URL: https://auth.example.com/oauth/token',
          '      PASSWORD_MIN_LENGTH: 12',
          '      TOKENIZERS_PARALLELISM: "false"',
          '      AWS_SECRET_NAME: prod/api/db',
          '      MYSQL_ALLOW_EMPTY_PASSWORD: "yes"',
          '      POSTGRES_HOST_AUTH_METHOD: scram-sha-256',
          '      DB_HOST: db',
        ].join('\n'),
      },
    },
    {
      name: 'an escaped dollar sign is not interpolation, but the value is a placeholder',
      files: {
        'docker-compose.yml':
          'services:\n  api:\n    build: .\n    environment:\n      DB_PASSWORD: $${DB_PASSWORD}\n',
      },
    },
    {
      name: 'a cookiecutter template whose password answer is left to the user, interpolated or a marker',
      files: {
        'cookiecutter.json': TEMPLATE_ANSWERS({ db_password: '' }),
        '{{cookiecutter.project_slug}}/docker-compose.yml': TEMPLATE_COMPOSE,
        'other/cookiecutter.json': TEMPLATE_ANSWERS({ db_password: '${DB_PASSWORD}' }),
        'other/{{cookiecutter.project_slug}}/docker-compose.yml': TEMPLATE_COMPOSE,
        'third/cookiecutter.json': TEMPLATE_ANSWERS({ db_password: 'change-this-here' }),
        'third/{{cookiecutter.project_slug}}/docker-compose.yml': TEMPLATE_COMPOSE,
      },
    },
    {
      name: 'near misses: answers the nearest cookiecutter.json does not give (another template gives them), filtered expressions',
      files: {
        'template/docker-compose.yml': TEMPLATE_COMPOSE,
        'other-template/cookiecutter.json': TEMPLATE_ANSWERS({ db_password: 'password' }),
        'cookiecutter.json': JSON.stringify({ project_slug: 'app' }),
        'app/docker-compose.yml':
          'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: "{{ cookiecutter.db_password | random_ascii_string(32) }}"\n      MYSQL_PASSWORD: "{{ cookiecutter.unknown_answer }}"\n',
      },
    },
    {
      name: 'vendored compose files are not read',
      files: {
        'docker-compose.yml': 'services:\n  api:\n    build: .\n',
        'node_modules/pkg/docker-compose.yml':
          'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: realpassword1\n',
      },
    },
  ],
  notApplicable: [
    { name: 'no compose file', files: { Dockerfile: 'FROM alpine:3.20\n', '.env': 'PASSWORD=x' } },
  ],
});

describe('infrastructure/compose-plaintext-secrets findings', () => {
  it('never show the secret itself', () => {
    const ok = runRule(rule, {
      'docker-compose.yml': [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD: "correct horse battery staple"',
        '  api:',
        '    build: .',
        '    environment:',
        '      - DATABASE_URL=postgres://app:Tr0ub4dor3@db/app',
      ].join('\n'),
    });
    expect(findingsOf(ok)).toEqual([
      {
        path: 'docker-compose.yml',
        line: 5,
        excerpt: 'POSTGRES_PASSWORD: "corr…"',
        message: '`POSTGRES_PASSWORD` of service `db` is set to a literal secret',
        confidence: 'high',
      },
      {
        path: 'docker-compose.yml',
        line: 9,
        excerpt: '- DATABASE_URL=postgres://…@db/app',
        message: '`DATABASE_URL` of service `api` holds a connection URL with a password in plain text',
        confidence: 'high',
      },
    ]);
    for (const finding of ok.findings) {
      expect(JSON.stringify(finding)).not.toMatch(/horse|Tr0ub4dor3/);
    }
  });

  it('read a template value as its default answer, and show the line as written', () => {
    const result = runRule(rule, {
      'cookiecutter.json': TEMPLATE_ANSWERS({ db_password: 'Sup3r-s3cret-pw' }),
      '{{cookiecutter.project_slug}}/docker-compose.yml': TEMPLATE_COMPOSE,
    });
    expect(findingsOf(result)).toEqual([
      {
        path: '{{cookiecutter.project_slug}}/docker-compose.yml',
        line: 8,
        excerpt: 'POSTGRES_PASSWORD: {{cookiecutter.db_password}}',
        message: '`POSTGRES_PASSWORD` of service `db` is set to a literal secret, the default answer of cookiecutter.json',
        confidence: 'high',
      },
      {
        path: '{{cookiecutter.project_slug}}/docker-compose.yml',
        line: 12,
        excerpt: "DATABASE_URL: 'postgresql://{{ cookiecutter.db_user }}:{{ cookiecutter.db_password }}@db:5432/{{cookiecutter.project_slug}}'",
        message: '`DATABASE_URL` of service `api` holds a connection URL with a password in plain text, the default answer of cookiecutter.json',
        confidence: 'high',
      },
    ]);
    expect(JSON.stringify(result.findings)).not.toContain('Sup3r');
  });

  it('keep the scheme, host and database readable when the password is the same word', () => {
    const result = runRule(rule, {
      'docker-compose.yml': [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD: postgres',
        '  api:',
        '    build: .',
        '    environment:',
        '      DATABASE_URL: postgres://postgres:postgres@db:5432/postgres',
      ].join('\n'),
    });
    expect(findingsOf(result).map(f => f.excerpt)).toEqual([
      'POSTGRES_PASSWORD: po…',
      'DATABASE_URL: postgres://…@db:5432/postgres',
    ]);
  });

  it('mark test, CI and documentation compose files with low confidence, and judge development ones as usual', () => {
    const result = runRule(rule, {
      'docker-compose.override.yml':
        'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: localdevpw\n',
      'docker-compose.test.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: localdevpw\n',
      'docs/compose.yaml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: localdevpw\n',
      'deploy/compose.prod.yaml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: localdevpw\n',
    });
    expect(findingsOf(result).map(f => [f.path, f.confidence])).toEqual([
      ['deploy/compose.prod.yaml', 'high'],
      ['docker-compose.override.yml', 'high'],
      ['docker-compose.test.yml', 'low'],
      ['docs/compose.yaml', 'low'],
    ]);
    expect(findingsOf(result)[1].message).toBe('`POSTGRES_PASSWORD` of service `db` is set to a literal secret (a development file by its name)');
  });
});
