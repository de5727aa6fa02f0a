import { snapshotFromFiles } from '../snapshot';
import { buildFacts } from '.';
import { envFileKind } from './env';

function reads(files: Record<string, string>) {
  return buildFacts(snapshotFromFiles(files)).envReads.map(r => ({
    name: r.name,
    line: r.line,
    ...(r.fallback !== undefined ? { fallback: r.fallback } : {}),
  }));
}

describe('envReads', () => {
  it('reads Python fallbacks given with `or`', () => {
    expect(
      reads({
        'app.py': 'import os\nSECRET = os.getenv("SECRET_KEY") or "dev"\nURL = os.environ.get(\'DB_URL\')\n',
      }),
    ).toEqual([
      { name: 'SECRET_KEY', line: 2, fallback: 'dev' },
      { name: 'DB_URL', line: 3 },
    ]);
  });

  it('reads django-environ and Laravel env() calls with their defaults', () => {
    expect(
      reads({
        'settings.py': 'SECRET_KEY = env("SECRET_KEY", default="insecure")\nDEBUG = env.bool("DEBUG", default=False)\nAPI = env.str(\'API_KEY\')\n',
        'config/app.php': "<?php return ['key' => env('APP_KEY', 'base64:abc')];\n",
      }),
    ).toEqual([
      { name: 'APP_KEY', line: 1, fallback: 'base64:abc' },
      { name: 'SECRET_KEY', line: 1, fallback: 'insecure' },
      { name: 'DEBUG', line: 2 },
      { name: 'API_KEY', line: 3 },
    ]);
  });

  it('reads python-decouple config() calls in files that import it, and environs readers by their instance name', () => {
    expect(
      reads({
        'web/config.py':
          "from decouple import config\nSECRET_KEY = config('SECRET_KEY', default='S3cr3t!')\nDEBUG = config('DEBUG', default=True, cast=bool)\n",
        'app/__init__.py':
          'from environs import Env\nobj_env = Env()\nobj_env.read_env()\nHOST = obj_env("HOST_MYSQL")\nPORT = obj_env.int("PORT_MYSQL", "3306")\n',
        'other.py': "settings = load()\nvalue = config('NOT_AN_ENV_READ')\n",
      }),
    ).toEqual([
      { name: 'HOST_MYSQL', line: 4 },
      { name: 'PORT_MYSQL', line: 5, fallback: '3306' },
      { name: 'SECRET_KEY', line: 2, fallback: 'S3cr3t!' },
      { name: 'DEBUG', line: 3 },
    ]);
  });

  it('reads decouple config() in settings modules that star-import a module importing it', () => {
    expect(
      reads({
        'site/settings/base.py': "from decouple import config\nSECRET_KEY = config('SECRET_KEY')\n",
        'site/settings/prod.py': "from .base import *\nSTRIPE_KEY = config('STRIPE_SECRET_KEY')\n",
        'site/settings/local.py': "from .base import *\nfrom .loader import config\nX = config('NOT_DECOUPLE')\n",
        'site/other.py': "from helpers import *\ndef config(name):\n    return name\nY = config('OWN_HELPER')\n",
        'site/plain.py': "settings = load()\nZ = config('NO_STAR_IMPORT')\n",
      }),
    ).toEqual([
      { name: 'SECRET_KEY', line: 2 },
      { name: 'STRIPE_SECRET_KEY', line: 2 },
    ]);
  });

  it('reads hand-written getEnv helpers but not method calls of the same name', () => {
    expect(
      reads({
        'main.go': 'secret := getEnv("JWT_SECRET", "secret")\nport := os.Getenv("PORT")\n',
        'cfg.ts': 'const k = config.getEnv("NOT_AN_ENV_READ");\n',
      }),
    ).toEqual([
      { name: 'JWT_SECRET', line: 1, fallback: 'secret' },
      { name: 'PORT', line: 2 },
    ]);
  });

  it("reads calls of the project's own helpers that read the variable their first parameter names", () => {
    expect(
      reads({
        'src/lib/env/utils.ts': [
          'export function getOsEnv(key: string): string {',
          '  if (typeof process.env[key] === "undefined") throw new Error(`${key} is not set`);',
          '  return process.env[key] as string;',
          '}',
          'export function getOsEnvOptional(key: string): string | undefined {',
          '  return process.env[key];',
          '}',
          'export function getOsPath(key: string): string {',
          '  return path.join(process.cwd(), getOsEnv(key));',
          '}',
          'export const fromEnv = name => process.env[name];',
          '',
        ].join('\n'),
        'src/env.ts': "export const env = {\n  name: getOsEnv('APP_NAME'),\n  json: toBool(getOsEnvOptional('LOG_JSON')),\n  dir: getOsPath('UPLOAD_DIR'),\n  x: fromEnv(\"X_FLAG\"),\n};\n",
        'app/settings.py': 'import os\n\ndef setting(name, default=None):\n    return os.environ.get(name, default)\n\nDEBUG = setting("APP_DEBUG")\n',
        'config/config.go': 'package config\n\nfunc lookup(key string) string {\n\treturn os.Getenv(key)\n}\n\nvar Addr = lookup("LISTEN_ADDR")\n',
      }),
    ).toEqual([
      { name: 'APP_DEBUG', line: 6 },
      { name: 'LISTEN_ADDR', line: 7 },
      { name: 'APP_NAME', line: 2 },
      { name: 'LOG_JSON', line: 3 },
      { name: 'UPLOAD_DIR', line: 4 },
      { name: 'X_FLAG', line: 5 },
    ]);
  });

  it('takes no helper from functions that read a fixed variable, take it from elsewhere, or are called with a lower-case key', () => {
    expect(
      reads({
        'src/a.ts': [
          'export function dbUrl(key: string) { return process.env.DATABASE_URL + key; }',
          'export function pick(key: string) { const k = "X"; return process.env[k]; }',
          'export function lookup(key: string) { return process.env[key]; }',
          "dbUrl('NOT_A_READ'); pick('NOT_A_READ_EITHER'); lookup('lowercase'); obj.lookup('METHOD_CALL');",
          '',
        ].join('\n'),
        'src/a.test.ts': "export function fake(k: string) { return process.env[k]; }\nfake('TEST_ONLY');\n",
      }),
    ).toEqual([{ name: 'DATABASE_URL', line: 1 }]);
  });

  it('reads destructured process.env with defaults, one read per name and line', () => {
    expect(
      reads({
        'src/config.js': [
          'const {',
          "  JWT_SECRET = 'secret',",
          '  PORT = 3000,',
          '  DATABASE_URL,',
          '} = process.env;',
        ].join('\n'),
      }),
    ).toEqual([
      { name: 'JWT_SECRET', line: 2, fallback: 'secret' },
      { name: 'PORT', line: 3 },
      { name: 'DATABASE_URL', line: 4 },
    ]);
  });

  it('does not take patterns, messages or docs that mention a read for a read', () => {
    expect(
      reads({
        'src/rules/detect.ts': [
          "const READ = /process.env.JWT_SECRET || 'x'/g;",
          "const message = 'use os.getenv(\"SECRET_KEY\") instead of process.env.SESSION_SECRET';",
          'const doc = `set process.env.API_TOKEN before starting`;',
          'const url = `${process.env.BASE_URL}/api`;',
          "const { PORT = '3000' } = process.env;",
          "const hint = '{ SESSION_SECRET } = process.env';",
        ].join('\n'),
        'tools/check.py': 'PATTERN = re.compile(r\'os.getenv("SECRET_KEY")\')\nreal = os.getenv("REAL_ONE")\n',
      }),
    ).toEqual([
      { name: 'BASE_URL', line: 4 },
      { name: 'PORT', line: 5, fallback: '3000' },
      { name: 'REAL_ONE', line: 2 },
    ]);
  });

  it('marks Spring placeholders, which document their own default', () => {
    const facts = buildFacts(
      snapshotFromFiles({ 'src/main/resources/application.properties': 'server.port=${PORT:8080}\napp.key=${APP_KEY}\n' }),
    );
    expect(facts.envReads.map(r => [r.name, r.fallback, r.placeholder])).toEqual([
      ['PORT', '8080', true],
      ['APP_KEY', undefined, true],
    ]);
  });

  it('keeps the existing JavaScript and Spring readings', () => {
    expect(
      reads({
        'src/a.ts': "const s = process.env.SESSION_SECRET || 'keyboard cat';\n",
        'src/main/resources/application.yml': 'jwt:\n  secret: ${JWT_SECRET:changeme}\n',
      }),
    ).toEqual([
      { name: 'SESSION_SECRET', line: 1, fallback: 'keyboard cat' },
      { name: 'JWT_SECRET', line: 2, fallback: 'changeme' },
    ]);
  });
});

describe('envFileKind', () => {
  it.each([
    ['.env', 'real'],
    ['.env.production', 'real'],
    ['config/app.env', 'real'],
    ['.env.example', 'example'],
    ['.env.local.example', 'example'],
    ['example.env', 'example'],
    ['env.example', 'example'],
    ['env-example-relational', 'example'],
    ['.env-sample', 'example'],
    ['deploy/env_template', 'example'],
    ['.example-env', 'example'],
    ['.env.dev-sample', 'example'],
    ['.env.prod.db-sample', 'example'],
    ['.env.production_template', 'example'],
    ['.env.staging', 'real'],
    ['.env.dev-local', 'real'],
    ['sample.env', 'example'],
    ['app.example.env', 'example'],
    ['deploy/app.staging.env', 'real'],
    ['.env.defaults', 'example'],
    ['gotify-server.env.example', 'example'],
    ['deploy/app.env.sample', 'example'],
    ['my_app-env-template', 'example'],
    ['gotify-server.env', 'real'],
    ['server.environment.example', undefined],
  ])('%s is %s', (path, kind) => {
    expect(envFileKind(path)).toBe(kind);
  });

  it.each(['environment.ts', 'env.ts', 'env.example.ts', '.env.example.js', 'envexample.md', 'src/env-examples/index.js', 'env-example.py', 'example-env.ts', 'my-app.env.example.ts'])('%s is no env file', path => {
    expect(envFileKind(path)).toBeUndefined();
  });
});

describe('pydantic settings classes', () => {
  it('reads a variable per field, through settings classes built on settings classes, with prefixes and aliases', () => {
    expect(
      reads({
        'app/core/base.py': [
          'from pydantic_settings import BaseSettings, SettingsConfigDict',
          'class BaseAppSettings(BaseSettings):',
          '    app_env: str = "prod"',
          '    model_config = SettingsConfigDict(env_file=".env")',
        ].join('\n'),
        'app/core/app.py': [
          'from pydantic import Field, SecretStr',
          'from typing import ClassVar',
          'from app.core.base import BaseAppSettings',
          'class AppSettings(BaseAppSettings):',
          '    debug: bool = False',
          '    database_url: PostgresDsn',
          '    secret_key: SecretStr',
          '    max_connections: int = Field(10, env="DB_POOL_MAX")',
          '    _cache: dict = {}',
          '    registry: ClassVar[dict] = {}',
          '',
          '    class Config:',
          '        validate_assignment = True',
          '',
          '    @property',
          '    def kwargs(self) -> dict:',
          '        inner: int = 1',
          '        return {}',
        ].join('\n'),
        'app/mail.py': [
          'from pydantic_settings import BaseSettings',
          'class MailSettings(BaseSettings):',
          '    class Config:',
          '        env_prefix = "MAIL_"',
          '    host: str = "localhost"',
        ].join('\n'),
        'app/models.py': 'class User(Base):\n    name: str = "x"\n',
      }),
    ).toEqual([
      { name: 'DEBUG', line: 5, fallback: 'False' },
      { name: 'DATABASE_URL', line: 6 },
      { name: 'SECRET_KEY', line: 7 },
      { name: 'DB_POOL_MAX', line: 8, fallback: '10' },
      { name: 'APP_ENV', line: 3, fallback: 'prod' },
      { name: 'MAIL_HOST', line: 5, fallback: 'localhost' },
    ]);
  });

  it('reads nothing from classes that are not settings, or from a file that only mentions BaseSettings', () => {
    expect(
      reads({
        'app/models.py': 'from pydantic import BaseModel\nclass User(BaseModel):\n    name: str = "x"\n',
        'docs/settings.py': '# subclass BaseSettings to read the environment\n',
      }),
    ).toEqual([]);
  });
});

describe('node-config environment map', () => {
  it('reads every variable config/custom-environment-variables names, plain or with a format', () => {
    expect(
      reads({
        'config/custom-environment-variables.yml': 'server:\n  host: HOST\n  port:\n    __name: PORT\n    __format: number\ndb:\n  url: DATABASE_URL\n',
        'config/default.yml': 'server:\n  host: localhost\n',
        'docs/config/custom-environment-variables.md': 'host: HOST\n',
      }),
    ).toEqual([
      { name: 'HOST', line: 2 },
      { name: 'PORT', line: 4 },
      { name: 'DATABASE_URL', line: 7 },
    ]);
  });
});
