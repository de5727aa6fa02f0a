import { snapshotFromFiles } from '../snapshot';
import { buildFacts } from '.';
import { developmentConfigReason, isAppConfigFile, overridableDefaultConfig } from './configProfiles';

describe('overridableDefaultConfig', () => {
  const facts = buildFacts(
    snapshotFromFiles({
      'src/main/resources/application.properties': 'spring.profiles.active=${SPRING_PROFILES_ACTIVE:prod}\n',
      'src/main/resources/application-prod.yml': 'a: 1\n',
      'src/main/resources/application-mysql.yml': 'a: 1\n',
      'src/main/resources/application-dev.yml': 'a: 1\n',
      'Api/appsettings.json': '{}\n',
      'Api/appsettings.Production.json': '{}\n',
      'Api/appsettings.Development.json': '{}\n',
      'config/default.yml': 'a: 1\n',
    }),
  );

  it.each([
    ['src/main/resources/application.properties', 'Spring Boot'],
    ['src/main/resources/application-prod.yml', 'Spring Boot'],
    ['src/main/resources/application-mysql.yml', undefined],
    ['src/main/resources/application-dev.yml', undefined],
    ['Api/appsettings.json', '.NET'],
    ['Api/appsettings.Production.json', '.NET'],
    ['Api/appsettings.Development.json', undefined],
    ['config/default.yml', undefined],
  ])('%s → %s', (path, expected) => {
    expect(overridableDefaultConfig(facts, path)).toBe(expected);
  });
});

describe('developmentConfigReason', () => {
  const facts = buildFacts(
    snapshotFromFiles({
      'src/main/resources/application.yml': 'spring:\n  profiles:\n    active: local\n---\nspring:\n  config:\n    activate:\n      on-profile: test\nx: 1\n',
      'src/main/resources/application-local.yml': 'a: 1\n',
      'src/main/resources/application-dev.yml': 'a: 1\n',
      'config/local.yml': 'a: 1\n',
      'config/development.yml': 'a: 1\n',
      'config/production.yml': 'a: 1\n',
      'settings/dev.py': 'A = 1\n',
      'auth/local.js': 'module.exports = {}\n',
      'cmd/main.go': 'var cfg = flag.String("config", "./config/local.yml", "config file")\n',
    }),
  );

  it('names development and test configuration, and leaves out what is loaded or activated by default', () => {
    const reasons = Object.fromEntries(
      [
        'src/main/resources/application-local.yml',
        'src/main/resources/application-dev.yml',
        'config/local.yml',
        'config/development.yml',
        'config/production.yml',
        'settings/dev.py',
        'auth/local.js',
      ].map(path => [path, developmentConfigReason(facts, path)]),
    );
    expect(reasons).toEqual({
      'src/main/resources/application-local.yml': undefined,
      'src/main/resources/application-dev.yml': 'in the Spring profile dev, for development or tests',
      'config/local.yml': undefined,
      'config/development.yml': 'in development.yml, configuration for development or tests',
      'config/production.yml': undefined,
      'settings/dev.py': 'in dev.py, configuration for development or tests',
      'auth/local.js': undefined,
    });
  });

  it('counts Python settings modules that a production entry or the package loads by default', () => {
    const django = buildFacts(
      snapshotFromFiles({
        'shop/settings/dev.py': 'A = 1\n',
        'shop/settings/local.py': 'A = 1\n',
        'shop/settings/development.py': 'A = 1\n',
        'shop/wsgi.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.dev")\n',
        'manage.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.local")\n',
        'shop/wsgi_dev.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.local")\n',
        'app/config/__init__.py': 'from .development import *\n',
        'app/config/development.py': 'A = 1\n',
      }),
    );
    expect(developmentConfigReason(django, 'shop/settings/dev.py')).toBeUndefined();
    expect(developmentConfigReason(django, 'app/config/development.py')).toBeUndefined();
    expect(developmentConfigReason(django, 'shop/settings/local.py')).toBe('in local.py, configuration for development or tests');
    expect(developmentConfigReason(django, 'shop/settings/development.py')).toBe('in development.py, configuration for development or tests');
  });

  it('reads the profile of a YAML document of a Spring configuration', () => {
    expect(developmentConfigReason(facts, 'src/main/resources/application.yml', 2)).toBeUndefined();
    expect(developmentConfigReason(facts, 'src/main/resources/application.yml', 9)).toBe('in the Spring profile test, for development or tests');
  });
});

describe('isAppConfigFile', () => {
  const facts = buildFacts(
    snapshotFromFiles({
      'config/app.yml': 'dsn: x\n',
      'docker-stack.yml': 'services:\n  db:\n    image: postgres:16\n',
      '.github/workflows/ci.yml': 'on: push\n',
      'src/app.py': 'A = 1\n',
    }),
  );

  it.each([
    ['config/app.yml', true],
    ['docker-stack.yml', false],
    ['.github/workflows/ci.yml', false],
    ['src/app.py', false],
  ])('%s → %s', (path, expected) => {
    expect(isAppConfigFile(facts, facts.file(path)!)).toBe(expected);
  });
});
