import { snapshotFromFiles } from '../snapshot';
import { buildFacts } from '.';
import { holdsWildcard, isTruthy, literalText, valuesOf } from './values';

/** Every value a named binding of a file takes, as text, with the variable whose default it is. */
function valuesOfName(files: Record<string, string>, path: string, name: string, owner?: string): string[] {
  const facts = buildFacts(snapshotFromFiles(files));
  const index = valuesOf(facts);
  const binding = [...index.bindings(path)].reverse().find(b => b.name === name && b.owner === owner);
  if (!binding) return ['<no binding>'];
  return index.valueOf(binding).map(v => `${v.value ? literalText(v.value) : '<required>'}${v.env ? ` (${v.env})` : ''} @${v.path}:${v.line}`);
}

describe('resolved values', () => {
  it('reads Python module constants, env reads with defaults and project helpers', () => {
    const files = {
      'app/settings.py': [
        'import os',
        'from decouple import config',
        'from .helpers import env_bool',
        'A = "x"',
        'B = A',
        'DEBUG = env_bool("DEBUG", "True")',
        'SECRET = os.getenv("SECRET_KEY", "dev")',
        'TOKEN = os.environ.get("TOKEN") or "fallback"',
        'REQUIRED = os.environ["REQUIRED"]',
        'FLAG = config("FLAG", default=True, cast=bool)',
        'ON = os.getenv("ON", "false").lower() == "true"',
        'HOSTS = os.getenv("HOSTS", "*").split(",")',
      ].join('\n'),
      'app/helpers.py': 'def env_bool(name, default):\n    return os.getenv(name, default) == "True"\n',
    };
    expect(valuesOfName(files, 'app/settings.py', 'B')).toEqual(['x @app/settings.py:4']);
    expect(valuesOfName(files, 'app/settings.py', 'DEBUG')).toEqual(['True (DEBUG) @app/settings.py:6']);
    expect(valuesOfName(files, 'app/settings.py', 'SECRET')).toEqual(['dev (SECRET_KEY) @app/settings.py:7']);
    expect(valuesOfName(files, 'app/settings.py', 'TOKEN')).toEqual(['fallback (TOKEN) @app/settings.py:8']);
    expect(valuesOfName(files, 'app/settings.py', 'REQUIRED')).toEqual(['<required> (REQUIRED) @app/settings.py:9']);
    expect(valuesOfName(files, 'app/settings.py', 'FLAG')).toEqual(['true (FLAG) @app/settings.py:10']);
    expect(valuesOfName(files, 'app/settings.py', 'ON')).toEqual(['false (ON) @app/settings.py:11']);
    expect(valuesOfName(files, 'app/settings.py', 'HOSTS')).toEqual(['["*"] (HOSTS) @app/settings.py:12']);
  });

  it('follows a setting assigned from another one, across sibling modules and star imports', () => {
    const files = {
      'config/env.py': 'import environ\nenv = environ.Env()\n',
      'config/base.py': 'from config.env import env\nDEBUG = env.bool("DJANGO_DEBUG", default=True)\n',
      'config/cors.py': 'from config.base import DEBUG\nCORS_ALLOW_ALL_ORIGINS = DEBUG\n',
      'config/prod.py': 'from .base import *\nCORS_ALLOW_ALL_ORIGINS = not DEBUG\n',
    };
    expect(valuesOfName(files, 'config/cors.py', 'CORS_ALLOW_ALL_ORIGINS')).toEqual(['true (DJANGO_DEBUG) @config/base.py:2']);
    expect(valuesOfName(files, 'config/prod.py', 'CORS_ALLOW_ALL_ORIGINS')).toEqual(['false (DJANGO_DEBUG) @config/base.py:2']);
  });

  it('reads pydantic settings fields and resolves a settings attribute to the production classes', () => {
    const files = {
      'app/core/settings.py': [
        'from pydantic import BaseSettings, SecretStr',
        'class AppSettings(BaseSettings):',
        '    debug: bool = False',
        '    allowed_hosts: List[str] = ["*"]',
        '    secret_key: SecretStr',
        'class TestAppSettings(AppSettings):',
        '    allowed_hosts: List[str] = ["http://localhost"]',
        '    secret_key: SecretStr = SecretStr("test_secret")',
      ].join('\n'),
      'app/main.py': 'def build():\n    settings = get_settings()\n    app.add_middleware(CORSMiddleware, allow_origins=settings.allowed_hosts)\n',
    };
    const facts = buildFacts(snapshotFromFiles(files));
    const index = valuesOf(facts);
    const text = files['app/main.py'];
    const at = text.indexOf('settings.allowed_hosts');
    const values = index.resolve('app/main.py', at, 'settings.allowed_hosts');
    expect(values.map(v => literalText(v.value))).toEqual(['["*"]']);
    expect(holdsWildcard(values[0].value)).toBe(true);
    expect(valuesOfName(files, 'app/core/settings.py', 'secret_key', 'TestAppSettings')).toEqual(['test_secret @app/core/settings.py:8']);
    expect(index.ownerAt('app/core/settings.py', files['app/core/settings.py'].indexOf('SecretStr("test'))).toBe('TestAppSettings');
  });

  it('reads JavaScript constants, env fallbacks, config objects and imported constants', () => {
    const files = {
      'src/config.ts': [
        "export const JWT_SECRET = process.env.JWT_SECRET || 'dev-secret';",
        "export const ORIGINS = process.env.CORS_ORIGINS ?? '*';",
        'export default {',
        "  jwt: { secret: 'from-object' },",
        '  graphql: { playground: true },',
        '};',
      ].join('\n'),
      'src/app.ts': "import config, { JWT_SECRET as key } from './config';\nconst signing = key;\nconst playground = config.graphql.playground;\n",
    };
    expect(valuesOfName(files, 'src/config.ts', 'JWT_SECRET')).toEqual(['dev-secret (JWT_SECRET) @src/config.ts:1']);
    expect(valuesOfName(files, 'src/config.ts', 'ORIGINS')).toEqual(['* (CORS_ORIGINS) @src/config.ts:2']);
    expect(valuesOfName(files, 'src/app.ts', 'signing')).toEqual(['dev-secret (JWT_SECRET) @src/config.ts:1']);
    expect(valuesOfName(files, 'src/app.ts', 'playground')).toEqual(['true @src/config.ts:5']);
  });

  it('reads the data of imported JSON files, and lookups in a store of secrets with their defaults', () => {
    const files = {
      'package.json': '{\n  "name": "shop-web",\n  "version": "1.2.0"\n}\n',
      'config/app.js': "const pkg = require('../package.json');\nconst { version } = require('../package.json');\nconst name = pkg.name;\nconst v = version;\n",
      'src/meta.ts': "import pkg from '../package.json';\nexport const title = pkg.name;\n",
      'site/settings.py': [
        'try:',
        '    with open("secrets.json") as handle:',
        '        SECRETS = json.load(handle)',
        'except OSError:',
        '    SECRETS = {"secret_key": "x"}',
        'SECRET_KEY = str(SECRETS["secret_key"])',
        'HOOK_SECRET = SECRETS.get("hook_secret", "insecure")',
        'OTHER = SECRETS.get("other")',
      ].join('\n'),
    };
    expect(valuesOfName(files, 'config/app.js', 'name')).toEqual(['shop-web @package.json:2']);
    expect(valuesOfName(files, 'config/app.js', 'v')).toEqual(['1.2.0 @package.json:3']);
    expect(valuesOfName(files, 'src/meta.ts', 'title')).toEqual(['shop-web @package.json:2']);
    expect(valuesOfName(files, 'site/settings.py', 'SECRET_KEY')).toEqual(['x @site/settings.py:5']);
    expect(valuesOfName(files, 'site/settings.py', 'HOOK_SECRET')).toEqual(['insecure (hook_secret) @site/settings.py:7']);
    expect(valuesOfName(files, 'site/settings.py', 'OTHER')).toEqual(['<required> (other) @site/settings.py:8']);
  });

  it('follows env fallback chains through split and per-item cleanup, not through other list changes', () => {
    const files = {
      'src/cors.ts': [
        "const a = (process.env.A || process.env.B || '*').split(',').map((o) => o.trim()).filter((o) => o.length > 0);",
        "const b = (process.env.A ?? '*').split(',').filter(Boolean).map(o => o.toLowerCase());",
        "const c = (process.env.A || '*').split(',').filter((o) => o !== '*');",
        "const d = (process.env.A || '*').split(',').map((o) => new RegExp(o));",
      ].join('\n'),
    };
    expect(valuesOfName(files, 'src/cors.ts', 'a')).toEqual(['["*"] (A) @src/cors.ts:1']);
    expect(valuesOfName(files, 'src/cors.ts', 'b')).toEqual(['["*"] (A) @src/cors.ts:2']);
    expect(valuesOfName(files, 'src/cors.ts', 'c')).toEqual([]);
    expect(valuesOfName(files, 'src/cors.ts', 'd')).toEqual([]);
  });

  it('reads class constants of Java, Kotlin and C#, Spring placeholders and .NET configuration defaults', () => {
    const files = {
      'src/main/java/com/acme/Constants.java':
        'package com.acme;\npublic final class Constants {\n  public static final String SECRET = "s3cr3t-signing-passphrase";\n  private int counter = 0;\n}\n',
      'src/main/java/com/acme/Jwt.java':
        'package com.acme;\nimport com.acme.Constants;\nclass Jwt {\n  static final String KEY = Constants.SECRET;\n  @Value("${JWT_SECRET:changeme}") private String secret;\n}\n',
      'src/main/kotlin/Keys.kt': 'object Keys {\n    const val SIGNING = "kotlin-passphrase"\n}\n',
      'src/Api/Settings.cs':
        'public static class Settings {\n    public const string Key = "csharp-passphrase";\n    public static readonly bool Debug = configuration.GetValue<bool>("DEBUG", true);\n}\n',
    };
    expect(valuesOfName(files, 'src/main/java/com/acme/Jwt.java', 'KEY', 'Jwt')).toEqual([
      's3cr3t-signing-passphrase @src/main/java/com/acme/Constants.java:3',
    ]);
    expect(valuesOfName(files, 'src/main/java/com/acme/Constants.java', 'counter', 'Constants')).toEqual(['<no binding>']);
    expect(valuesOfName(files, 'src/main/kotlin/Keys.kt', 'SIGNING', 'Keys')).toEqual(['kotlin-passphrase @src/main/kotlin/Keys.kt:2']);
    expect(valuesOfName(files, 'src/Api/Settings.cs', 'Key', 'Settings')).toEqual(['csharp-passphrase @src/Api/Settings.cs:2']);
    expect(valuesOfName(files, 'src/Api/Settings.cs', 'Debug', 'Settings')).toEqual(['true (DEBUG) @src/Api/Settings.cs:3']);
    const facts = buildFacts(snapshotFromFiles(files));
    expect(valuesOf(facts).resolve('src/main/java/com/acme/Jwt.java', 0, '"${JWT_SECRET:changeme}"').map(v => `${literalText(v.value)} (${v.env})`)).toEqual([
      'changeme (JWT_SECRET)',
    ]);
  });

  it('reads Go constants of the same and of imported packages, and helper fallbacks', () => {
    const files = {
      'go.mod': 'module example.com/app\n',
      'pkg/setting/keys.go': 'package setting\n\nconst (\n\tJwtKey = "go-passphrase"\n\tOther  = JwtKey\n)\n\nvar Mode = getEnv("GIN_MODE", "debug")\n',
      'pkg/setting/more.go': 'package setting\n\nvar Alias = Other\n',
      'main.go': 'package main\n\nimport (\n\t"example.com/app/pkg/setting"\n)\n\nvar key = []byte(setting.JwtKey)\n\nfunc main() {\n\tx := "local"\n}\n',
    };
    expect(valuesOfName(files, 'pkg/setting/more.go', 'Alias')).toEqual(['go-passphrase @pkg/setting/keys.go:4']);
    expect(valuesOfName(files, 'pkg/setting/keys.go', 'Mode')).toEqual(['debug (GIN_MODE) @pkg/setting/keys.go:8']);
    expect(valuesOfName(files, 'main.go', 'key')).toEqual(['go-passphrase @pkg/setting/keys.go:4']);
    expect(valuesOfName(files, 'main.go', 'x')).toEqual(['<no binding>']);
  });

  it('follows helpers of the project that read the variable their first parameter names, whatever their name', () => {
    const files = {
      'app/settings.py': [
        'import os',
        'from app.util import flag, secret_or',
        '',
        'def readbool(s: str, default: str) -> bool:',
        '    v = os.getenv(s, default=default)',
        '    if v not in ("", "True", "False"):',
        '        raise ValueError(s)',
        '    return v == "True"',
        '',
        'def fetch(s, default=None):',
        '    if path := os.getenv(s + "_FILE"):',
        '        return open(path).read()',
        '    return os.getenv(s, default)',
        '',
        'def scale(s, default):',
        '    return int(s) * default',
        '',
        'DEBUG = readbool("DEBUG", "True")',
        'SECRET_KEY = fetch("SECRET_KEY", "---")',
        'API_TOKEN = fetch("API_TOKEN")',
        'WIDTH = scale("WIDTH", 3)',
        'PAYMENTS = flag("PAYMENTS")',
        'SIGNING = secret_or("SIGNING_KEY")',
      ].join('\n'),
      'app/util.py': [
        'import os',
        'def flag(name, default="False"):',
        '    return os.environ.get(name) or default',
        'def secret_or(name, fallback="dev-key"):',
        '    return os.environ[name]',
      ].join('\n'),
      'web/config.ts': [
        "import { envOr } from './env';",
        'export const origins = envOr("ALLOWED_ORIGINS", "*");',
      ].join('\n'),
      'web/env.ts': 'export function envOr(name: string, fallback: string): string {\n  return process.env[name] ?? fallback;\n}\n',
      'tests/test_settings.py': 'import os\ndef readbool(s, default):\n    return os.getenv(s, default)\n',
    };
    expect(valuesOfName(files, 'app/settings.py', 'DEBUG')).toEqual(['True (DEBUG) @app/settings.py:18']);
    expect(valuesOfName(files, 'app/settings.py', 'SECRET_KEY')).toEqual(['--- (SECRET_KEY) @app/settings.py:19']);
    expect(valuesOfName(files, 'app/settings.py', 'API_TOKEN')).toEqual(['null (API_TOKEN) @app/settings.py:10']);
    // Not a read of the environment: no value.
    expect(valuesOfName(files, 'app/settings.py', 'WIDTH')).toEqual([]);
    // The helper's own default, read where the helper is written.
    expect(valuesOfName(files, 'app/settings.py', 'PAYMENTS')).toEqual(['False (PAYMENTS) @app/util.py:2']);
    // A parameter the helper never hands back is no fallback.
    expect(valuesOfName(files, 'app/settings.py', 'SIGNING')).toEqual(['<required> (SIGNING_KEY) @app/settings.py:23']);
    expect(valuesOfName(files, 'web/config.ts', 'origins')).toEqual(['* (ALLOWED_ORIGINS) @web/config.ts:2']);
  });

  it('reads keys of committed configuration files, not of examples, CI or compose files', () => {
    const facts = buildFacts(
      snapshotFromFiles({
        'conf/app.ini': '[server]\n# debug or release\nRunMode = debug\nHttpPort = 8000\n',
        'conf/app.example.ini': '[server]\nRunMode = release\n',
        'src/main/resources/application.yml': 'dgs:\n  graphql:\n    graphiql:\n      enabled: false\n',
        '.github/workflows/ci.yml': 'env:\n  RunMode: debug\n',
      }),
    );
    const index = valuesOf(facts);
    expect(index.configValues('RunMode')).toEqual([{ path: 'conf/app.ini', line: 3, key: 'server.RunMode', value: 'debug' }]);
    expect(index.configValues('run_mode').length).toBe(1);
    expect(index.configValues('dgs.graphql.graphiql.enabled').map(v => v.value)).toEqual(['false']);
  });

  it('knows on and off values', () => {
    expect(isTruthy({ kind: 'string', value: 'True' })).toBe(true);
    expect(isTruthy({ kind: 'string', value: 'false' })).toBe(false);
    expect(isTruthy({ kind: 'boolean', value: true })).toBe(true);
    expect(holdsWildcard({ kind: 'string', value: 'https://a.example, *' })).toBe(true);
    expect(holdsWildcard({ kind: 'list', items: [{ kind: 'string', value: 'https://a.example' }] })).toBe(false);
  });

  // Catastrophic backtracking on these inputs would not finish: the test's timeout is the guard.
  it('stays bounded on pathological files', () => {
    const big = `X = (${'['.repeat(5000)}\n${'aB_'.repeat(50_000)} = 'x'\n`;
    expect(() => valuesOfName({ 'a.py': big, 'b.ts': `const a = ${'('.repeat(20_000)}` }, 'a.py', 'X')).not.toThrow();
    expect(() => valuesOfName({ 'b.ts': `const a = ${'{a:'.repeat(20_000)}` }, 'b.ts', 'a')).not.toThrow();
  }, 30_000);
});
