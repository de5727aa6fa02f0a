import { snapshotFromFiles } from '../snapshot';
import { buildFacts } from '.';
import { goConfigDefaults } from './goConfigDefaults';

function defaultsOf(files: Record<string, string>): string[] {
  return goConfigDefaults(buildFacts(snapshotFromFiles(files))).map(
    d => `${d.path}:${d.line} ${d.key}=${d.value} (${d.source}${d.env ? `, ${d.env}` : ''})`,
  );
}

describe('Go configuration defaults', () => {
  it('reads struct-tag defaults of configuration loaders, qualified by the structs they sit in', () => {
    const files = {
      'cmd/api/main.go': [
        'package main',
        '',
        'func run() error {',
        '\tcfg := struct {',
        '\t\tWeb struct {',
        '\t\t\tAPIHost        string   `conf:"default:0.0.0.0:3000"`',
        '\t\t\tAllowedOrigins []string `conf:"default:*"`',
        '\t\t}',
        '\t\tDB struct {',
        '\t\t\tPassword string `conf:"default:secret,mask"`',
        '\t\t\tName     string `conf:"env:DB_NAME,default:app"`',
        '\t\t}',
        '\t}{}',
        '\treturn conf.Parse("API", &cfg)',
        '}',
      ].join('\n'),
      'internal/config/config.go': [
        'package config',
        '',
        'type Config struct {',
        '\tJWTSecret string `env:"JWT_SECRET" envDefault:"changeme"`',
        '\tToken     string `env:"API_TOKEN, default=dev-token"`',
        '\tAdminPass string `env-default:"admin"`',
        '\tLabel     string `json:"label" default:"x"`',
        '\tPort      int    `envconfig:"PORT" default:"8080"`',
        '}',
      ].join('\n'),
    };
    expect(defaultsOf(files)).toEqual([
      'cmd/api/main.go:6 Web.APIHost=0.0.0.0:3000 (tag)',
      'cmd/api/main.go:7 Web.AllowedOrigins=* (tag)',
      'cmd/api/main.go:10 DB.Password=secret (tag)',
      'cmd/api/main.go:11 DB.Name=app (tag, DB_NAME)',
      'internal/config/config.go:4 Config.JWTSecret=changeme (tag, JWT_SECRET)',
      'internal/config/config.go:5 Config.Token=dev-token (tag, API_TOKEN)',
      'internal/config/config.go:6 Config.AdminPass=admin (tag)',
      'internal/config/config.go:8 Config.Port=8080 (tag, PORT)',
    ]);
  });

  it('reads literals of a struct literal that the code then overrides, not other literals or tests', () => {
    const files = {
      'config/config.go': [
        'package config',
        '',
        'func Get() *Configuration {',
        '\tc := &Configuration{',
        '\t\tServer: Server{Port: 80},',
        '\t\tDefaultUser: DefaultUser{',
        '\t\t\tName: "admin",',
        '\t\t\tPass: "admin",',
        '\t\t},',
        '\t\tMode: "dev",',
        '\t}',
        '\tparseString(&c.DefaultUser.Pass, "APP_DEFAULTUSER_PASS")',
        '\tif v := os.Getenv("APP_MODE"); v != "" {',
        '\t\tc.Mode = v',
        '\t}',
        '\treturn c',
        '}',
      ].join('\n'),
      'model/seed.go': 'package model\n\nvar u = User{Name: "bob", Pass: "bob"}\n',
      'config/config_test.go': 'package config\n\nfunc TestGet(t *testing.T) {\n\tc := Configuration{Mode: "x"}\n\tc.Mode = "y"\n}\n',
    };
    expect(defaultsOf(files)).toEqual([
      'config/config.go:8 Configuration.DefaultUser.Pass=admin (literal)',
      'config/config.go:10 Configuration.Mode=dev (literal)',
    ]);
  });
});
