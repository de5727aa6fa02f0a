import { describeRule, runRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'stand-ins in a committed env file that the settings class or compose loads',
      files: {
        '.env': 'APP_ENV=development\nPROJECT_NAME="Shop"\nSECRET_KEY=changethis\nADMIN_EMAIL=ops@example.com\nDB_PASSWORD=changethis\n',
        'backend/app/config.py': [
          'class Settings(BaseSettings):',
          '    model_config = SettingsConfigDict(env_file="../.env", extra="ignore")',
          '    SECRET_KEY: str',
          '    DB_PASSWORD: str',
        ].join('\n'),
        'deploy/.env': 'API_TOKEN=my-secret-token\nLOG_LEVEL=info\n',
        'deploy/compose.yml': 'services:\n  api:\n    image: acme/api:1.2\n    env_file: .env\n',
        'web/.env': 'SESSION_SECRET=replaceme\nCACHE_PASSWORD=changeme\n',
        'web/compose.yml': 'services:\n  web:\n    image: acme/web:1.2\n    environment:\n      SESSION_SECRET: ${SESSION_SECRET:?required}\n',
      },
      findings: ['.env:3', '.env:5', 'deploy/.env:1', 'web/.env:1'],
    },
    {
      name: 'env files a framework or the code loads at runtime: Next.js .env, a template loaded by name, Vite keys',
      files: {
        'site/package.json': JSON.stringify({ dependencies: { next: '^15.0.0', react: '^19.0.0' } }),
        'site/.env': '# Auth\nNEXT_PUBLIC_AUTH_KEY=pk_live_abc\nAUTH_SECRET_KEY=your_auth_secret_key\n',
        'site/.env.production': 'NEXT_PUBLIC_APP_URL=https://acme.io\n',
        'api/app.js': "process.loadEnvFile('.env.example');\nconst session = require('express-session');\n",
        'api/.env.example': 'SESSION_SECRET=Your Session Secret goes here\nPORT=3000\n',
        'svc/src/main.ts': "import dotenv from 'dotenv';\ndotenv.config({ path: '.env.sample' });\n",
        'svc/.env.sample': 'JWT_SECRET=changeme\n',
        'spa/package.json': JSON.stringify({ devDependencies: { vite: '^5.0.0' } }),
        'spa/.env': 'VITE_MAPS_API_KEY=your-api-key-here\nSTRIPE_SECRET_KEY=changeme\n',
      },
      findings: ['api/.env.example:1', 'site/.env:3', 'spa/.env:1', 'svc/.env.sample:1'],
    },
    {
      name: 'token signing keys that are readable phrases or stand-ins, at the call or in the constant it reads',
      files: {
        'common/utils.go': 'package common\n\nconst TokenPassphrase = "A Key Quite Very Strong!!@#$"\n',
        'users/token.go':
          'package users\n\nfunc Issue(t *jwt.Token) (string, error) {\n\treturn t.SignedString([]byte(common.TokenPassphrase))\n}\n',
        'src/auth.js': "const token = jwt.sign({ id }, 'correct horse battery staple', { expiresIn: '1d' });\n",
        'src/main/java/com/acme/SecurityConstants.java':
          'package com.acme;\npublic class SecurityConstants {\n  public static final String SIGNING_KEY = "my-secret-key";\n}\n',
        'src/main/java/com/acme/TokenService.java':
          'package com.acme;\nclass TokenService {\n  String issue() {\n    return Jwts.builder().signWith(SignatureAlgorithm.HS512, SecurityConstants.SIGNING_KEY.getBytes()).compact();\n  }\n}\n',
      },
      findings: ['common/utils.go:3', 'src/auth.js:1', 'src/main/java/com/acme/SecurityConstants.java:3'],
    },
    {
      name: 'a signing key of capitalised words run together, in a constants class the token service reads',
      files: {
        'src/Core/Constants/AuthorizationConstants.cs':
          'public class AuthorizationConstants\n{\n    public const string JWT_SECRET_KEY = "ThisIsTheKeyThatSignsEveryTokenWeIssue";\n}\n',
        'src/Infrastructure/TokenService.cs': [
          'public class TokenService {',
          '  public string Issue() {',
          '    var key = Encoding.ASCII.GetBytes(AuthorizationConstants.JWT_SECRET_KEY);',
          '    var creds = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256Signature);',
          '    return Write(creds);',
          '  }',
          '}',
        ].join('\n'),
      },
      findings: ['src/Core/Constants/AuthorizationConstants.cs:3'],
    },
    {
      name: 'a literal key after an object payload',
      files: {
        'src/token.js': "const token = jwt.sign({ id: user.id, role: user.role }, 'secret');\n",
      },
      findings: ['src/token.js:1'],
    },
    {
      name: 'Python env reads with literal fallbacks',
      files: {
        'app/config.py': [
          'import os',
          'SECRET_KEY = os.getenv("SECRET_KEY", "change-me")',
          'STRIPE_API_KEY = os.environ.get("STRIPE_API_KEY", "sk-dev")',
          'DB_PASSWORD = os.getenv("DB_PASSWORD") or "postgres"',
          'PORT = int(os.getenv("PORT", "8000"))',
        ].join('\n'),
      },
      findings: ['app/config.py:2', 'app/config.py:3', 'app/config.py:4'],
    },
    {
      name: 'JavaScript fallbacks with || and ?? and destructuring defaults',
      files: {
        'src/auth.js': "const secret = process.env.JWT_SECRET || 'secret';\nconst token = process.env.SLACK_TOKEN ?? 'dev-token';\n",
        'src/config.ts': "const { SESSION_SECRET = 'keyboard cat', PORT = '3000' } = process.env;\n",
      },
      findings: ['src/auth.js:1', 'src/auth.js:2', 'src/config.ts:1'],
    },
    {
      name: 'Django settings with the generated insecure key as the default',
      files: {
        'mysite/settings.py':
          'import os\nSECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-0k#x9$2m!q7z@w3e5r")\nDEBUG = False\n',
        'other/settings.py': "SECRET_KEY = 'django-insecure-7h2k9x!m4p@q8w5e3r'\n",
      },
      findings: ['mysite/settings.py:2', 'other/settings.py:1'],
    },
    {
      name: 'config lookups with a literal default',
      files: {
        'src/token.js': "const config = require('config');\nconst key = config.get('jwtSecret') || 'secret';\n",
        'app/__init__.py': "app.secret_key = app.config.get('SECRET_KEY', 'dev')\napp.config[\"SECRET_KEY\"] = os.getenv(\"SECRET_KEY\", \"change-me\")\n",
        'src/auth/auth.module.ts': "JwtModule.register({ secret: configService.get<string>('JWT_SECRET') ?? 'changeme' })\n",
      },
      findings: ['app/__init__.py:1', 'app/__init__.py:2', 'src/auth/auth.module.ts:1', 'src/token.js:2'],
    },
    {
      name: 'Spring placeholders with defaults in config and code',
      files: {
        'src/main/resources/application.yml': 'jwt:\n  secret: ${JWT_SECRET:changeme}\nspring:\n  datasource:\n    password: ${DB_PASS:postgres}\n    url: ${DB_URL:jdbc:postgresql://localhost/app}\n',
        'src/main/java/com/acme/TokenService.java': 'class TokenService {\n  @Value("${app.jwt.secret:mySecretKey}")\n  private String secret;\n}\n',
      },
      findings: [
        'src/main/java/com/acme/TokenService.java:2',
        'src/main/resources/application.yml:2',
        'src/main/resources/application.yml:5',
      ],
    },
    {
      name: 'compose and Dockerfile interpolation defaults',
      files: {
        'docker-compose.yml': 'services:\n  api:\n    environment:\n      JWT_SECRET: ${JWT_SECRET:-devsecret}\n      LOG_LEVEL: ${LOG_LEVEL:-info}\n',
      },
      findings: ['docker-compose.yml:4'],
    },
    {
      name: 'stand-in secrets set directly in code and config',
      files: {
        'server.js': "app.use(session({ secret: 'keyboard cat', resave: false }));\nconst token = jwt.sign({ id }, 'secret');\n",
        'app/core/config.py': 'class Settings(BaseSettings):\n    SECRET_KEY: str = "changethis"\n    PROJECT_NAME: str = "api"\n',
        'main.go': 'var jwtKey = []byte("my_secret_key")\n',
        'config/default.json': '{\n  "jwtSecret": "supersecret",\n  "port": 3000\n}\n',
      },
      findings: ['app/core/config.py:2', 'config/default.json:2', 'main.go:1', 'server.js:1', 'server.js:2'],
    },
    {
      name: 'the production default beside test-only configuration is still found',
      files: {
        'app/config.py': [
          'import os',
          'class Config:',
          "    SECRET_KEY = os.environ.get('SECRET_KEY') or 'dev-key'",
          'class TestingConfig(Config):',
          "    SECRET_KEY = 'test-key'",
        ].join('\n'),
        'app/core/settings.py': [
          'class AppSettings(BaseSettings):',
          '    secret_key: SecretStr = SecretStr("changeme")',
          'class TestAppSettings(AppSettings):',
          '    secret_key: SecretStr = SecretStr("test_secret")',
        ].join('\n'),
      },
      findings: ['app/config.py:3', 'app/config.py:5', 'app/core/settings.py:2', 'app/core/settings.py:4'],
    },
    {
      name: 'a password that repeats the account or database name beside it, in code and in configuration',
      files: {
        'config/config_prod.go': 'package config\n\nconst (\n\tDB_USER     = "shop_api_v2"\n\tDB_PASSWORD = "shop_api_v2"\n\tDB_HOST     = "127.0.0.1"\n)\n',
        'src/main/resources/application-mysql.properties':
          'spring.datasource.url=jdbc:mysql://localhost/shop\nspring.datasource.username=shop\nspring.datasource.password=shop\n',
        'config/database.yml': 'production:\n  adapter: postgresql\n  database: orders\n  username: orders\n  password: orders\n',
      },
      findings: ['config/config_prod.go:5', 'config/database.yml:5', 'src/main/resources/application-mysql.properties:3'],
    },
    {
      name: 'placeholder text and the name of a password written as the value',
      files: {
        'config.json': '\uFEFF{\n  "connectionString": "mongodb://localhost/app",\n  "secret": "USED TO SIGN TOKENS, REPLACE IT WITH YOUR OWN SECRET"\n}\n',
        'home/settings/prod.py': "DATABASES = {\n    'default': {\n        'NAME': 'db_name',\n        'USER': 'db_user',\n        'PASSWORD': 'db_password',\n    }\n}\n",
      },
      findings: ['config.json:3', 'home/settings/prod.py:5'],
    },
    {
      name: 'connection strings in configuration files whose password is a stand-in or the user name again',
      files: {
        'src/Web/appsettings.json':
          '{\n  "ConnectionStrings": {\n    "AppDb": "Server=127.0.0.1;Port=5432;Database=AppDb;Username=admin;Password=password;"\n  }\n}\n',
        'config/app.yml': 'dsn: "postgres://127.0.0.1/shop?sslmode=disable&user=postgres&password=postgres"\nport: 8080\n',
        'config/queue.toml': 'broker_url = "amqp://guest:changeme@rabbit:5672/"\n',
        // The documentation's sample password, left in the production settings as written (also in brackets).
        'src/Api/appsettings.Production.json': '{\n  "Persistence": {\n    "DefaultConnection": "Server=db;User Id=sa;Password=<YourStrong!Passw0rd>;Database=Shop;"\n  }\n}\n',
        'src/Worker/appsettings.json': '{\n  "ConnectionStrings": {\n    "Db": "Server=db;User Id=sa;Password=YourStrong@Passw0rd;Database=Shop;"\n  }\n}\n',
      },
      findings: ['config/app.yml:1', 'config/queue.toml:1', 'src/Api/appsettings.Production.json:3', 'src/Web/appsettings.json:3', 'src/Worker/appsettings.json:3'],
    },
    {
      name: 'weak literals in framework configuration that applies unless the environment overrides it',
      files: {
        'api/src/main/resources/application.yml':
          'spring:\n  profiles:\n    active: prod\n  datasource:\n    username: root\n    password: acmecorp\n',
        'api/src/main/resources/application-prod.properties': 'app.mail.password=mailer2024\n',
        'web/appsettings.json': '{\n  "Smtp": {\n    "Host": "smtp.acme.io",\n    "Password": "orchid7"\n  }\n}\n',
      },
      findings: [
        'api/src/main/resources/application-prod.properties:1',
        'api/src/main/resources/application.yml:6',
        'web/appsettings.json:4',
      ],
    },
    {
      name: 'configuration named for development that the program loads by default',
      files: {
        'config/local.yml': 'dsn: "postgres://db/shop?user=shop&password=shop"\njwt_signing_key: "secret"\n',
        'cmd/server/main.go': 'package main\n\nvar flagConfig = flag.String("config", "./config/local.yml", "path to the config file")\n',
      },
      findings: ['config/local.yml:1', 'config/local.yml:2'],
    },
    {
      name: "a password set to a stand-in in the application's configuration module",
      files: {
        'src/config/index.ts': [
          'export default {',
          '  port: parseInt(process.env.PORT, 10),',
          '  jobsDashboard: {',
          "    user: 'ops',",
          "    password: '123456',",
          '  },',
          '};',
        ].join('\n'),
        'src/config/seeds/admin.ts': "export const admin = { user: 'admin', password: 'password' };\n",
        'src/services/users.ts': "const user = { name: 'demo', password: 'password' };\n",
      },
      findings: ['src/config/index.ts:5'],
    },
    {
      name: 'settings resolved through the code: reads of a settings object and a secret store with defaults, and an except clause',
      files: {
        'app/core/config.py': [
          'from pydantic_settings import BaseSettings',
          'from starlette.config import Config',
          'config = Config(".env")',
          'class PostgresSettings(BaseSettings):',
          '    POSTGRES_USER: str = config("POSTGRES_USER", default="postgres")',
          '    POSTGRES_PASSWORD: str = config("POSTGRES_PASSWORD", default="postgres")',
          '    POSTGRES_SERVER: str = config("POSTGRES_SERVER", default="localhost")',
          'class CryptSettings(BaseSettings):',
          '    SECRET_KEY: str = config("SECRET_KEY")',
        ].join('\n'),
        'site/settings/common.py': [
          'import json',
          'try:',
          '    with open("/etc/site/secrets.json") as handle:',
          '        SECRETS = json.load(handle)',
          'except OSError:',
          '    SECRETS = {',
          '        "secret_key": "a",',
          '    }',
          'SECRET_KEY = str(SECRETS["secret_key"])',
          'DB_PASSWORD = SECRETS.get("db_password", "")',
          'HOOK_SECRET = SECRETS.get("hook_secret", "insecure")',
        ].join('\n'),
        'site/settings/prod.py': 'from .common import *\nDEBUG = False\n',
      },
      findings: ['app/core/config.py:6', 'site/settings/common.py:6', 'site/settings/common.py:11'],
    },
    {
      name: 'a secret read through a helper of the project that falls back to a junk literal (punctuation only)',
      files: {
        'hub/settings.py': [
          'import os',
          'from pathlib import Path',
          '',
          'def envsecret(s, default=None):',
          '    if secret_path := os.getenv(s + "_FILE"):',
          '        return Path(secret_path).read_text().strip()',
          '    return os.getenv(s, default)',
          '',
          'SECRET_KEY = envsecret("SECRET_KEY", "---")',
          'DB_PASSWORD = envsecret("DB_PASSWORD", "")',
          'S3_SECRET_KEY = envsecret("S3_SECRET_KEY")',
        ].join('\n'),
      },
      findings: ['hub/settings.py:9'],
    },
    {
      name: 'connection settings whose default in code carries a stand-in password or the user name again',
      files: {
        'go.mod': 'module example.com/shop\n',
        'database/postgres.go': [
          'package database',
          '',
          'import "github.com/spf13/viper"',
          '',
          'func Open() (*DB, error) {',
          '\tviper.SetDefault("db_dsn", "postgres://postgres:postgres@localhost:5432/postgres?sslmode=disable")',
          '\tviper.SetDefault("db_debug", "false")',
          '\treturn connect(viper.GetString("db_dsn"))',
          '}',
        ].join('\n'),
        'app/db.py': 'import os\nDATABASE_URL = os.getenv("DATABASE_URL", "postgresql://app:changeme@db:5432/app")\n',
        'src/db.ts': "export const url = process.env.DATABASE_URL || 'mysql://root:password@db:3306/shop';\n",
      },
      findings: ['app/db.py:2', 'database/postgres.go:6', 'src/db.ts:1'],
    },
    {
      name: "cookie signing keys of session middleware and remember-me: the package's own name, the name of a key",
      files: {
        'package.json': '{\n  "name": "shop-portal",\n  "version": "1.0.0"\n}\n',
        'config/express.js': [
          "const session = require('express-session');",
          "const pkg = require('../package.json');",
          'module.exports = app => {',
          '  app.use(session({ resave: false, saveUninitialized: true, secret: pkg.name }));',
          '  app.locals.title = pkg.name;',
          '};',
        ].join('\n'),
        'src/main/java/com/acme/SecurityConfig.java': [
          'package com.acme;',
          'public class SecurityConfig {',
          '  @Bean',
          '  public TokenBasedRememberMeServices rememberMeServices() {',
          '    return new TokenBasedRememberMeServices("remember-me-key", userService);',
          '  }',
          '  protected void configure(HttpSecurity http) throws Exception {',
          '    http.formLogin().loginPage("/login").and()',
          '        .rememberMe()',
          '        .rememberMeServices(rememberMeServices())',
          '        .key("cookie-signing-key");',
          '  }',
          '}',
        ].join('\n'),
      },
      findings: ['config/express.js:4', 'src/main/java/com/acme/SecurityConfig.java:5', 'src/main/java/com/acme/SecurityConfig.java:11'],
    },
    {
      name: 'Go configuration structs: struct-tag defaults of a loader, and a struct literal the code then overrides',
      files: {
        'cmd/api/main.go': [
          'package main',
          '',
          'func run() error {',
          '\tcfg := struct {',
          '\t\tDB struct {',
          '\t\t\tUser     string `conf:"default:app"`',
          '\t\t\tPassword string `conf:"default:postgres,mask"`',
          '\t\t\tHost     string `conf:"default:db-service"`',
          '\t\t}',
          '\t}{}',
          '\treturn conf.Parse("API", &cfg)',
          '}',
        ].join('\n'),
        'internal/env/env.go': 'package env\n\ntype Settings struct {\n\tJWTSecret string `env:"JWT_SECRET" envDefault:"s3cr3t-value"`\n}\n',
        'config/config.go': [
          'package config',
          '',
          'func Get() *Configuration {',
          '\tc := &Configuration{',
          '\t\tDefaultUser: DefaultUser{',
          '\t\t\tName: "owner",',
          '\t\t\tPass: "owner-pass",',
          '\t\t},',
          '\t}',
          '\tparseString(&c.DefaultUser.Pass, EnvDefaultUserPass)',
          '\treturn c',
          '}',
        ].join('\n'),
      },
      findings: ['cmd/api/main.go:7', 'config/config.go:7', 'internal/env/env.go:4'],
    },
    {
      name: 'a stand-in handed to a call or constructor named for a secret: an identity server client, an OAuth client',
      files: {
        'src/Identity/Config.cs': [
          'public static class Config',
          '{',
          '    public static IEnumerable<Client> Clients => new List<Client>',
          '    {',
          '        new Client',
          '        {',
          '            ClientId = "spa",',
          '            ClientSecrets =',
          '            {',
          '                new Secret("secret".Sha256())',
          '            },',
          '        }',
          '    };',
          '}',
        ].join('\n'),
        'src/main/java/com/acme/AuthServerConfig.java':
          'class AuthServerConfig {\n  void configure(ClientDetailsServiceConfigurer clients) throws Exception {\n    clients.inMemory().withClient("web").secret("{noop}changeme");\n  }\n}\n',
      },
      findings: ['src/Identity/Config.cs:10', 'src/main/java/com/acme/AuthServerConfig.java:3'],
    },
    {
      name: 'a Go stand-in in production code is found beside test helpers (near-miss: a string "testing" is not an import)',
      files: {
        'internal/config/config.go': [
          'package config',
          '',
          'import "os"',
          '',
          'var modes = []string{',
          '\t"testing",',
          '}',
          '',
          'func Parse() *Config {',
          '\tcfg := &Config{}',
          '\tcfg.Http.SecretKey = []byte("changeme")',
          '\treturn cfg',
          '}',
        ].join('\n'),
        'internal/testutil/config.go': 'package testutil\n\nimport "testing"\n\nfunc Cfg(t *testing.T) {\n\tcfg.Http.SecretKey = []byte("test")\n}\n',
      },
      findings: ['internal/config/config.go:11', 'internal/testutil/config.go:6'],
    },
  ],
  passes: [
    {
      name: 'settings read with no default or an empty one, except clauses that set no secret, and connection defaults without a stand-in password',
      files: {
        'app/core/config.py': [
          'from starlette.config import Config',
          'config = Config(".env")',
          'SECRET_KEY = config("SECRET_KEY")',
          'DB_PASSWORD = config("DB_PASSWORD", default="")',
          'DATABASE_URL = config("DATABASE_URL", default="postgresql://localhost:5432/app")',
        ].join('\n'),
        'site/settings.py': [
          'try:',
          '    SECRETS = load_secrets()',
          'except OSError:',
          '    DEBUG = True',
          '    SECRETS = {}',
          'SECRET_KEY = SECRETS["secret_key"]',
          'API_TOKEN = SECRETS.get("api_token")',
        ].join('\n'),
        'database/db.go': [
          'package database',
          '',
          'import "github.com/spf13/viper"',
          '',
          'func init() {',
          '\tviper.SetDefault("port", "8080")',
          '\tviper.SetDefault("db_dsn", "postgres://localhost:5432/shop?sslmode=disable")',
          '\tviper.SetDefault("auth_jwt_secret", "")',
          '}',
        ].join('\n'),
        'app/db.py': [
          'import os',
          'DATABASE_URL = os.getenv("DATABASE_URL", "postgresql://app:${DB_PASSWORD}@db/app")',
          'CACHE_URL = os.getenv("CACHE_URL", "redis://cache:6379/0")',
          'REPLICA_URL = os.getenv("REPLICA_URL", "postgresql://app:Vq7x2LmZp9@replica/app")',
          // The broker's built-in account, which it accepts only from its own machine: the client library's own default.
          'CELERY_BROKER_URL = os.getenv("CELERY_BROKER_URL", "amqp://guest:guest@localhost//")',
        ].join('\n'),
        'tests/conftest.py': 'import os\nDATABASE_URL = os.getenv("DATABASE_URL", "postgresql://postgres:postgres@localhost/test")\n',
      },
    },
    {
      name: 'cookie keys read from configuration, and the package name given to what is not a key',
      files: {
        'package.json': '{ "name": "shop-portal" }\n',
        'config/express.js': [
          "const session = require('express-session');",
          "const pkg = require('../package.json');",
          'app.use(session({ secret: process.env.SESSION_SECRET, name: pkg.name }));',
          'app.use(helpers(pkg.name));',
        ].join('\n'),
        'src/main/java/com/acme/SecurityConfig.java': [
          'package com.acme;',
          'public class SecurityConfig {',
          '  @Value("${app.remember-me.key}")',
          '  private String rememberKey;',
          '  protected void configure(HttpSecurity http) throws Exception {',
          '    http.rememberMe().key(rememberKey).tokenValiditySeconds(86400);',
          '  }',
          '}',
        ].join('\n'),
      },
    },
    {
      name: 'a connection string whose password is a template marker to fill in',
      files: {
        'src/Api/appsettings.Production.json': '{\n  "ConnectionStrings": {\n    "Db": "Server=db;User Id=shop;Password=<password>;Database=Shop;"\n  }\n}\n',
      },
    },
    {
      name: 'configuration for development or tests leaves notes: profiles, environments, settings modules and files nothing loads by default',
      files: {
        'src/main/resources/application.yml': 'spring:\n  datasource:\n    password: ${DB_PASSWORD}\n---\nspring:\n  config:\n    activate:\n      on-profile: dev\napp:\n  jwt-secret: changeme\n',
        'src/main/resources/application-local.yml': 'spring:\n  datasource:\n    username: shop\n    password: shop\n',
        'src/main/resources/application-test.properties': 'spring.datasource.password=password\n',
        'Api/appsettings.Development.json': '{\n  "ConnectionStrings": {\n    "Db": "Server=localhost;User Id=sa;Password=password;"\n  }\n}\n',
        'config/local.yml': 'dsn: "postgres://db/shop?user=shop&password=shop"\n',
        'shop/settings/dev.py': "DATABASES = {'default': {'USER': 'shop', 'PASSWORD': 'shop'}}\nSECRET_KEY = 'dev'\n",
        'config/config_dev.go': 'package config\n\nconst (\n\tDB_USER     = "shop"\n\tDB_PASSWORD = "shop"\n)\n',
      },
    },
    {
      name: 'weak literals outside framework default configuration, inactive profiles and random values are not stand-ins here',
      files: {
        'conf/app.ini': '[database]\nType = mysql\nUser = root\nPassword = rootroot\n',
        'config/config.go': 'package config\n\nconst DB_PASSWORD = "wolfhound"\n',
        'src/main/resources/application-mysql.properties': 'spring.datasource.username=app\nspring.datasource.password=wolfhound\n',
        'src/main/resources/application.properties': 'jwt.secret=Em3u7dCZ2QSvSGSGSRFUTfrwgu3WjfU2\nspring.datasource.password=\n',
        'src/Web/appsettings.json': '{\n  "ConnectionStrings": {\n    "Db": "Server=db;Username=app;Password=Tr0ub4dor3;"\n  }\n}\n',
      },
    },
    {
      name: 'names of storage keys, user records in seeders, and maps from settings to environment variable names',
      files: {
        'src/constants/index.js': "export const ACCESS_TOKEN = 'accessToken';\nexport const REFRESH_TOKEN = 'refresh_token';\n",
        'Web/TokenNames.cs': 'public static class TokenNames {\n  public const string AccessToken = "accessToken";\n}\n',
        'src/database/seeds/CreateAdmin.ts': "const user = new User();\nuser.username = 'bruce';\nuser.password = '1234';\n",
        'src/database/factories/UserFactory.ts': "newUser.password = '1234';\n",
        'config/custom-environment-variables.yml': 'secret: SECRET\ndb:\n  password: DB_PASSWORD\n',
      },
    },
    {
      name: 'credentials of CI-only settings blocks, stack files, and connection URLs written in code (hardcoded-secret reads those)',
      files: {
        'config/django/base.py': [
          'import os',
          'DATABASES = {"default": env.db("DATABASE_URL")}',
          'if os.environ.get("GITHUB_WORKFLOW"):',
          '    DATABASES = {',
          '        "default": {',
          '            "USER": "postgres",',
          '            "PASSWORD": "postgres",',
          '        }',
          '    }',
        ].join('\n'),
        'docker-stack.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: postgres\n      POSTGRES_PASSWORD: postgres\n',
        'result/server.js': "const pool = new Pool({ connectionString: 'postgres://postgres:postgres@db/postgres' });\n",
      },
    },
    {
      name: 'Go configuration defaults that are empty or not secrets, literals nothing overrides, user records and tests',
      files: {
        'cmd/api/main.go': [
          'package main',
          '',
          'type Config struct {',
          '\tPassword   string `conf:"default:,mask"`',
          '\tTokenTTL   string `conf:"default:15m"`',
          '\tAPIKeyPath string `env:"API_KEY_PATH" envDefault:"/run/secrets/api_key"`',
          '\tLabel      string `json:"secret_label" default:"secret"`',
          '}',
        ].join('\n'),
        'model/seed.go': 'package model\n\nfunc Seed() {\n\tu := User{Name: "bob", Password: "hunter2"}\n\tu.Password = hash(u.Password)\n}\n',
        'client/client.go': 'package client\n\nvar opts = Options{APIToken: "tok-123"}\n',
        'cmd/api/main_test.go': 'package main\n\ntype testConfig struct {\n\tPassword string `conf:"default:postgres"`\n}\n',
      },
    },
    {
      name: 'secret calls given a configured value, a lookup by name, a random literal, or a stand-in only in tests',
      files: {
        'src/Identity/Config.cs': [
          'public class Config',
          '{',
          '    public Client Spa(IConfiguration configuration) => new Client',
          '    {',
          '        ClientSecrets = { new Secret(configuration["Spa:Secret"].Sha256()) },',
          '    };',
          '    public string Hook(ISecretStore store) => store.GetSecret("webhook_secret");',
          '}',
        ].join('\n'),
        'src/vault.js': "const value = await readSecret('jwt_secret');\nconst key = env_secret('SECRET_KEY');\nconst hook = envSecret('secret');\n",
        'tests/Identity.Tests/ClientTests.cs': 'public class ClientTests { Secret s = new Secret("secret".Sha256()); }\n',
      },
    },
    {
      name: 'test support code only tests call: a Go helper that imports testing, test-helper folders',
      files: {
        'internal/testkit/server.go': [
          'package testkit',
          '',
          'import (',
          '\t"context"',
          '\t"testing"',
          ')',
          '',
          'func NewServer(t *testing.T, ctx context.Context) *config.Config {',
          '\tt.Helper()',
          '\tcfg := config.Parse(ctx)',
          '\tcfg.Http.SecretKey = []byte("test")',
          '\treturn cfg',
          '}',
        ].join('\n'),
        'internal/testutil/accounts.go': 'package testutil\n\nvar Admin = model.Account{\n\tUsername: "admin",\n\tPassword: "admin",\n}\n',
        'src/test_helpers/session.ts': "export const SESSION_SECRET = 'changeme';\n",
      },
    },
    {
      name: 'test-only configuration leaves low-confidence notes: CI test env, test classes, test compose files and scripts',
      files: {
        '.github/workflows/tests.yml': [
          'name: Tests',
          'on: [push]',
          'jobs:',
          '  test:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - name: Run tests',
          '        env:',
          '          SECRET_KEY: secret_key',
          '        run: pytest',
          '',
        ].join('\n'),
        'app/core/settings.py': [
          'class AppSettings(BaseSettings):',
          '    secret_key: SecretStr',
          'class TestAppSettings(AppSettings):',
          '    secret_key: SecretStr = SecretStr("test_secret")',
          'class IntegrationTestSettings(AppSettings):',
          '    api_token: str = "changeme"',
        ].join('\n'),
        'app/config.py': "import os\nclass TestingConfig:\n    SECRET_KEY = os.getenv('SECRET_KEY', 'testing')\n",
        'docker-compose.test.yml': 'services:\n  api:\n    environment:\n      JWT_SECRET: ${JWT_SECRET:-devsecret}\n',
        'postman/run-api-tests.sh': '#!/bin/sh\nPASSWORD=${PASSWORD:-password}\nnewman run collection.json\n',
        'scripts/test.sh': '#!/bin/sh\nexport API_TOKEN=${API_TOKEN:-changeme}\npytest\n',
      },
    },
    {
      name: 'a JWT payload dict before the configured key',
      files: {
        'app/utils.py': [
          'def make_token(email):',
          '    return jwt.encode(',
          '        {"exp": exp, "nbf": now, "sub": email},',
          '        settings.SECRET_KEY,',
          '        algorithm="HS256",',
          '    )',
          'def make_other(user):',
          "    return jwt.sign({ id: user.id, role: 'admin', meta: { plan: 'pro' } }, process.env.JWT_SECRET);",
        ].join('\n'),
      },
    },
    {
      name: 'random-looking and word-joined signing keys are hardcoded credentials, not stand-ins',
      files: {
        'auth/jwt.go': 'package auth\n\nvar jwtKey = []byte("purple-otter-rides")\n\nfunc Sign(t *jwt.Token) (string, error) {\n\treturn t.SignedString(jwtKey)\n}\n',
        'src/auth.js': "const token = jwt.sign({ id }, 'q8F#k29Lzx!vR04m', { expiresIn: '1d' });\n",
        'src/main/kotlin/JwtConfig.kt': 'object JwtConfig {\n    const val SECRET = "Zx9!pQ7@wL2#"\n}\n',
        'src/sign.test.js': "const token = jwt.sign({ id }, 'a test phrase key');\n",
        'src/Core/AuthorizationConstants.cs': 'public class AuthorizationConstants {\n    public const string JWT_SECRET_KEY = "KqTbVxRmZpLwHsDn";\n}\n',
      },
    },
    {
      name: 'env files nobody loads, templates, test env files, random values and non-secret keys',
      files: {
        '.env': 'SECRET_KEY=changethis\n',
        'app/main.py': 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\n',
        'svc/.env.example': 'JWT_SECRET=changeme\n',
        'svc/.env.test': 'JWT_SECRET=test-secret\n',
        'svc/.env': 'JWT_SECRET=q8F#k29Lzx!vR04m\nPROJECT_NAME=changethis\n',
        'svc/src/main.ts': "import 'dotenv/config';\nconst secret = process.env.JWT_SECRET;\n",
        'svc/src/env.ts': "dotenv.config({ path: '.env.test' });\nrequire('dotenv-safe').config({ example: '.env.example' });\n",
        'svc/test/setup.ts': "dotenv.config({ path: '.env.example' });\n",
        'site/package.json': JSON.stringify({ dependencies: { next: '^15.0.0' } }),
        'site/.env.example': 'AUTH_SECRET_KEY=your_auth_secret_key\n',
        'site/.env.development': 'AUTH_SECRET_KEY=changeme\n',
        'nuxt/package.json': JSON.stringify({ dependencies: { nuxt: '^3.0.0' } }),
        'nuxt/.env': 'NUXT_API_SECRET=changeme\n',
        'tests/.env': 'API_TOKEN=changeme\n',
        'tests/conftest.py': 'load_dotenv()\n',
        'web/.env': 'CACHE_PASSWORD=changeme\n',
        'web/compose.yml': 'services:\n  web:\n    image: acme/web:1.2\n    environment:\n      LOG_LEVEL: info\n',
      },
    },
    {
      name: 'test-runner configuration sets test values',
      files: {
        'packages/shared/vitest.config.ts':
          "export default defineConfig({ test: { env: { API_KEY: 'test-api-key', ENCRYPTION_KEY: 'test-encryption-key-32-characters' } } });\n",
        'packages/shared/src/keys.ts': 'export const apiKey = process.env.API_KEY;\n',
      },
    },
    {
      name: 'secrets read without a default, or failing loudly',
      files: {
        'app.py': 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nAPI_KEY = os.getenv("API_KEY")\n',
        'src/config.ts': "const secret = process.env.JWT_SECRET;\nif (!secret) throw new Error('JWT_SECRET is required');\n",
        'src/main/resources/application.yml': 'jwt:\n  secret: ${JWT_SECRET}\n',
      },
    },
    {
      name: 'empty or null fallbacks are not default secrets',
      files: {
        'app.py': 'import os\nTOKEN = os.getenv("GITHUB_TOKEN", "")\nPW = os.environ.get("DB_PASSWORD", None)\n',
        'src/a.js': "const key = process.env.API_KEY || '';\n",
        'src/main/resources/application.properties': 'spring.datasource.password=${DB_PASSWORD:}\n',
        // A helper of the project: an empty or absent fallback means the setting is required.
        'hub/settings.py': [
          'import os',
          'def envsecret(s, default=None):',
          '    return os.getenv(s, default)',
          'EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD", "")',
          'SECRET_KEY = envsecret("SECRET_KEY")',
          'API_TOKEN = envsecret("API_TOKEN", " ")',
        ].join('\n'),
        'tests/settings.py': 'import os\ndef envsecret(s, default=None):\n    return os.getenv(s, default)\nSECRET_KEY = envsecret("SECRET_KEY", "---")\n',
      },
    },
    {
      name: 'defaults for settings that are not secrets',
      files: {
        'app.py': 'import os\nPORT = os.getenv("PORT", "8000")\nEXP = os.getenv("TOKEN_EXPIRES_IN", "3600")\nMIN = os.getenv("PASSWORD_MIN_LENGTH", "12")\nURL = os.getenv("AUTH_TOKEN_URL", "https://auth.local/token")\n',
        'src/a.ts': "const key = process.env.NEXT_PUBLIC_SITE_KEY || 'public-site-key';\n",
      },
    },
    {
      name: 'stand-ins in env templates whose suffix is joined by a dash or underscore, beside compose files that load the real ones',
      files: {
        '.env.dev-sample': 'DEBUG=1\nSECRET_KEY=foo\nSQL_PASSWORD=password\n',
        '.env.prod-sample': 'DEBUG=0\nSECRET_KEY=change_me\nSQL_PASSWORD=password\n',
        '.env.prod.db-sample': 'POSTGRES_PASSWORD=changeme\n',
        'docker-compose.yml': 'services:\n  web:\n    build: .\n    env_file:\n      - ./.env.dev\n',
        'docker-compose.prod.yml': 'services:\n  web:\n    build: .\n    env_file:\n      - ./.env.prod\n  db:\n    image: postgres:16\n    env_file:\n      - ./.env.prod.db\n',
        'app/settings.py': 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\n',
      },
    },
    {
      name: 'stand-ins in templates, tests and docs',
      files: {
        '.env.example': 'SECRET_KEY=changeme\nJWT_SECRET=secret\n',
        'config.example.yml': 'jwt:\n  secret: changeme\n',
        'tests/test_auth.py': 'import os\nSECRET = os.getenv("SECRET_KEY", "test-secret")\n',
        'src/auth.test.ts': "const token = jwt.sign({ id: 1 }, 'secret');\n",
        'README.md': 'Set `SECRET_KEY=changeme` and `process.env.JWT_SECRET || "secret"`.\n',
        'app.py': 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\n',
      },
    },
    {
      name: 'an example app only leaves a low-confidence note',
      files: { 'examples/demo/app.py': 'import os\nSECRET = os.getenv("SECRET_KEY", "dev")\n' },
    },
    {
      name: 'examples quoted in comments and messages, and required-variable syntax',
      files: {
        'src/lint.ts': [
          "// flags process.env.JWT_SECRET || 'secret' and os.getenv(\"SECRET_KEY\", \"dev\")",
          '/** const { SESSION_SECRET = "keyboard cat" } = process.env */',
          "export const hint = 'Never write process.env.JWT_SECRET || \"secret\" in code';",
          "export const example = 'SECRET_KEY = \"changeme\" is a stand-in';",
        ].join('\n'),
        'docker-compose.yml': 'services:\n  api:\n    environment:\n      JWT_SECRET: ${JWT_SECRET:?set JWT_SECRET}\n',
        'app.py': '# SECRET_KEY = os.getenv("SECRET_KEY", "dev")\nimport os\n',
      },
    },
    {
      name: 'labels, type names and startup guards',
      files: {
        'locales/en.json': '{"password": "Password", "token": "Token", "secret": "Secret"}\n',
        'src/ui/strings.json': '{"apiKey": "API key", "secretLabel": "Secret"}\n',
        'app/checks.py': 'if settings.SECRET_KEY == "changeme":\n    raise RuntimeError("set SECRET_KEY")\n',
        'src/types.ts': 'interface Creds { password: string; token?: string }\n',
        'docker-compose.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: password\n',
      },
    },
  ],
  notApplicable: [{ name: 'nothing but prose', files: { 'README.md': '# notes\n' } }],
});

describe('security/placeholder-secret-default details', () => {
  it('says what the default is and marks example code as low confidence', () => {
    const result = runRule(rule, {
      'src/a.js': "const s = process.env.JWT_SECRET || 'secret';\n",
      'examples/b.js': "const s = process.env.JWT_SECRET || 'secret';\n",
    });
    expect(result.status).toBe('fail');
    const [example, app] = result.findings;
    expect(app.message).toBe('JWT_SECRET falls back to the literal "secret" when it is not configured');
    expect(app.confidence).toBe('high');
    expect(example.confidence).toBe('low');
    expect(example.message).toMatch(/lower confidence/);
  });

  it('keeps configuration for development, tests and CI as notes that say why', () => {
    const result = runRule(rule, {
      'src/main/resources/application.yml': 'spring:\n  profiles:\n    active: qa\n---\nspring:\n  config:\n    activate:\n      on-profile: dev\napp:\n  jwt-secret: changeme\n',
      'src/main/resources/application-local.yml': 'spring:\n  datasource:\n    username: shop\n    password: shop\n',
      'src/main/resources/application-qa.yml': 'spring:\n  datasource:\n    username: shop\n    password: shop\n',
      'Api/appsettings.Development.json': '{\n  "ConnectionStrings": {\n    "Db": "Server=localhost;User Id=sa;Password=password;"\n  }\n}\n',
      'shop/settings/dev.py': "DATABASES = {'default': {'USER': 'shop', 'PASSWORD': 'shop'}}\n",
      'config/django/base.py': 'import os\nif os.environ.get("GITHUB_WORKFLOW"):\n    DATABASES = {\n        "USER": "postgres",\n        "PASSWORD": "postgres",\n    }\n',
    });
    expect(result.findings.map(f => [`${f.path}:${f.line}`, f.confidence, f.message.replace(/^.*\((.*): lower confidence\)$/, '$1')])).toEqual([
      ['Api/appsettings.Development.json:3', 'low', 'in the settings of the Development environment'],
      ['config/django/base.py:5', 'low', 'in a block that only runs on CI or under tests'],
      ['shop/settings/dev.py:1', 'low', 'in dev.py, configuration for development or tests'],
      ['src/main/resources/application-local.yml:4', 'low', 'in the Spring profile local, for development or tests'],
      [
        'src/main/resources/application-qa.yml:4',
        'high',
        'spring.datasource.password is set to "s…", the same literal as the account or database name beside it',
      ],
      ['src/main/resources/application.yml:10', 'low', 'in the Spring profile dev, for development or tests'],
    ]);
  });

  it('keeps stand-ins in test support code as notes that say why', () => {
    const result = runRule(rule, {
      'internal/testkit/server.go': 'package testkit\n\nimport (\n\t"testing"\n)\n\nfunc Cfg(t *testing.T) {\n\tcfg.Http.SecretKey = []byte("test")\n}\n',
      'internal/config/config.go': 'package config\n\nfunc Cfg() {\n\tcfg.Http.SecretKey = []byte("test")\n}\n',
    });
    expect(result.findings.map(f => [`${f.path}:${f.line}`, f.confidence, f.message.replace(/^.*\((.*): lower confidence\)$/, '$1')])).toEqual([
      ['internal/config/config.go:4', 'high', 'cfg.Http.SecretKey is set to the stand-in value "test"'],
      ['internal/testkit/server.go:8', 'low', 'in test support code that only tests call'],
    ]);
  });

  it('says which framework default a weak literal is, and masks it', () => {
    const result = runRule(rule, { 'src/main/resources/application.yml': 'spring:\n  datasource:\n    password: orchid7\n' });
    expect(result.findings.map(f => [f.message, f.excerpt])).toEqual([
      [
        'spring.datasource.password is set to the weak literal "or…" in Spring Boot configuration that applies whenever the environment does not override it',
        'password: or…',
      ],
    ]);
  });

  it('masks a default that looks like a real credential', () => {
    const value = ['Q7f', 'Zp2', 'Lm9', 'Xr4', 'Tb8'].join('');
    const result = runRule(rule, { 'src/a.js': `const s = process.env.API_TOKEN || '${value}';\n` });
    expect(result.status).toBe('fail');
    expect(JSON.stringify(result)).not.toContain(value);
  });

  it('names what loads a committed env file, notes a refusal in code, and keeps env files for tests as notes', () => {
    const result = runRule(rule, {
      '.env': 'SECRET_KEY=changethis\n',
      '.env.test': 'SECRET_KEY=changethis\n',
      'backend/app/config.py': [
        'class Settings(BaseSettings):',
        '    model_config = SettingsConfigDict(env_file=("../.env", "../.env.test"))',
        '    def check(self, value):',
        '        if value == "changethis" and self.ENV != "development":',
        '            raise ValueError("change it")',
      ].join('\n'),
    });
    expect(result.findings.map(f => [f.path, f.confidence, f.message])).toEqual([
      ['.env', 'high', 'SECRET_KEY is set to the stand-in value "changethis" in .env, which backend/app/config.py loads; the code refuses this value outside development'],
      [
        '.env.test',
        'low',
        'SECRET_KEY is set to the stand-in value "changethis" in .env.test, which backend/app/config.py loads; the code refuses this value outside development (an env file for development or tests: lower confidence)',
      ],
    ]);
  });
});

describe('security/placeholder-secret-default settings resolved through the code', () => {
  it('says where a fallback comes from: an except clause, a read with a default, a connection default, a cookie key', () => {
    const result = runRule(rule, {
      'package.json': '{ "name": "shop-portal" }\n',
      'server.js': [
        "const session = require('express-session');",
        "const passport = require('passport');",
        "const pkg = require('./package.json');",
        'app.use(session({ resave: false, store: new Store({ url: db }), secret: pkg.name }));',
      ].join('\n'),
      'site/settings.py': [
        'try:',
        '    SECRETS = load_secrets()',
        'except OSError:',
        '    SECRETS = {"secret_key": "a"}',
        'SECRET_KEY = SECRETS["secret_key"]',
        'HOOK_SECRET = SECRETS.get("hook_secret", "insecure")',
        'DATABASE_URL = SECRETS.get("database_url", "postgres://shop:shop@db/shop")',
      ].join('\n'),
    });
    expect(result.findings.map(f => [`${f.path}:${f.line}`, f.confidence, f.message])).toEqual([
      ['server.js:4', 'high', 'The cookie signing key is the stand-in "shop…", the project\'s own name, written in the code instead of a configured secret'],
      ['site/settings.py:4', 'high', 'SECRET_KEY falls back to the literal "a", set in an except or catch clause, when its configured value cannot be read'],
      ['site/settings.py:6', 'high', 'HOOK_SECRET falls back to the literal "insecure" when it is not configured'],
      [
        'site/settings.py:7',
        'high',
        'DATABASE_URL falls back to a connection string that uses its user name as the password ("s…") when it is not configured',
      ],
    ]);
  });

  it('keeps fallbacks of settings classes for tests and of development settings modules as notes', () => {
    const result = runRule(rule, {
      'app/config.py': [
        'from starlette.config import Config',
        'config = Config(".env")',
        'class TestSettings:',
        '    DB_PASSWORD = config("DB_PASSWORD", default="postgres")',
      ].join('\n'),
      'shop/settings/dev.py': 'import os\nDATABASE_URL = os.getenv("DATABASE_URL", "postgres://shop:shop@localhost/shop")\n',
    });
    expect(result.status).toBe('pass');
    expect(result.findings.map(f => [`${f.path}:${f.line}`, f.confidence])).toEqual([
      ['app/config.py:4', 'low'],
      ['shop/settings/dev.py:2', 'low'],
    ]);
  });
});

describe('security/placeholder-secret-default in CI configuration that only runs checks or tests', () => {
  const action = (command: string) =>
    [
      'name: Verify',
      'runs:',
      '  using: composite',
      '  steps:',
      '    - name: Check',
      `      run: ${command}`,
      '      env:',
      '        MAIL_PASSWORD: password',
      '      shell: bash',
      '',
    ].join('\n');
  const workflow = (command: string) =>
    [
      'name: main',
      'on: [push]',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      `      - run: ${command}`,
      '        env:',
      '          MAIL_PASSWORD: "test"',
      '',
    ].join('\n');
  const confidences = (files: Record<string, string>) =>
    runRule(rule, files).findings.map(f => [f.path, f.confidence]);

  it('keeps the env of a local composite action that runs checks or tests a note', () => {
    expect(
      confidences({
        '.github/actions/verify/action.yml': action('python manage.py check --deploy --fail-level WARNING'),
        '.github/workflows/shared/action.yml': action('npm test'),
      }),
    ).toEqual([
      ['.github/actions/verify/action.yml', 'low'],
      ['.github/workflows/shared/action.yml', 'low'],
    ]);
  });

  it('keeps the env of a workflow template kept outside .github/workflows, and of check-only jobs, a note', () => {
    expect(
      confidences({
        'template_ci.yml': workflow('poetry run ruff check ./backend/'),
        'project/ci.yml': `${workflow('pytest')}      - uses: actions/cache@v4\n        with:\n          path: **/lock\n`,
        '.github/workflows/lint.yml': workflow('npm run lint'),
      }),
    ).toEqual([
      ['.github/workflows/lint.yml', 'low'],
      ['project/ci.yml', 'low'],
      ['template_ci.yml', 'low'],
    ]);
  });

  it('still fails a composite action or a template workflow that deploys, or one that neither tests nor checks', () => {
    expect(
      confidences({
        '.github/actions/release/action.yml': action('flyctl deploy --remote-only'),
        'deploy_template.yml': workflow('npm test && flyctl deploy'),
        '.github/actions/notify/action.yml': action('curl -X POST https://example.org/hook'),
      }),
    ).toEqual([
      ['.github/actions/notify/action.yml', 'high'],
      ['.github/actions/release/action.yml', 'high'],
      ['deploy_template.yml', 'high'],
    ]);
  });
});

describe('security/placeholder-secret-default in name/value lists of deployment configuration', () => {
  const blueprint = (value: string) =>
    [
      'services:',
      '  - type: web',
      '    name: app',
      '    runtime: python',
      '    envVars:',
      '      - key: SMTP_USERNAME',
      '        value: apikey',
      '      - key: SMTP_PASSWORD',
      `        value: ${value}`,
      '      - key: SECRET_KEY',
      '        generateValue: true',
      '',
    ].join('\n');

  it('fails a stand-in value given to a secret-named key', () => {
    const result = runRule(rule, { 'render.yaml': blueprint('placeholder-value') });
    expect(result.findings.map(f => [`${f.path}:${f.line}`, f.confidence, f.message])).toEqual([
      ['render.yaml:9', 'high', 'SMTP_PASSWORD is set to the stand-in value "placeholder-value"'],
    ]);
  });

  it('passes a value synced from the platform, and a stand-in given to a key that is not secret', () => {
    expect(runRule(rule, { 'render.yaml': blueprint('${SMTP_PASSWORD}') }).findings).toEqual([]);
    const other = blueprint('x').replace('SMTP_PASSWORD', 'SMTP_HOST').replace('value: x', 'value: changeme');
    expect(runRule(rule, { 'render.yaml': other }).findings).toEqual([]);
  });
});

describe('security/placeholder-secret-default stand-ins named for the project or the password', () => {
  const at = (files: Record<string, string>) => runRule(rule, files).findings.map(f => [`${f.path}:${f.line}`, f.confidence, f.message]);

  it("fails a signing secret that is the project's own name, from go.mod or package.json", () => {
    expect(
      at({
        'go.mod': 'module github.com/acme/shop-admin\n\ngo 1.22\n',
        'config/settings.yml': 'settings:\n  application:\n    mode: prod\n  jwt:\n    secret: shop-admin\n    timeout: 3600\n',
        'cmd/main.go': 'package main\n\nvar configYml = flag.String("c", "config/settings.yml", "config file")\n',
        'web/package.json': '{ "name": "@acme/ledger-ui", "version": "1.0.0" }\n',
        'web/server.js': "app.use(session({ secret: 'ledger-ui', resave: false }));\n",
      }),
    ).toEqual([
      ['config/settings.yml:5', 'high', 'secret is set to the stand-in value "shop…", the project\'s own name'],
      ['web/server.js:1', 'high', 'secret is set to the stand-in value "ledg…", the project\'s own name'],
    ]);
  });

  it("passes a secret that only contains the project's name, and the name given to settings that are not secrets", () => {
    expect(
      at({
        'go.mod': 'module github.com/acme/shop-admin\n',
        'config/settings.yml': 'settings:\n  application:\n    name: shop-admin\n  jwt:\n    secret: ${JWT_SECRET}\n  database:\n    password: shop-admin-Xq81!kz\n',
      }),
    ).toEqual([]);
  });

  it('fails a password named as a password (`shop_pass`) in a committed env file that compose loads', () => {
    expect(
      at({
        '.env': 'DB_HOST=db\nDB_USER=shop_user\nDB_PASS=shop_pass\n',
        'compose.yml': 'services:\n  api:\n    build: .\n    env_file:\n      - .env\n',
      }),
    ).toEqual([['.env:3', 'high', 'DB_PASS is set to the stand-in value "shop…" in .env, which compose.yml (service api) loads']]);
  });
});

describe('security/placeholder-secret-default env files a Makefile includes', () => {
  const makefile = (body: string) => `${body}\n\nrun: ### run the app\n\tgo run ./cmd/app\n`;
  const template = 'APP_NAME=shop\nJWT_SECRET=your-secret-key-change-in-production\n';

  it('fails a stand-in in a template that the Makefile includes and exports when .env is missing', () => {
    const result = runRule(rule, {
      'Makefile': makefile('ifneq ($(wildcard .env),)\ninclude .env\nexport\nelse\n$(warning .env not found, using .env.example)\ninclude .env.example\nexport\nendif'),
      '.env.example': template,
    });
    expect(result.findings.map(f => [`${f.path}:${f.line}`, f.confidence])).toEqual([['.env.example:2', 'high']]);
    expect(result.findings[0].message).toContain('which Makefile (include) loads');
  });

  it('passes a template the Makefile includes without exporting it, one it only names, and an included .env.test', () => {
    expect(runRule(rule, { 'Makefile': makefile('include .env.example'), '.env.example': template }).findings).toEqual([]);
    expect(runRule(rule, { 'Makefile': makefile('setup:\n\tcp .env.example .env'), '.env.example': template }).findings).toEqual([]);
    const test = runRule(rule, { 'Makefile': makefile('-include .env.test\nexport'), '.env.test': template });
    expect(test.status).toBe('pass');
    expect(test.findings.map(f => f.confidence)).toEqual(['low']);
  });
});

describe('security/placeholder-secret-default settings of a local setup', () => {
  it('keeps a stand-in password of a database on the loopback host set beside it a note', () => {
    const result = runRule(rule, {
      '.env': 'MYSQL_ADDR=localhost\nMYSQL_USER=user\nMYSQL_PASSWORD=password\n',
      'docker-compose.yml': 'services:\n  api:\n    build: docker/app\n    env_file:\n      - .env\n',
    });
    expect(result.status).toBe('pass');
    expect(result.findings.map(f => [f.path, f.confidence, f.message])).toEqual([
      [
        '.env',
        'low',
        'MYSQL_PASSWORD is set to the stand-in value "password" in .env, which docker-compose.yml (service api) loads (the database it opens is on this machine (MYSQL_ADDR=localhost), so the file describes a local setup: lower confidence)',
      ],
    ]);
  });

  it('still fails a stand-in password of a database on another host, and another secret of a file with a loopback host', () => {
    const result = runRule(rule, {
      '.env': 'POSTGRES_SERVER=db\nPOSTGRES_PASSWORD=changethis\nCACHE_HOST=127.0.0.1\nSECRET_KEY=changethis\n',
      'docker-compose.yml': 'services:\n  api:\n    build: .\n    env_file:\n      - .env\n',
    });
    expect(result.findings.map(f => [`${f.path}:${f.line}`, f.confidence])).toEqual([
      ['.env:2', 'high'],
      ['.env:4', 'high'],
    ]);
  });

  const alembic = (url: string) => `[alembic]\nscript_location = migrations\n\n${url}\n`;
  const offlineOnly = [
    'def run_migrations_offline():',
    '    url = config.get_main_option("sqlalchemy.url")',
    '    context.configure(url=url, literal_binds=True)',
    '',
    'async def run_migrations_online():',
    '    async with async_engine.connect() as connection:',
    '        await connection.run_sync(do_run_migrations)',
    '',
  ].join('\n');

  it("passes an Alembic URL that env.py reads only offline (SQL output, no connection) or replaces with the app's setting", () => {
    const url = 'sqlalchemy.url = postgresql+asyncpg://postgres:password@localhost:5432';
    expect(runRule(rule, { 'alembic.ini': alembic(url), 'migrations/env.py': offlineOnly }).findings).toEqual([]);
    const replaced = 'config.set_main_option("sqlalchemy.url", settings.DATABASE_URL)\n\ndef run_migrations_online():\n    connectable = engine_from_config(config.get_section(config.config_ini_section))\n';
    expect(runRule(rule, { 'alembic.ini': alembic(url), 'migrations/env.py': replaced }).findings).toEqual([]);
  });

  it('fails an Alembic URL that env.py connects with', () => {
    const online = 'def run_migrations_online():\n    connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.")\n';
    const result = runRule(rule, { 'alembic.ini': alembic('sqlalchemy.url = postgresql://app:password@db:5432/app'), 'migrations/env.py': online });
    expect(result.findings.map(f => [`${f.path}:${f.line}`, f.confidence])).toEqual([['alembic.ini:4', 'high']]);
  });
});
