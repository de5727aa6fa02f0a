import { describeRule, runRule } from '../../../testing';
import { fakeCredentials as fake, randomish } from '../testCredentials';
import rule from '.';

const aws = fake.awsAccessKeyId();
const awsSecret = fake.awsSecretAccessKey();
const gh = fake.githubToken();
const slack = fake.slackToken();
const stripe = fake.stripeKey();
const pw = fake.password();
const serviceJwt = fake.jwt();
/** A Go package holding a private key, and a program or a test of another package importing it. */
const goKeystore = (importer: string, importerText: string) => ({
  'go.mod': 'module example.com/shop\n\ngo 1.22\n',
  'app/sdk/keystore/keystore.go': `package keystore\n\nconst privateKeyPEM = \`${fake.privateKey(83)}\`\n`,
  [importer]: importerText,
});
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The characters Django's startproject draws a secret key from. */
const DJANGO_KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)';
const LOWER_LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const djangoKey = `django-insecure-${randomish(50, 91, DJANGO_KEY_ALPHABET)}`;
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const b64url = (length: number, seed: number) => randomish(length, seed, BASE64URL_ALPHABET);
const b64 = (length: number, seed: number) => `${randomish(length - 1, seed, BASE64_ALPHABET)}=`;
/** An RSA key serialised with .NET's RSAParameters names (base64 values), private unless only the public members are kept. */
const rsaParameters = (seed: number, privateMembers = true) =>
  JSON.stringify({
    KeyId: b64url(32, seed),
    Parameters: {
      ...(privateMembers ? { D: b64(344, seed + 1), DP: b64(172, seed + 2), DQ: b64(172, seed + 3) } : {}),
      Exponent: 'AQAB',
      ...(privateMembers ? { InverseQ: b64(172, seed + 4) } : {}),
      Modulus: b64(344, seed + 5),
      ...(privateMembers ? { P: b64(172, seed + 6), Q: b64(172, seed + 7) } : {}),
    },
  });
/** An RSA private key as a JSON Web Key, with member names in the case a serialiser may write them. */
const rsaJwk = (seed: number, upper = false) => {
  const members: Record<string, string | null> = {
    kty: 'RSA', alg: 'RS256', kid: b64url(16, seed), n: b64url(342, seed + 1), e: 'AQAB', d: b64url(342, seed + 2),
    p: b64url(171, seed + 3), q: b64url(171, seed + 4), dp: b64url(171, seed + 5), dq: b64url(171, seed + 6),
    qi: b64url(171, seed + 7), crv: null, x: null,
  };
  return JSON.stringify(Object.fromEntries(Object.entries(members).map(([k, v]) => [upper ? k.toUpperCase() : k, v])));
};

describeRule(rule, {
  fails: [
    {
      name: 'a token key holding a random literal still signs tokens',
      files: {
        'src/auth/constants.ts': `export const TOKEN_KEY = '${randomish(40, 73)}';\n`,
        'src/auth/sign.ts': "import jwt from 'jsonwebtoken';\nimport { TOKEN_KEY } from './constants';\nexport const sign = (p: object) => jwt.sign(p, TOKEN_KEY);\n",
      },
      findings: ['src/auth/constants.ts:1'],
    },
    {
      name: 'a random-looking secret in the compose file the application runs with',
      files: { 'compose.yaml': `services:\n  server:\n    build: .\n    environment:\n      COOKIE_SECRET: "${randomish(40, 71)}"\n` },
      findings: ['compose.yaml:5'],
    },
    {
      name: 'a key in a Go package that the program imports, however its tests use it',
      files: goKeystore('api/sales/main.go', 'package main\n\nimport "example.com/shop/app/sdk/keystore"\n\nfunc main() { _ = keystore.New }\n'),
      findings: ['app/sdk/keystore/keystore.go:3'],
    },
    {
      name: 'a random secret in the env of a workflow that tests and then deploys',
      files: {
        '.github/workflows/release.yml': [
          'name: Release',
          'on: { push: { branches: [main] } }',
          'jobs:',
          '  ship:',
          '    runs-on: ubuntu-latest',
          '    env:',
          `      AUTH_SECRET: '${randomish(43, 33)}='`,
          '    steps:',
          '      - run: npm test',
          '      - run: npx wrangler deploy',
          '',
        ].join('\n'),
      },
      findings: ['.github/workflows/release.yml:7'],
    },
    {
      name: 'an AWS key pair in application code',
      files: {
        'app/storage.py': [
          'import boto3',
          '',
          `AWS_ACCESS_KEY_ID = "${aws}"`,
          `aws_secret_access_key = "${awsSecret}"`,
        ].join('\n'),
      },
      findings: ['app/storage.py:3', 'app/storage.py:4'],
    },
    {
      name: 'a private key committed as a PEM file and inlined in code',
      files: {
        'deploy/id_rsa': fake.privateKey(),
        'src/sign.ts': `const key = "${fake.privateKey(40, '').replace(/\n/g, '\\n')}";\nexport default key;\n`,
      },
      findings: ['deploy/id_rsa:1', 'src/sign.ts:1'],
    },
    {
      name: 'provider tokens in scripts and config',
      files: {
        'scripts/release.sh': `#!/bin/sh\ncurl -H "Authorization: token ${gh}" https://api.github.com/user\n`,
        'config/notify.yml': `slack:\n  token: ${slack}\n`,
        'src/billing.js': `const stripe = require('stripe')('${stripe}');\n`,
      },
      findings: ['config/notify.yml:2', 'scripts/release.sh:2', 'src/billing.js:1'],
    },
    {
      name: 'connection URLs and connection strings with literal passwords',
      files: {
        'settings.py': `DATABASE_URL = "postgres://app:${pw}@db.internal:5432/app"\nCACHE = "redis://:${pw}@cache:6379/0"\n`,
        'appsettings.json': `{\n  "ConnectionStrings": {\n    "Main": "Server=sql01;Database=ledger;User Id=ledger;Password=${pw};"\n  }\n}\n`,
        'src/Data/Db.cs': 'var cs = "Server=sql01;Database=ledger;User Id=ledger;Password=Yourik-7Qx!94";\n',
      },
      findings: ['appsettings.json:3', 'settings.py:1', 'settings.py:2', 'src/Data/Db.cs:1'],
    },
    {
      name: 'a weak password in a connection URL of a committed env file, and the user name as password in code',
      files: {
        'prisma/.env': '# read by Prisma\nDATABASE_URL="mysql://root:admin@localhost:3306/shop"\n',
        'result/server.js': "const pool = new Pool({ connectionString: 'postgres://postgres:postgres@db/postgres' });\n",
      },
      findings: ['prisma/.env:2', 'result/server.js:1'],
    },
    {
      name: 'a random-looking password with no account name beside it',
      files: { 'config/config.go': 'package config\n\nconst (\n\tDB_HOST     = "127.0.0.1"\n\tDB_PASSWORD = "shop_api_v2"\n)\n' },
      findings: ['config/config.go:5'],
    },
    {
      name: 'a service JWT assigned to a secret-named variable',
      files: {
        'server/supabase.ts': `export const SUPABASE_SERVICE_ROLE_KEY = '${serviceJwt}';\n`,
        'server/client.go': `req.Header.Set("Authorization", "Bearer ${fake.jwt({ sub: 'ops' }, 12)}")\n`,
      },
      findings: ['server/client.go:1', 'server/supabase.ts:1'],
    },
    {
      name: 'real-looking credentials in a committed .env, one finding per line',
      files: {
        '.env': `PORT=8080\nDB_PASSWORD=${pw}\nJWT_SECRET=${randomish(32, 77)}\nTOKEN_EXPIRES_IN=3600\nDEBUG=true\n`,
      },
      findings: ['.env:2', '.env:3'],
    },
    {
      name: 'a random-looking literal assigned to a secret-named setting',
      files: {
        'src/config.ts': `export const config = {\n  apiKey: '${randomish(32, 21)}',\n  region: 'eu-west-1',\n};\n`,
        'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\ndata:\n  password: ${Buffer.from(pw).toString('base64')}\n`,
        'Dockerfile': `FROM node:22\nENV CLIENT_SECRET=${randomish(24, 22)}\n`,
      },
      findings: ['Dockerfile:2', 'k8s/secret.yaml:4', 'src/config.ts:2'],
    },
    {
      name: 'a private key block in an env template that the README setup copies into place',
      files: {
        '.env.example': `PORT=3000\nJWT_PRIVATE_KEY="${fake.privateKey(71).replace(/\n/g, '\\n')}"\n`,
        'README.md': '## Setup\n\n```bash\ncp .env.example .env\nyarn start\n```\n',
      },
      findings: ['.env.example:2'],
    },
    {
      name: 'a service JWT declared with its type in a SQL function',
      files: {
        'supabase/migrations/0001_setup.sql': `DO $$\nDECLARE\n  service_role_key TEXT := '${serviceJwt}';\nBEGIN\n  PERFORM 1;\nEND $$;\n`,
      },
      findings: ['supabase/migrations/0001_setup.sql:3'],
    },
    {
      name: 'base64 of random key bytes in a Kubernetes Secret and in a base64 signing key setting',
      files: {
        'k8s/app-secret.yaml': `apiVersion: v1\nkind: Secret\ntype: Opaque\ndata:\n  api-key: ${Buffer.from(randomish(32, 61, BASE64_ALPHABET), 'base64').toString('base64')}\n`,
        'src/main/resources/config/application-prod.yml': `security:\n  jwt:\n    base64-secret: ${Buffer.from(fake.password(63)).toString('base64')}\n`,
      },
      findings: ['k8s/app-secret.yaml:5', 'src/main/resources/config/application-prod.yml:3'],
    },
    {
      name: 'a generated Django key committed with its development prefix, in settings and in a committed env file',
      files: {
        'mysite/settings.py': `from pathlib import Path\nSECRET_KEY = "${djangoKey}"\nDEBUG = False\n`,
        '.env': `DJANGO_SECRET_KEY=${djangoKey}\n`,
      },
      findings: ['.env:1', 'mysite/settings.py:2'],
    },
    {
      name: 'random-looking fallbacks of secret environment reads, a marked generated key included',
      files: {
        'mysite/settings.py': [
          'import os',
          'SECRET_KEY = os.environ.get(',
          `    "DJANGO_SECRET_KEY", "django-insecure-&${randomish(49, 92, DJANGO_KEY_ALPHABET)}")`,
        ].join('\n'),
        'src/config.js': `module.exports = { jwtSecret: process.env.JWT_SECRET || '${randomish(32, 93)}' };\n`,
        // Random letters in one case are random all the same.
        'src/config/jwt.config.ts': `export default () => ({\n  secretKey: process.env.JWT_SECRET_KEY ?? '${randomish(28, 96, LOWER_LETTERS)}',\n});\n`,
      },
      findings: ['mysite/settings.py:3', 'src/config.js:1', 'src/config/jwt.config.ts:2'],
    },
    {
      name: 'random-looking credentials in an env template that code loads by name or the README setup copies into place',
      files: {
        'app.js': "process.loadEnvFile('.env.example');\nrequire('./server');\n",
        '.env.example': `SESSION_SECRET=your-session-secret\nGITHUB_SECRET=${randomish(40, 94)}\n`,
        'api/README.md': '# API\n\n```bash\ncd api\ncp .env.example .env\nyarn start\n```\n',
        'api/.env.example': `NODE_ENV=development\nJWT_SECRET=${randomish(63, 95)}\nEMAIL_PASSWORD=\n`,
      },
      findings: ['.env.example:2', 'api/.env.example:2'],
    },
    {
      name: 'token signing keys written as literals, at the signing call or in a constant it reads',
      files: {
        'src/Api/Auth.cs': 'var key = new SymmetricSecurityKey(\n    "quietharborlanternsignal"u8.ToArray()\n);\n',
        'src/Api/Hasher.cs': 'public class Hasher {\n    private readonly HMACSHA512 x = new(Encoding.UTF8.GetBytes("pepperpassphrase"));\n}\n',
        'src/main/java/com/acme/SecurityConstants.java':
          'package com.acme;\npublic class SecurityConstants {\n  public static final String SECRET = "quiet-harbor-lantern";\n}\n',
        'src/main/java/com/acme/TokenService.java':
          'package com.acme;\nclass TokenService {\n  String issue() {\n    return Jwts.builder().signWith(SignatureAlgorithm.HS512, SecurityConstants.SECRET.getBytes()).compact();\n  }\n}\n',
        'auth/jwt.go': 'package auth\n\nvar jwtKey = []byte("purple-otter-rides")\n\nfunc Sign(t *jwt.Token) (string, error) {\n\treturn t.SignedString(jwtKey)\n}\n',
        'src/auth.js': "const token = jwt.sign({ id }, 'q8F#k29Lzx!vR04m', { expiresIn: '1d' });\n",
        'src/main/kotlin/JwtConfig.kt': 'object JwtConfig {\n    const val SECRET = "kotlin-lantern-passphrase"\n}\n',
        'conf/app.ini': '[app]\nJwtSecret = 233\nPageSize = 10\n',
        'src/Core/AuthorizationConstants.cs': 'public class AuthorizationConstants {\n    public const string JWT_SECRET_KEY = "KqTbVxRmZpLwHsDn";\n}\n',
      },
      findings: [
        'auth/jwt.go:3',
        'conf/app.ini:2',
        'src/Api/Auth.cs:2',
        'src/Api/Hasher.cs:2',
        'src/auth.js:1',
        'src/Core/AuthorizationConstants.cs:2',
        'src/main/java/com/acme/SecurityConstants.java:3',
        'src/main/kotlin/JwtConfig.kt:2',
      ],
    },
    {
      name: 'private keys written as JSON Web Keys: a .jwk file in a serialiser\'s casing and an elliptic-curve key inline in code',
      files: {
        'src/Accounts.Server/signing.jwk': rsaJwk(300, true),
        'server/keys.ts': `export const signingKey = {\n  kty: 'EC',\n  crv: 'P-256',\n  x: '${b64url(43, 310)}',\n  y: '${b64url(43, 311)}',\n  d: '${b64url(43, 312)}',\n};\n`,
      },
      findings: ['server/keys.ts:6', 'src/Accounts.Server/signing.jwk:1'],
    },
    {
      name: 'an RSA private key serialised as JSON with RSAParameters names and base64 values, in a key file of any name',
      files: {
        'src/Api/devkey.rsa': rsaParameters(360),
        'src/Api/Program.cs': 'builder.Services.AddIdentityServer().AddDeveloperSigningCredential();\n',
      },
      findings: ['src/Api/devkey.rsa:1'],
    },
  ],
  passes: [
    {
      name: 'a token key whose value names a token is where the token is stored, not a signing key',
      files: {
        'src/app/shared/constants.ts': "export const AUTHENTICATION_TOKEN_KEY = 'shop-authenticationToken';\nexport const REFRESH_TOKEN_KEY = 'refresh_token';\n",
        'src/app/core/auth.ts': "import { AUTHENTICATION_TOKEN_KEY } from '../shared/constants';\nexport const jwt = () => sessionStorage.getItem(AUTHENTICATION_TOKEN_KEY);\n",
      },
    },
    {
      name: 'translated labels in a language folder are prose, not credentials',
      files: {
        'UI/Web/src/assets/langs/es.json': '{\n  "login": {\n    "username": "Nombre de usuario",\n    "password": "Contrase\u00f1a",\n    "promoted": "Promocionado"\n  }\n}\n',
      },
    },
    {
      name: 'a key in a Go package that only tests of other packages import (test support, the httptest convention): a note',
      files: goKeystore(
        'api/sales/tests/home_test.go',
        'package home_test\n\nimport (\n\t"testing"\n\n\t"example.com/shop/app/sdk/keystore"\n)\n\nfunc TestHome(t *testing.T) { _ = keystore.New }\n',
      ),
    },
    { name: 'no credentials at all', files: { 'src/index.ts': 'export const answer = 42;\n' } },
    {
      name: 'public JSON Web Keys, private ones in test fixtures and docs, stand-ins, and objects with a d member that are no keys',
      files: {
        'public/.well-known/jwks.json': JSON.stringify({ keys: [{ kty: 'RSA', kid: 'k1', use: 'sig', n: b64url(342, 320), e: 'AQAB' }] }, null, 2),
        'test/fixtures/private.jwk': rsaJwk(330),
        'docs/signing.md': `Example key:\n\n\`\`\`json\n${rsaJwk(340)}\n\`\`\`\n`,
        'config/jwk.json': JSON.stringify({ kty: 'RSA', n: 'your-modulus-here', e: 'AQAB', d: 'your-private-exponent-goes-here-replace', p: 'your-p', q: 'your-q' }),
        'src/icons.ts': `export const icon = { id: 'close', d: '${b64url(40, 350)}', n: 'x', p: 'y', q: 'z' };\n`,
        // RSAParameters: the public members only, and a private key in a test folder or an example.
        'src/Api/public.rsa': rsaParameters(370, false),
        'tests/Api.Tests/devkey.rsa': rsaParameters(380),
        'examples/signing/devkey.json': rsaParameters(390),
        'src/svg.ts': `export const path = { d: 'M10 10 L20 20 Z M30 30 L40 40 Z M50 50 L60 60 Z', modulus: '${b64(80, 395)}', p: 'a', q: 'b' };\n`,
      },
    },
    {
      name: 'translation catalogues, and URL notation in a comment',
      files: {
        'shared/i18n/locales/ja_JP/translation.json': '{\n  "OAuth client secret": "OAuthクライアントシークレット",\n  "API token": "APIトークン"\n}\n',
        'app/lang/de.yml': 'password: "Passwort"\nsecret: "Geheimnis"\n',
        'public/intl/messages/es-ES.json': '{\n  "password": "Contraseña",\n  "token": "Ficha de acceso"\n}\n',
        'server/utils/validators.ts':
          '// Format: protocol://[user[:password]@]host1[:port1][,host2[:port2],...][/database]\nexport const isUrl = (u: string) => u.includes("://");\n',
      },
    },
    {
      name: 'passwords that repeat the account name, stand-ins in committed env files and stand-in connection passwords in configuration are for placeholder-secret-default',
      files: {
        'config/config_prod.go': 'package config\n\nconst (\n\tDB_USER     = "shop_api_v2"\n\tDB_PASSWORD = "shop_api_v2"\n)\n',
        'docker-compose.yml': 'services:\n  db:\n    image: mariadb:11\n    environment:\n      MYSQL_USER: shop_api_v2\n      MYSQL_PASSWORD: shop_api_v2\n',
        '.env': 'MONITOR_PASSWORD=1234\nADMIN_PASSWORD=qwerty\nDB_PASS=shop_pass\n',
        'src/Web/appsettings.json': '{\n  "ConnectionStrings": {\n    "Db": "Server=db;Database=shop;User Id=shop;Password=123456;"\n  }\n}\n',
        'config/app.yml': 'dsn: "postgres://shop:shop@db/shop"\n',
        'prisma/.env': 'DATABASE_URL="postgres://app:changeme@localhost:5432/app"\n',
      },
    },
    {
      name: 'base64 values that decode to placeholder text: a Kubernetes Secret and a base64 signing key setting',
      files: {
        'k8s/base/app-secret.yaml': [
          'apiVersion: v1',
          'kind: Secret',
          'data:',
          `  signing-key: ${Buffer.from('placeholder-signing-key-at-least-16').toString('base64')}`,
          `  mail-api-key: ${Buffer.from('PLACEHOLDER-MAIL-API-KEY').toString('base64')}`,
          '',
        ].join('\n'),
        'src/main/resources/config/application-prod.yml': `security:\n  jwt:\n    base64-secret: ${Buffer.from('a-key-which-should-be-changed-in-production\n').toString('base64')}\n`,
        '.yo-rc.json': `{\n  "generator": {\n    "jwtSecretKey": "${Buffer.from('a-key-which-should-be-changed-in-production\n').toString('base64')}"\n  }\n}\n`,
      },
    },
    {
      name: 'a real-looking credential in an env file for tests is a note',
      files: { '.env.test': `SWAGGER_PASSWORD=${pw}\n` },
    },
    {
      name: 'signing keys read from configuration, env defaults, stand-ins and readable phrases are for placeholder-secret-default',
      files: {
        'src/config/session.ts': "export const sessionSecret = process.env.SESSION_SECRET ?? 'quietharborlanternsignalorchard';\n",
        'src/config/alphabet.ts': "export const appToken = process.env.APP_TOKEN ?? 'qwertyuiopasdfghjklzxcvbnm';\n",
        'common/utils.go': 'package common\n\nconst TokenPassphrase = "A Key Quite Very Strong!!@#$"\n',
        'users/token.go':
          'package users\n\nfunc Issue(t *jwt.Token) (string, error) {\n\treturn t.SignedString([]byte(common.TokenPassphrase))\n}\n',
        'src/Api/Auth.cs': 'var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"]));\n',
        'src/auth.js': [
          "const a = jwt.sign(payload, process.env.JWT_SECRET || 'harbor-fallback-words');",
          "const b = jwt.sign(payload, 'secret');",
          "const d = jwt.sign(payload, 'correct horse battery staple');",
          "const e = jwt.sign(payload, 'my-secret-key');",
          "const c = jwt.verify(token, config.get('jwtSecret'));",
          "export const TOKEN_STORAGE_KEY = 'app.token';",
        ].join('\n'),
        'app/settings.py': 'import os\nJWT_SECRET = os.environ["JWT_SECRET"]\nJWT_SECRET_KEY = os.getenv("JWT_SECRET_KEY", "dev-words-here")\n',
        'src/main/resources/application.properties': 'jwt.secret=${JWT_SECRET}\njwt.sessionTime=86400\n',
        'config/test.ini': '[app]\nJwtSecret = 233\n',
        'src/Core/AuthorizationConstants.cs': 'public class AuthorizationConstants {\n    public const string JWT_SECRET_KEY = "ThisIsTheKeyThatSignsEveryTokenWeIssue";\n}\n',
        'go.mod': 'module github.com/acme/shop-admin\n',
        'config/settings.yml': 'settings:\n  jwt:\n    secret: shop-admin\n    timeout: 3600\n',
      },
    },
    {
      name: 'Django keys that are stand-ins throughout, stand-in environment fallbacks and test settings are not generated keys in use',
      files: {
        'mysite/settings.py': [
          'import os',
          'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-change-me")',
          'OTHER_SECRET_KEY = "django-insecure-change-me-before-deploying"',
        ].join('\n'),
        'tests/settings.py': `SECRET_KEY = "${djangoKey}"\nAPI_KEY = os.getenv("API_KEY", "${randomish(30, 96)}")\n`,
        'src/config.ts': "export const port = process.env.PORT || '8080';\nexport const secret = process.env.APP_SECRET || 'changeme';\n",
      },
    },
    {
      name: 'plain placeholders in templates that run as they are, and random-looking values in templates nothing copies into place',
      files: {
        'app.js': "process.loadEnvFile('.env.example');\n",
        '.env.example': 'SESSION_SECRET=your-session-secret\nSMTP_PASSWORD=changeme\nAPI_KEY=\n',
        'web/.env.sample': `JWT_SECRET=${randomish(40, 97)}\n`,
        'web/README.md': '```bash\ncp .env.sample .env.local\n```\n',
        'worker/.env.template': `WORKER_TOKEN=${randomish(40, 98)}\n`,
        'worker/README.md': 'Copy `.env.template` and fill in your own values.\n',
        // A phrase spelled with digits and symbols for letters reads as words, not as a generated key.
        'api/.env.example': "JWT_SECRET='s4lty.w1th-m4ple-syrup'\n",
        'api/README.md': '```bash\ncp .env.example .env\n```\n',
      },
    },
    {
      name: 'a signing key that is a word of the project name is placeholder-secret-default\'s',
      files: {
        'pyproject.toml': '[project]\nname = "harbor-boilerplate"\n',
        'core/config.py': 'class Config:\n    JWT_SECRET_KEY: str = "harbor"\n\ndef sign(p):\n    return jwt.encode(p, Config.JWT_SECRET_KEY)\n',
      },
    },
    {
      name: 'tokens in sample requests and stock passwords of test-only CI and local compose stacks leave low-confidence notes',
      files: {
        'requests/login.http': `GET https://api.example.com/user\nAuthorization: Bearer ${fake.jwt({ sub: 'sample' }, 41)}\n`,
        'postman/api.postman_collection.json': `{"info": {"_postman_id": "x"}, "header": [{"key": "Authorization", "value": "Bearer ${fake.jwt({ sub: 'p' }, 42)}"}]}\n`,
        '.github/workflows/tests.yml': [
          'name: Tests',
          'on: [push]',
          'jobs:',
          '  test:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - name: Run tests',
          '        env:',
          '          DATABASE_URL: postgresql://postgres:postgres@localhost/postgres',
          '        run: pytest',
          '',
        ].join('\n'),
        'docker-compose.yml': 'services:\n  app:\n    build: .\n    environment:\n      DATABASE_URL: "postgresql://postgres:postgres@db/postgres"\n',
        '.env.example': 'DATABASE_URL=postgresql://postgres:postgres@localhost/postgres\n',
        '.ci/compose.cypress.yaml': `services:\n  server:\n    build: ..\n    environment:\n      COOKIE_SECRET: "${randomish(40, 71)}"\n`,
        'compose.ci.yaml': `services:\n  server:\n    build: .\n    environment:\n      POSTGRES_PASSWORD: "${randomish(32, 72)}"\n`,
      },
    },
    {
      name: 'a committed .env of a template that holds only changethis stand-ins',
      files: { '.env': 'SECRET_KEY=changethis\nFIRST_SUPERUSER_PASSWORD=changethis\nPOSTGRES_PASSWORD=change_this\n' },
    },
    {
      name: 'a sample token in a JSDoc OpenAPI example leaves a low-confidence note',
      files: {
        'src/routes/auth.route.js': [
          '/**',
          ' * @swagger',
          ' * /auth/logout:',
          ' *   post:',
          ' *             example:',
          ` *               refreshToken: ${fake.jwt({ sub: '5ebac534954b54139806c112', iat: 1589298484 }, 31)}`,
          ' */',
          "router.post('/logout', validate(authValidation.logout), authController.logout);",
        ].join('\n'),
      },
    },
    {
      name: 'a random value in the env of a workflow that only runs end-to-end tests leaves a low-confidence note',
      files: {
        '.github/workflows/e2e.yml': [
          'name: E2E',
          'on: [pull_request]',
          'jobs:',
          '  e2e:',
          '    runs-on: ubuntu-latest',
          '    env:',
          `      AUTH_SECRET: '${randomish(43, 32)}='`,
          '    steps:',
          '      - uses: actions/checkout@v4',
          '      - run: npx playwright test',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a token in a test fixture only leaves a low-confidence note',
      files: { 'tests/fixtures/github.json': `{"token": "${fake.githubToken(31)}"}` },
    },
    {
      name: 'placeholders and templated values',
      files: {
        '.env.example': 'SECRET_KEY=changeme\nDB_PASSWORD=\nAPI_KEY=<your-api-key>\nDATABASE_URL=postgres://user:password@localhost:5432/app\n',
        'docker-compose.yml': 'services:\n  api:\n    environment:\n      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app\n',
        'README.md': 'Connect with `mongodb+srv://<username>:<pw>@cluster0.example.net`.\n',
        'src/db.py': 'url = f"postgresql://{user}:{password}@{host}/{name}"\n',
        'src/db.go': 'dsn := fmt.Sprintf("postgres://%s:%s@%s/%s", u, p, h, n)\n',
        'src/db.ts': 'const url = `postgres://${user}:${pass}@${host}/db`;\n',
        'k8s/deploy.yaml': 'env:\n  - name: DB_URL\n    value: postgres://app:$(DB_PASSWORD)@db/app\n',
        'src/Data/DesignTimeFactory.cs':
          'var cs = Environment.GetEnvironmentVariable("Db") ?? "Server=localhost,1433;Database=App;User ID=sa;Password=YourStr0ng!Pass;";\n',
      },
    },
    {
      name: 'documented stand-in tokens',
      files: {
        'docs/aws.md': 'export AWS_ACCESS_KEY_ID=' + 'AKIA' + 'IOSFODNN7EXAMPLE\n',
        'src/gh.ts': `const token = process.env.GITHUB_TOKEN ?? 'gh${'p_'}${'x'.repeat(36)}';\n`,
      },
    },
    {
      name: 'lock files, minified bundles and source maps',
      files: {
        'package-lock.json': `{"packages": {"node_modules/a": {"integrity": "sha512-${randomish(86, 5)}=="}}}\n`,
        'yarn.lock': `a@^1:\n  integrity sha512-${randomish(86, 6)}==\n`,
        'public/vendor.min.js': `var k="${aws}";`,
        'public/app.js.map': `{"mappings":"${randomish(200, 7)}","k":"${aws}"}`,
      },
    },
    {
      name: 'public keys and certificates are not secrets',
      files: {
        'certs/server.crt': ['-----BEGIN CERTIFICATE-----', fake.privateKeyBody(60), '-----END CERTIFICATE-----'].join('\n'),
        'keys/jwt.pub': ['-----BEGIN PUBLIC KEY-----', fake.privateKeyBody(61), '-----END PUBLIC KEY-----'].join('\n'),
      },
    },
    {
      name: 'a private key header used as a marker in code',
      files: {
        'src/pem.ts': "const HEADER = '-----BEGIN PRIV' + 'ATE KEY-----';\nexport const isPem = (s: string) => s.startsWith('-----BEGIN PRIVATE KEY-----') && s.includes('-----END PRIVATE KEY-----');\n",
        'docs/keys.md': '```\n-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n```\n',
      },
    },
    {
      name: 'hashes, UUIDs, base64 images and labels under secret-sounding names',
      files: {
        'src/constants.ts': [
          `export const webhookSecretHash = '${randomish(64, 8, '0123456789abcdef')}';`,
          "export const apiToken = '123e4567-e89b-12d3-a456-426614174000';",
          "export const TOKEN_STORAGE_KEY = 'app.auth.token';",
          "export const passwordLabel = 'Enter your password';",
          `export const logo = 'data:image/png;base64,${randomish(40, 9, BASE64_ALPHABET)}${aws}${randomish(40, 10)}';`,
        ].join('\n'),
        'locales/en.json': '{"password": "Password", "token": "Access token", "secretQuestion": "Your first pet"}\n',
      },
    },
    {
      name: 'sample values quoted in docstrings and comments',
      files: {
        'oauth/parameters.py': [
          'def prepare_headers(oauth_params):',
          '    """Build the header, e.g.:',
          '',
          `        oauth_token="${randomish(16, 90)}",`,
          `        "access_token":"${randomish(22, 91)}",`,
          '    """',
          '    return {}',
        ].join('\n'),
        'src/client.ts': `// e.g. apiKey: '${randomish(32, 92)}'\nexport const client = {};\n`,
      },
    },
    {
      name: 'secrets read from the environment or a secret store',
      files: {
        'app.py': 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nDB_PASSWORD = os.getenv("DB_PASSWORD")\n',
        'src/config.ts': 'export const jwtSecret = process.env.JWT_SECRET!;\nexport const apiKey = config.get("apiKey");\n',
        'src/main/resources/application.yml': 'spring:\n  datasource:\n    password: ${DB_PASSWORD}\n',
      },
    },
    {
      name: 'JWTs that are public or well-known samples',
      files: {
        'web/src/supabase.ts': `export const SUPABASE_ANON_KEY = '${fake.jwt({ role: 'anon', iss: 'supabase' }, 13)}';\n`,
        'src/auth.ts': `const token = '${fake.jwt({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }, 14)}';\n`,
        'src/parse.ts': `expect(decode('${fake.jwt({ sub: 'x' }, 15)}')).toBeDefined();\n`,
      },
    },
  ],
});

describe('security/hardcoded-secret details', () => {
  it('marks findings in tests, fixtures, docs and examples as low confidence and says so', () => {
    const result = runRule(rule, {
      'src/app.ts': `const key = '${fake.stripeKey(40)}';\n`,
      'examples/demo/config.js': `const key = '${fake.stripeKey(41)}';\n`,
    });
    expect(result.status).toBe('fail');
    const [example, app] = result.findings;
    expect(example.path).toBe('examples/demo/config.js');
    expect(example.confidence).toBe('low');
    expect(example.message).toMatch(/lower confidence/);
    expect(app.confidence).toBe('high');
    expect(app.message).not.toMatch(/lower confidence/);
  });

  it('reports nothing from env templates whose suffix is joined by a dash or underscore', () => {
    const result = runRule(rule, {
      '.env.dev-sample': 'DEBUG=1\nSECRET_KEY=foo\nSQL_USER=shop\nSQL_PASSWORD=shop_pw\nDATABASE=postgres\n',
      '.env.prod.db-sample': 'POSTGRES_USER=shop\nPOSTGRES_PASSWORD=shop_pw\nPOSTGRES_DB=shop_prod\n',
      'deploy/.env.staging_template': 'API_TOKEN=change_me\nSESSION_SECRET=replace-with-a-long-random-string\n',
    });
    expect(result.status).toBe('pass');
    expect(result.findings).toEqual([]);
  });

  it('keeps a random-looking credential in an env template as a low-confidence note, whatever joins the suffix', () => {
    const key = randomish(24, 7);
    const result = runRule(rule, { '.env.sample': `SECRET_KEY=${key}\n`, '.env.dev-sample': `SECRET_KEY=${key}\n` });
    expect(result.status).toBe('pass');
    expect(result.findings.map(f => [f.path, f.confidence])).toEqual([
      ['.env.dev-sample', 'low'],
      ['.env.sample', 'low'],
    ]);
  });

  it('keeps findings in tests and fixtures as notes of a passing result', () => {
    const result = runRule(rule, { 'tests/fixtures/github.json': `{"token": "${fake.githubToken(31)}"}` });
    expect(result.status).toBe('pass');
    expect(result.findings).toEqual([
      expect.objectContaining({ path: 'tests/fixtures/github.json', line: 1, confidence: 'low' }),
    ]);
  });

  it('never puts a whole secret in a message or an excerpt', () => {
    const secrets = [gh, stripe, pw, serviceJwt, aws, awsSecret];
    const result = runRule(rule, {
      'src/a.ts': secrets.map((s, i) => `export const apiToken${i} = '${s}';`).join('\n'),
      'src/b.py': `DATABASE_URL = "mysql://root:${pw}@db/app"\n`,
      '.env': `DB_PASSWORD=${pw}\n`,
      'deploy/key.pem': fake.privateKey(50),
    });
    expect(result.findings.length).toBeGreaterThanOrEqual(8);
    const text = JSON.stringify(result);
    for (const secret of [...secrets, fake.privateKeyBody(50).split('\n')[0]]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(0, 12));
    }
    const key = result.findings.find(f => f.path === 'deploy/key.pem');
    expect(key?.excerpt).toBe('-----BEGIN RSA PRIVATE KEY-----');
  });
});

describe('security/hardcoded-secret connection URLs of a local database', () => {
  const confidences = (files: Record<string, string>) =>
    runRule(rule, files).findings.map(f => [`${f.path}:${f.line}`, f.confidence]);

  it("keeps a loopback URL with the database image's stock password a note", () => {
    expect(
      confidences({
        'lib/db/setup.ts':
          "async function localUrl() {\n  await startDocker();\n  return 'postgres://postgres:postgres@localhost:54322/postgres';\n}\n",
        'scripts/dev-setup.sh': '#!/bin/sh\nexport DATABASE_URL=mysql://root:root@127.0.0.1:3306/app\n',
        // The password repeats the database name; a connection string on a loopback host with a stock password.
        'provision/start.sh': '#!/bin/sh\nexport DATABASE_URL="mysql+pymysql://shopuser:shop@localhost/shop"\nexport BROKER_URL="amqp://user:bitnami@localhost:5672/"\n',
        'cmd/worker/config.yml': 'postgres:\n  dsn_url: host=127.0.0.1 user=app password=postgres dbname=app sslmode=disable\n',
      }),
    ).toEqual([
      ['cmd/worker/config.yml:2', 'low'],
      ['lib/db/setup.ts:3', 'low'],
      ['provision/start.sh:2', 'low'],
      ['provision/start.sh:3', 'low'],
      ['scripts/dev-setup.sh:2', 'low'],
    ]);
  });

  it('still fails a loopback URL with a password of its own, and a stock password on a remote host', () => {
    expect(
      confidences({
        'lib/db/setup.ts': `export const url = 'postgres://postgres:${randomish(20, 7)}@localhost:5432/app';\n`,
        'src/db.ts': "export const url = 'postgres://postgres:postgres@db.prod.example.net:5432/app';\n",
        'cmd/worker/config.yml': `postgres:\n  dsn_url: host=127.0.0.1 user=postgres password=${pw} dbname=postgres\n`,
        'cmd/api/config.yml': 'postgres:\n  dsn_url: host=db.prod.internal user=postgres password=P4ss-Shop-2024 dbname=shop\n',
      }),
    ).toEqual([
      ['cmd/api/config.yml:2', 'high'],
      ['cmd/worker/config.yml:2', 'high'],
      ['lib/db/setup.ts:1', 'high'],
      ['src/db.ts:1', 'high'],
    ]);
  });
});
