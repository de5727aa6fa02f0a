import { describeRule, runRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'a seed script that creates the admin with admin123',
      files: {
        'scripts/seed.js': [
          "const bcrypt = require('bcrypt');",
          'await User.create({',
          "  email: 'admin@example.com',",
          "  role: 'admin',",
          "  password: await bcrypt.hash('admin123', 10),",
          '});',
        ].join('\n'),
      },
      findings: ['scripts/seed.js:5'],
    },
    {
      name: 'a Django management command creating a superuser',
      files: {
        'app/management/commands/bootstrap.py':
          "from django.contrib.auth.models import User\nUser.objects.create_superuser('admin', 'admin@example.com', 'password')\n",
        'app/users/setup.py': "u = User(username='root', is_superuser=True)\nu.set_password('changeme')\n",
      },
      findings: ['app/management/commands/bootstrap.py:2', 'app/users/setup.py:2'],
    },
    {
      name: 'SQL seed rows with plaintext weak passwords',
      files: {
        'db/seed.sql': [
          'INSERT INTO users (id, username, password, role) VALUES',
          "  (1, 'admin', 'admin', 'ADMIN'),",
          "  (2, 'alice', '$2a$10$Q9xY7uVQ1pW3nXo5Lr8eUeZ', 'USER');",
        ].join('\n'),
      },
      findings: ['db/seed.sql:2'],
    },
    {
      name: 'Spring Security default user in properties and YAML',
      files: {
        'src/main/resources/application.properties': 'spring.security.user.name=admin\nspring.security.user.password=admin\n',
        'src/main/resources/application-prod.yml': 'spring:\n  security:\n    user:\n      name: ops\n      password: ledger2024\n',
      },
      findings: ['src/main/resources/application-prod.yml:5', 'src/main/resources/application.properties:2'],
    },
    {
      name: 'in-memory users with {noop} passwords',
      files: {
        'src/main/java/com/acme/SecurityConfig.java': [
          '@Bean',
          'InMemoryUserDetailsManager users() {',
          '  return new InMemoryUserDetailsManager(',
          '    User.withUsername("admin").password("{noop}password").roles("ADMIN").build());',
          '}',
        ].join('\n'),
      },
      findings: ['src/main/java/com/acme/SecurityConfig.java:4'],
    },
    {
      name: 'admin passwords in compose, env files and Dockerfiles',
      files: {
        'docker-compose.yml': [
          'services:',
          '  grafana:',
          '    environment:',
          '      GF_SECURITY_ADMIN_PASSWORD: admin',
          '  db:',
          '    environment:',
          '      - MYSQL_ROOT_PASSWORD=root',
          '  mq:',
          '    environment:',
          '      RABBITMQ_DEFAULT_PASS: guest',
        ].join('\n'),
        '.env': 'ADMIN_EMAIL=ops@example.com\nADMIN_PASSWORD=admin123\n',
        'Dockerfile': 'FROM keycloak/keycloak:24\nENV KEYCLOAK_ADMIN_PASSWORD=admin\n',
      },
      findings: ['.env:2', 'docker-compose.yml:4', 'docker-compose.yml:7', 'docker-compose.yml:10', 'Dockerfile:2'],
    },
    {
      name: 'environment fallbacks for the admin password',
      files: {
        'app/core/config.py': 'import os\nFIRST_SUPERUSER_PASSWORD = os.getenv("FIRST_SUPERUSER_PASSWORD", "changethis")\n',
        'src/bootstrap.ts': "const pw = process.env.ADMIN_PASSWORD || 'Xr9-not-weak-but-literal';\n",
        'docker-compose.prod.yml': 'services:\n  app:\n    environment:\n      ADMIN_PASSWORD: ${ADMIN_PASSWORD:-letmein}\n',
      },
      findings: ['app/core/config.py:2', 'docker-compose.prod.yml:4', 'src/bootstrap.ts:1'],
    },
  ],
  passes: [
    {
      name: 'a compose variable that must be set (`:?`) has no default',
      files: {
        'compose.yml':
          'services:\n  api:\n    image: acme/api:1.2\n    environment:\n      - ADMIN_PASSWORD=${ADMIN_PASSWORD:?Variable not set}\n      - SUPERUSER_PASSWORD=${SUPERUSER_PASSWORD?required}\n',
      },
    },
    { name: 'no users at all', files: { 'src/index.ts': 'export const x = 1;\n' } },
    {
      name: 'admin password read from the environment without a default',
      files: {
        'scripts/seed.js': "await User.create({ email: 'admin@example.com', role: 'admin', password: await bcrypt.hash(process.env.ADMIN_PASSWORD, 10) });\n",
        'docker-compose.yml': 'services:\n  grafana:\n    environment:\n      GF_SECURITY_ADMIN_PASSWORD: ${GRAFANA_ADMIN_PASSWORD}\n',
        'src/main/resources/application.yml': 'spring:\n  security:\n    user:\n      password: ${ADMIN_PASSWORD}\n',
      },
    },
    {
      name: 'password policy lists and validation',
      files: {
        'app/validators.py': [
          "COMMON_PASSWORDS = ['password', '123456', 'admin', 'qwerty', 'letmein']",
          'def validate(password, is_admin):',
          "    if password in ('admin', 'password', 'changeme'):",
          "        raise ValueError('password too simple')",
        ].join('\n'),
        'src/auth/policy.ts': "const BANNED = new Set(['admin123', 'password1']);\nexport const adminPasswordHint = 'at least 12 characters';\n",
        'src/auth/login.ts': "if (user.role === 'admin' && password === 'admin') { throw new Error('reset required'); }\n",
      },
    },
    {
      name: 'strong generated or hashed passwords for seed users',
      files: {
        'db/seed.sql': "INSERT INTO users (username, password_hash, role) VALUES ('admin', '$2b$12$uY6QK5rXn9kq2vS1tH8pO.eJ3xM4lW7zQ1aB2cD3eF4gH5iJ6kL7m', 'admin');\n",
        'scripts/create_admin.py': 'import secrets\npassword = secrets.token_urlsafe(24)\nUser.objects.create_superuser("admin", "admin@example.com", password)\n',
      },
    },
    {
      name: 'templates, docs and labels',
      files: {
        '.env.example': 'ADMIN_PASSWORD=changeme\nADMIN_USER=admin\n',
        'README.md': 'Log in as `admin` / `admin123`, then change the password.\n',
        'locales/en.json': '{"adminPassword": "Admin password", "password": "Password"}\n',
        'web/src/Login.tsx': "const [form, setForm] = useState({ username: 'admin', password: 'admin' });\n",
        'src/checks.ts': "// ADMIN_PASSWORD=admin is what we reject\nexport const tip = 'never os.getenv(\"ADMIN_PASSWORD\", \"admin\")';\n",
        'deploy/app.env.example': '# ADMIN_PASSWORD=admin\n',
        'app.py': 'x = 1\n',
      },
    },
    {
      name: 'a test that logs in as admin only leaves a low-confidence note',
      files: {
        'tests/test_admin.py': "def test_login(client):\n    User.objects.create_superuser('admin', 'a@b.c', 'admin123')\n",
        'app.py': 'x = 1\n',
      },
    },
    {
      name: 'ordinary users and non-admin settings',
      files: {
        'src/users.ts': "const demo = { name: 'alice', password: 'password' };\n",
        'config.yml': 'db:\n  password: postgres\nsmtp:\n  password: secret\n',
        'docker-compose.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: postgres\n',
      },
    },
  ],
  notApplicable: [{ name: 'only prose', files: { 'README.md': '# hi\n' } }],
});

describe('security/default-admin-password details', () => {
  it('masks the password in the excerpt and keeps it out of the message', () => {
    const result = runRule(rule, { '.env': 'ADMIN_PASSWORD=admin123\n' });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].excerpt).toBe('ADMIN_PASSWORD=ad…');
    expect(result.findings[0].message).toBe('ADMIN_PASSWORD is set to a well-known default password');
  });

  it('reports a test-file superuser at low confidence', () => {
    const result = runRule(rule, {
      'tests/test_admin.py': "User.objects.create_superuser('admin', 'a@b.c', 'admin123')\n",
    });
    expect(result.status).toBe('pass');
    expect(result.findings).toEqual([expect.objectContaining({ line: 1, confidence: 'low' })]);
  });
});
