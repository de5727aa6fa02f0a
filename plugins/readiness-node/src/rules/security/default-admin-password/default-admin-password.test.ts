import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: "the default Spring Security user's password taken from a variable the committed .env sets to a well-known password",
      files: {
        '.env': 'CONFIG_SERVICE_PASSWORD=password\n',
        'config/src/main/resources/application.yml': 'spring:\n  security:\n    user:\n      password: ${CONFIG_SERVICE_PASSWORD}\n',
      },
      findings: ['config/src/main/resources/application.yml:4'],
    },
    {
      name: 'a job dashboard login in the application configuration with a well-known password',
      files: {
        'src/config/index.ts': "export default {\n  port: 3000,\n  /** Job dashboard */\n  jobsBoard: {\n    user: 'jobsboard',\n    password: '123456',\n  },\n};\n",
      },
      findings: ['src/config/index.ts:6'],
    },
    {
      name: 'a form field beside an admin created with a well-known password',
      files: {
        'app/admin/commands.py': [
          'class AdminForm(FlaskForm):',
          "    password = PasswordField('Password')",
          'def setup_admin():',
          "    admin = User(email='admin@example.com', role='admin', password='password')",
          '',
        ].join('\n'),
      },
      findings: ['app/admin/commands.py:4'],
    },
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
      name: 'the sole login of a setup script under docs/, without a column list and not named admin',
      files: {
        'docs/sql/setup.sql': [
          'DROP TABLE IF EXISTS `app_auth`;',
          'CREATE TABLE `app_auth` (',
          '  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,',
          "  `username` varchar(50) DEFAULT '',",
          "  `password` varchar(50) DEFAULT '',",
          '  PRIMARY KEY (`id`)',
          ');',
          "INSERT INTO `app_auth` VALUES ('1', 'editor', 'Kx7-rota');",
        ].join('\n'),
      },
      findings: ['docs/sql/setup.sql:8'],
    },
    {
      name: 'fixed password hashes and hashing calls in seed migrations',
      files: {
        'db/migration/V2__seed_admin.sql':
          "INSERT INTO users (email, password_hash) VALUES ('ops@acme.io', '$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z3ZrBr3bOGHaEexAmPLeA8aa');\n",
        'db/seed/operators.sql': "INSERT INTO operators (login, pwd, salt) VALUES ('night-shift', md5('Tr0ub4dor'), 'ab12');\n",
      },
      findings: ['db/migration/V2__seed_admin.sql:1', 'db/seed/operators.sql:1'],
    },
    {
      name: 'a data load inserting without a column list into a sign-on table that a separate schema script creates',
      files: {
        'src/main/resources/db/schema.sql': 'create table logon (\n    username varchar(25) not null,\n    password varchar(25) not null\n);\n',
        'src/main/resources/db/load.sql': "INSERT INTO logon VALUES('clerk','clerk');\nINSERT INTO logon VALUES('Night-Shift7','Night-Shift7');\n",
      },
      findings: ['src/main/resources/db/load.sql:1', 'src/main/resources/db/load.sql:2'],
    },
    {
      name: 'rows inserted without a column list into a table the ORM creates, with a password hash among the values',
      files: {
        'internal/setup/initdb.go': 'package setup\n\nfunc InitDb(db *gorm.DB) error {\n\treturn ExecSql(db, "config/base-data.sql")\n}\n',
        'config/base-data.sql': [
          "INSERT INTO sys_role VALUES (1, 'admin', 'Administrator', 1);",
          "INSERT INTO sys_account VALUES (1, 'admin', '$2a$10$Qx7aPz1Lm3Nv5Rt8Wy0Be.Hk2Jd4Fg6Sa9Xc1Vb3Nm5Lp7Ko9Ij2q', 'Ops', '1@acme.io', 1);",
        ].join('\n'),
      },
      findings: ['config/base-data.sql:2'],
    },
    {
      name: 'a seeder named like the default one that production configuration runs',
      files: {
        'src/seeders/DatabaseSeeder.ts':
          "export class DatabaseSeeder extends Seeder {\n  async run(em: EntityManager) {\n    em.create(User, { email: 'ops@acme.io', password: 'Kx7!rota' });\n  }\n}\n",
        'src/orm.config.ts': "import { DatabaseSeeder } from './seeders/DatabaseSeeder';\nexport default { seeder: { defaultSeeder: DatabaseSeeder.name } };\n",
        'test/app.e2e-spec.ts': "await orm.getSeeder().seed(DatabaseSeeder);\n",
      },
      findings: ['src/seeders/DatabaseSeeder.ts:3'],
    },
    {
      name: 'SQL that creates or alters database accounts with a literal password',
      files: {
        'db/mysql/user.sql': [
          'CREATE DATABASE IF NOT EXISTS shop;',
          "CREATE USER IF NOT EXISTS 'shop'@'%' IDENTIFIED BY 'shop';",
          "GRANT ALL PRIVILEGES ON shop.* TO 'shop'@'%';",
        ].join('\n'),
        'db/postgres/init.sql': [
          'CREATE ROLE reporting WITH LOGIN',
          "  ENCRYPTED PASSWORD 'Kx7-rota';",
          "ALTER USER postgres PASSWORD 'postgres';",
        ].join('\n'),
        'sql/mssql.sql': "CREATE LOGIN app_login WITH PASSWORD = N'Tr0ub4dor&3';\n",
        'sql/legacy.sql': "SET PASSWORD FOR 'root'@'localhost' = PASSWORD('r00tpw');\nCREATE USER ledger IDENTIFIED BY ledger_pw;\n",
        'db/mysql57/user.sql': "CREATE DATABASE IF NOT EXISTS shop;\nGRANT ALL PRIVILEGES ON shop.* TO 'shop@%' IDENTIFIED BY 'shop';\nGRANT SELECT ON shop.* TO 'reader'@'%';\n",
      },
      findings: [
        'db/mysql/user.sql:2',
        'db/mysql57/user.sql:2',
        'db/postgres/init.sql:2',
        'db/postgres/init.sql:3',
        'sql/legacy.sql:1',
        'sql/legacy.sql:2',
        'sql/mssql.sql:1',
      ],
    },
    {
      name: 'framework seeders with a literal password that is not a well-known one',
      files: {
        'database/seeders/AdminSeeder.php':
          "<?php\nclass AdminSeeder extends Seeder {\n  public function run() {\n    User::create(['email' => 'ops@acme.io', 'password' => Hash::make('Str0ng!Seed')]);\n  }\n}\n",
        'src/main/java/com/acme/DataInitializer.java':
          'public class DataInitializer implements CommandLineRunner {\n  public void run(String... args) {\n    user.setPassword(passwordEncoder.encode("Kx7!rota"));\n  }\n}\n',
        'Api/Data/SeedData.cs': 'public static class SeedData {\n  public static async Task Run(UserManager<AppUser> userManager) {\n    await userManager.CreateAsync(owner, "Own3r#2024");\n  }\n}\n',
        'prisma/seed.ts': "await prisma.user.create({ data: { email: 'ops@acme.io', password: await bcrypt.hash('Kx7!rota', 10) } });\n",
      },
      findings: ['Api/Data/SeedData.cs:3', 'database/seeders/AdminSeeder.php:4', 'prisma/seed.ts:1', 'src/main/java/com/acme/DataInitializer.java:3'],
    },
    {
      name: 'a context initialiser whose seeding method creates the administrator, and a fake-data generator with a well-known password',
      files: {
        'src/Infrastructure/Data/AppDbContextInitialiser.cs': [
          'public class AppDbContextInitialiser',
          '{',
          '    public async Task TrySeedAsync()',
          '    {',
          '        var administrator = new AppUser { UserName = "ops@localhost" };',
          '        await _userManager.CreateAsync(administrator, "Operat0r!");',
          '    }',
          '}',
        ].join('\n'),
        'app/fake.py': [
          'from faker import Faker',
          'def users(count=100):',
          '    for i in range(count):',
          "        u = User(email=fake.email(), password='password', confirmed=True)",
        ].join('\n'),
      },
      findings: ['app/fake.py:4', 'src/Infrastructure/Data/AppDbContextInitialiser.cs:6'],
    },
    {
      name: 'a Django initial-data fixture with a superuser hash',
      files: {
        'accounts/fixtures/initial_users.json':
          '[{"model": "auth.user", "pk": 1, "fields": {"username": "ops", "password": "pbkdf2_sha256$600000$Qx1$Zk0rVt7YqE2mW4pN8sL1cX6bH9dJ3fG5aK0uI2oP4y=", "is_superuser": true}}]\n',
      },
      findings: ['accounts/fixtures/initial_users.json:1'],
    },
    {
      name: 'a seeded password taken from a constant with a literal value',
      files: {
        'src/main/java/com/acme/Constants.java': 'public final class Constants {\n  public static final String ADMIN_PASSWORD = "Kx7!rota";\n}\n',
        'src/main/java/com/acme/AdminInitializer.java':
          'public class AdminInitializer implements ApplicationRunner {\n  public void run(ApplicationArguments a) {\n    admin.setPassword(encoder.encode(Constants.ADMIN_PASSWORD));\n  }\n}\n',
        'app/seed_constants.py': 'DEFAULT_USER_PASSWORD = "Wint3r!2024"\n',
        'app/management/commands/seed_users.py':
          'from app.seed_constants import DEFAULT_USER_PASSWORD\n\nUser.objects.create_user(username="ops", password=DEFAULT_USER_PASSWORD)\n',
      },
      findings: ['app/management/commands/seed_users.py:3', 'src/main/java/com/acme/AdminInitializer.java:3'],
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
      name: 'admin passwords of the application and of consoles in compose, env files and Dockerfiles',
      files: {
        'docker-compose.yml': [
          'services:',
          '  grafana:',
          '    environment:',
          '      GF_SECURITY_ADMIN_PASSWORD: admin',
          '  dbconsole:',
          '    image: dpage/pgadmin4',
          '    environment:',
          '      PGADMIN_DEFAULT_PASSWORD: admin',
        ].join('\n'),
        '.env': 'ADMIN_EMAIL=ops@example.com\nADMIN_PASSWORD=admin123\n',
        'Dockerfile': 'FROM keycloak/keycloak:24\nENV KEYCLOAK_ADMIN_PASSWORD=admin\n',
      },
      findings: ['.env:2', 'docker-compose.yml:4', 'docker-compose.yml:8', 'Dockerfile:2'],
    },
    {
      name: 'an admin password set to a fixed hash in a manifest or env file',
      files: {
        'k8s/bootstrap/gitops/kustomization.yaml': [
          'secretGenerator:',
          '  - name: gitops-secret',
          '    literals:',
          "      - admin.password='$2y$10$Qx7aPz1Lm3Nv5Rt8Wy0Be.Hk2Jd4Fg6Sa9Xc1Vb3Nm5Lp7Ko9Ij2'",
        ].join('\n'),
        '.env': 'ADMIN_PASSWORD_HASH=$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$Zk0rVt7YqE2mW4pN8sL1cX\n',
      },
      findings: ['.env:1', 'k8s/bootstrap/gitops/kustomization.yaml:4'],
    },
    {
      name: 'seed users given a literal password through a builder setter in a seeding file',
      files: {
        'internal/accounts/fixtures.go': [
          'package accounts',
          '',
          'func createUsers(client *auth.Client) error {',
          '\tfor _, u := range seedUsers {',
          '\t\tparams := (&auth.NewUserParams{}).',
          '\t\t\tEmail(u.Email).',
          '\t\t\tPassword("123456").',
          '\t\t\tDisplayName(u.Name)',
          '\t\tif _, err := client.CreateUser(ctx, params); err != nil {',
          '\t\t\treturn err',
          '\t\t}',
          '\t}',
          '\treturn nil',
          '}',
        ].join('\n'),
        'src/Seed/OperatorSeeder.java':
          'public class OperatorSeeder implements CommandLineRunner {\n  public void run(String... a) {\n    users.save(User.builder().email("ops@acme.io").password(encoder.encode("Kx7!rota")).build());\n  }\n}\n',
      },
      findings: ['internal/accounts/fixtures.go:7', 'src/Seed/OperatorSeeder.java:3'],
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
    {
      name: 'Go configuration defaults for the default user\'s password: a struct literal the code overrides, a struct tag',
      files: {
        'config/config.go': [
          'package config',
          '',
          'func Get() *Configuration {',
          '\tc := &Configuration{',
          '\t\tDefaultUser: DefaultUser{',
          '\t\t\tName: "admin",',
          '\t\t\tPass: "admin",',
          '\t\t},',
          '\t}',
          '\tparseString(&c.DefaultUser.Name, EnvDefaultUserName)',
          '\tparseString(&c.DefaultUser.Pass, EnvDefaultUserPass)',
          '\treturn c',
          '}',
        ].join('\n'),
        'internal/settings/settings.go': 'package settings\n\ntype Bootstrap struct {\n\tAdminPassword string `env:"ADMIN_PASSWORD" envDefault:"letmein"`\n}\n',
      },
      findings: ['config/config.go:7', 'internal/settings/settings.go:4'],
    },
    {
      name: 'logins that accept a password written in the code (Go, Express route, Python, Java, C#)',
      files: {
        'internal/auth/service.go': [
          'package auth',
          '',
          'func (s service) authenticate(ctx context.Context, username, password string) Identity {',
          '\tif username == "demo" && password == "pass" {',
          '\t\treturn entity.User{ID: "100", Name: "demo"}',
          '\t}',
          '\treturn nil',
          '}',
        ].join('\n'),
        'src/routes.js': [
          'module.exports = function routes(app) {',
          "  app.post('/api/login', (req, res) => {",
          "    if (req.body.user === 'ops' && 'Kp7-ledger' === req.body.password) return res.json({ token: sign(req.body.user) });",
          '    res.sendStatus(401);',
          '  });',
          '};',
        ].join('\n'),
        'app/views.py': [
          'def login(request):',
          '    form = LoginForm(request.POST)',
          '    if form.username.data == "admin" and form.password.data == "hunter2":',
          '        return start_session(form.username.data)',
        ].join('\n'),
        'src/main/java/com/acme/AuthController.java': [
          'class AuthController {',
          '  boolean check(String user, String password) {',
          '    return user.equals("ops") && password.equals("Ledger-2024");',
          '  }',
          '}',
        ].join('\n'),
        'Services/LoginService.cs': [
          'public class LoginService {',
          '    public bool SignIn(string user, string pwd) {',
          '        return user == "ops" && pwd == "Ledger-2024";',
          '    }',
          '}',
        ].join('\n'),
      },
      findings: ['app/views.py:3', 'internal/auth/service.go:4', 'Services/LoginService.cs:3', 'src/main/java/com/acme/AuthController.java:3', 'src/routes.js:3'],
    },
    {
      name: 'a settings class whose admin password falls back to a literal through a settings reader',
      files: {
        'src/app/core/config.py': [
          'from pydantic_settings import BaseSettings',
          'from starlette.config import Config',
          'config = Config(".env")',
          'class FirstUserSettings(BaseSettings):',
          '    ADMIN_USERNAME: str = config("ADMIN_USERNAME", default="admin")',
          '    ADMIN_PASSWORD: str = config("ADMIN_PASSWORD", default="Pl3ase-Ch4nge-Me!")',
          'settings = FirstUserSettings()',
        ].join('\n'),
        'src/scripts/create_first_superuser.py': [
          'from ..app.core.config import settings',
          'def create_first_user(session):',
          '    session.add(User(username=settings.ADMIN_USERNAME, hashed_password=hash_password(settings.ADMIN_PASSWORD), is_superuser=True))',
        ].join('\n'),
      },
      findings: ['src/app/core/config.py:6'],
    },
    {
      name: 'a login view that compares the password with configuration filled from literal constants',
      files: {
        'project/app.py': [
          'from flask import Flask, request, session',
          'USERNAME = "admin"',
          'PASSWORD = "admin"',
          'app = Flask(__name__)',
          'app.config.from_object(__name__)',
          '@app.route("/login", methods=["POST"])',
          'def login():',
          '    if request.form["username"] != app.config["USERNAME"]:',
          '        error = "Invalid username"',
          '    elif request.form["password"] != app.config["PASSWORD"]:',
          '        error = "Invalid password"',
          '    else:',
          '        session["logged_in"] = True',
        ].join('\n'),
        'web/auth.ts': [
          "const ADMIN_PASSWORD = 'ledger-admin-2024';",
          'export function login(user: string, password: string) {',
          '  return password === ADMIN_PASSWORD;',
          '}',
        ].join('\n'),
      },
      findings: ['project/app.py:10', 'web/auth.ts:3'],
    },
  ],
  passes: [
    {
      name: "the default Spring Security user's password from a variable set only in an env template or to a strong value",
      files: {
        '.env.example': 'CONFIG_SERVICE_PASSWORD=password\n',
        '.env': 'OTHER_PASSWORD=password\n',
        'config/src/main/resources/application.yml': 'spring:\n  security:\n    user:\n      password: ${CONFIG_SERVICE_PASSWORD}\n',
      },
    },
    {
      name: 'database and mail accounts in the application configuration are service credentials',
      files: {
        'src/config/index.ts': "export default {\n  db: {\n    host: 'localhost',\n    user: 'shop',\n    password: '123456',\n  },\n  mailer: {\n    smtp: 'smtp.example.com',\n    user: 'shop',\n    password: 'password',\n  },\n};\n",
      },
    },
    {
      name: 'login code that reads the password field of a form or the environment by name',
      files: {
        'app/auth.py': [
          'def login():',
          '    preset_admin_password = get_app_config("PRESET_ADMIN_PASSWORD")',
          '    if preset_admin_password:',
          '        password = request.form.get("password", "")',
          '        if password == preset_admin_password:',
          '            admin = create_preset_admin()',
          '    admin_password = os.getenv("password")',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'the label of a password field in admin forms (WTForms, Django forms)',
      files: {
        'app/admin/forms.py': [
          'from flask_wtf import FlaskForm',
          'from wtforms.fields import PasswordField',
          'class NewUserForm(FlaskForm):',
          '    password = PasswordField(',
          "        'Password',",
          "        validators=[InputRequired(), EqualTo('password2', 'Passwords must match.')])",
          "    password2 = PasswordField('Confirm password', validators=[InputRequired()])",
          '',
        ].join('\n'),
        'admin/forms.py': "from django import forms\nclass AdminLoginForm(forms.Form):\n    password = forms.CharField('Password', widget=forms.PasswordInput)\n",
      },
    },
    {
      name: 'user creation outside seeders: a sign-up handler passing the user\'s password, an initialiser that seeds no user',
      files: {
        'src/Web/Accounts/RegisterHandler.cs':
          'public class RegisterHandler {\n  public async Task Handle(Register cmd) {\n    await _userManager.CreateAsync(new AppUser(cmd.Email), cmd.Password);\n  }\n}\n',
        'src/Infrastructure/CacheInitializer.cs': 'public class CacheInitializer {\n  public Task SeedAsync() => _cache.WarmAsync("catalog");\n}\n',
        'app/faker_helpers.py': "def label(field):\n    return {'type': 'password'}\n",
      },
    },
    {
      name: 'password comparisons that are no credential: empty checks, confirmations, policies, sign-up, tests and mocks',
      files: {
        'internal/auth/service.go': [
          'package auth',
          '',
          'func (s service) authenticate(ctx context.Context, username, password string) Identity {',
          '\tif password == "" {',
          '\t\treturn nil',
          '\t}',
          '\tif !s.repo.Check(username, password) {',
          '\t\treturn nil',
          '\t}',
          '\treturn s.repo.Get(username)',
          '}',
        ].join('\n'),
        'app/auth/forms.py': [
          'def register(form):',
          '    if form.password.data == "password":',
          '        raise ValidationError("Choose a less common password")',
          '    if form.password.data != form.confirm_password.data:',
          '        raise ValidationError("Passwords do not match")',
          'def login(form):',
          '    if form.password_confirm == "pass":',
          '        return None',
          '    if form.field_type == "password":',
          '        return None',
        ].join('\n'),
        'src/auth/login.ts': "export function login(password: string) {\n  if (password.length === 0 || password === undefined) throw new Error('Password required');\n  return verify(password);\n}\n",
        'internal/auth/api_test.go': 'package auth\n\nfunc (m mockService) Login(ctx context.Context, username, password string) (string, error) {\n\tif username == "test" && password == "pass" {\n\t\treturn "token-100", nil\n\t}\n\treturn "", nil\n}\n',
        'internal/mocks/auth.go': 'package mocks\n\nfunc Login(username, password string) bool {\n\treturn password == "pass"\n}\n',
        'src/utils/compare.js': "function isDefault(password) {\n  return password === 'changeme';\n}\n",
      },
    },
    {
      name: 'a compose variable that must be set (`:?`) has no default',
      files: {
        'compose.yml':
          'services:\n  api:\n    image: acme/api:1.2\n    environment:\n      - ADMIN_PASSWORD=${ADMIN_PASSWORD:?Variable not set}\n      - SUPERUSER_PASSWORD=${SUPERUSER_PASSWORD?required}\n',
      },
    },
    { name: 'no users at all', files: { 'src/index.ts': 'export const x = 1;\n' } },
    {
      name: 'Go configuration: an admin password with no default, a database password default, a literal nothing overrides, tests',
      files: {
        'cmd/api/main.go': [
          'package main',
          '',
          'type Config struct {',
          '\tAdminPassword string `conf:"mask"`',
          '\tDBPassword    string `conf:"default:postgres,mask"`',
          '}',
        ].join('\n'),
        'config/defaults.go': 'package config\n\nvar Defaults = Configuration{DefaultUser: DefaultUser{Pass: "admin"}}\n',
        'config/config_test.go': 'package config\n\nfunc TestX(t *testing.T) {\n\tc := Configuration{DefaultUser: DefaultUser{Pass: "admin"}}\n\tc.DefaultUser.Pass = "x"\n}\n',
      },
    },
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
      name: 'generated passwords, invite rows without a password, bind parameters',
      files: {
        'scripts/create_admin.py': 'import secrets\npassword = secrets.token_urlsafe(24)\nUser.objects.create_superuser("admin", "admin@example.com", password)\n',
        'db/seed.sql': [
          "INSERT INTO users (email, password, role) VALUES ('owner@acme.io', NULL, 'admin'), ('ops@acme.io', '', 'user');",
          "INSERT INTO accounts (login, password_hash) VALUES ('invited', '!unusable');",
          'INSERT INTO members (email, password) VALUES (?, ?);',
          "INSERT INTO users (email, password) SELECT email, crypt(gen_random_uuid()::text, gen_salt('bf')) FROM invites;",
        ].join('\n'),
        'src/users/repo.ts': "await db.query('INSERT INTO users (email, password) VALUES ($1, $2)', [email, hash]);\n",
      },
    },
    {
      name: 'database accounts created with templated passwords, psql variables, no password, and in tests',
      files: {
        'db/init.sql': [
          "CREATE USER IF NOT EXISTS 'app'@'%' IDENTIFIED BY '${DB_PASSWORD}';",
          "CREATE ROLE app_rw LOGIN PASSWORD :'app_password';",
          "CREATE USER reader WITH PASSWORD '<password>';",
          'CREATE ROLE readonly NOLOGIN;',
          'CREATE USER ops IDENTIFIED BY &ops_password;',
          "ALTER ROLE app_rw SET search_path = 'app';",
          "-- CREATE USER old IDENTIFIED BY 'old-password';",
          "/* ALTER USER postgres PASSWORD 'postgres'; */",
          "CREATE USER auditor WITH PASSWORD NULL;",
        ].join('\n'),
        'tests/sql/setup.sql': "CREATE USER tester IDENTIFIED BY 'tester';\n",
        'examples/db/user.sql': "CREATE USER demo WITH PASSWORD 'demo-pass';\n",
      },
    },
    {
      name: 'database accounts that a database container creates when it initialises its own data',
      files: {
        'docker-entrypoint-initdb.d/01_legacy_db.sql': 'CREATE USER "legacy" WITH PASSWORD \'secret\' CREATEDB;\nCREATE DATABASE "legacy" OWNER "legacy";\n',
        'docker/db/init/users.sql': "CREATE USER IF NOT EXISTS 'shop'@'%' IDENTIFIED BY 'shop';\n",
        'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    volumes:\n      - ./docker/db/init:/docker-entrypoint-initdb.d\n',
        'mysql/schema.sql': "CREATE USER 'app'@'%' IDENTIFIED BY 'app';\n",
        'mysql/Dockerfile': 'FROM mysql:8.4\nCOPY schema.sql /docker-entrypoint-initdb.d/\n',
      },
    },
    {
      name: 'logins compared with settings read from the environment, with the user record, or with configuration of an unknown source',
      files: {
        'project/app.py': [
          'import os',
          'PASSWORD = os.environ["APP_PASSWORD"]',
          'app = Flask(__name__)',
          'app.config.from_object(__name__)',
          'def login():',
          '    if request.form["password"] != app.config["PASSWORD"]:',
          '        return "Invalid password"',
        ].join('\n'),
        'other/views.py': [
          'def login():',
          '    if request.form["password"] != current_app.config["PASSWORD"]:',
          '        return "Invalid password"',
        ].join('\n'),
        'web/auth.ts': [
          "const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? '';",
          'export function login(user: User, password: string) {',
          '  return password === ADMIN_PASSWORD || password === user.password;',
          '}',
        ].join('\n'),
      },
    },
    {
      name: 'seed passwords read from the environment, factories, and strings that are not passwords',
      files: {
        'database/seeders/AdminSeeder.php':
          "<?php\nclass AdminSeeder extends Seeder {\n  public function run() {\n    User::create(['is_admin' => true, 'password' => Hash::make(env('ADMIN_PASSWORD'))]);\n  }\n}\n",
        'database/factories/UserFactory.php': "<?php\nreturn ['is_admin' => true, 'password' => Hash::make('Xk29!pw')];\n",
        'app/settings.py': 'import os\nADMIN_PASSWORD = os.environ["ADMIN_PASSWORD"]\n',
        'app/management/commands/seed_admin.py': [
          'from django.conf import settings',
          'User.objects.create_superuser("admin", "ops@acme.io", settings.ADMIN_PASSWORD)',
          "digest = hashlib.sha256('fixed-salt'.encode('utf-8')).hexdigest()",
          "user.set_password(get_random_string(20))",
        ].join('\n'),
        'tests/fixtures/users.sql': "INSERT INTO users (email, password) VALUES ('t@acme.io', '$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z3ZrBr3bOGHaEexAmPLeA8aa');\n",
        'examples/seed.js': "await User.create({ email: 'demo@acme.io', password: await bcrypt.hash('Kx7!rota', 10) });\n",
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
      name: 'seeders for tests: named for tests, or run only from tests',
      files: {
        'src/seeders/test.seeder.ts':
          "export class TestSeeder extends Seeder {\n  async run(em: EntityManager) {\n    em.create(User, { username: 'Jon', password: 'jon@north.io' });\n  }\n}\n",
        'src/db/E2eSeeder.php': "<?php\nclass E2eSeeder extends Seeder {\n  public function run() {\n    User::create(['password' => Hash::make('Kx7!rota')]);\n  }\n}\n",
        'src/seeders/DatabaseSeeder.ts':
          "export class DatabaseSeeder extends Seeder {\n  async run(em: EntityManager) {\n    em.create(User, { email: 'qa@acme.io', password: 'Kx7!rota' });\n  }\n}\n",
        'test/app.e2e-spec.ts': "await orm.getSeeder().seed(DatabaseSeeder);\n",
      },
    },
    {
      name: 'a data load into a table another script creates, with no password column or a NULL password; a sign-on table nobody creates',
      files: {
        'db/schema.sql': [
          'create table signon (username varchar(25), password varchar(25));',
          'create table member_profile (userid varchar(80), email varchar(80), nickname varchar(80));',
        ].join('\n'),
        'db/load.sql': [
          "INSERT INTO signon VALUES('clerk', NULL);",
          "INSERT INTO member_profile VALUES('clerk', 'clerk@acme.io', 'clerk-nick');",
          "INSERT INTO signin_audit VALUES('clerk', 'Night-Shift7');",
        ].join('\n'),
      },
    },
    {
      name: 'rows without a column list whose values hold no password hash, or that go to a table that holds no logins',
      files: {
        'config/base-data.sql': [
          "INSERT INTO sys_user VALUES (1, 'admin', 'd41d8cd98f00b204e9800998ecf8427e', 'Ops');",
          "INSERT INTO sys_job VALUES (1, 'cleanup', '$2a$10$Qx7aPz1Lm3Nv5Rt8Wy0Be.Hk2Jd4Fg6Sa9Xc1Vb3Nm5Lp7Ko9Ij2q');",
        ].join('\n'),
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
    {
      name: 'the root or default account of a database, cache or broker is a service credential, not an admin login',
      files: {
        'docker-compose.yml': [
          'services:',
          '  db:',
          '    image: mysql:8',
          '    environment:',
          '      - MYSQL_ROOT_PASSWORD=root',
          '  mq:',
          '    image: rabbitmq:3-management',
          '    environment:',
          '      RABBITMQ_DEFAULT_USER: guest',
          '      RABBITMQ_DEFAULT_PASS: guest',
          '  docs:',
          '    image: mongo:7',
          '    environment:',
          '      MONGO_INITDB_ROOT_PASSWORD: ${MONGO_ROOT_PASSWORD:-root}',
          '  sql:',
          '    image: mcr.microsoft.com/mssql/server:2022-latest',
          '    environment:',
          '      SA_PASSWORD: Password1',
          '  store:',
          '    image: minio/minio',
          '    environment:',
          '      MINIO_ROOT_PASSWORD: minioadmin',
        ].join('\n'),
        '.env': 'DB_ROOT_PASSWORD=root\n',
        'app/db.py': 'import os\nROOT = os.getenv("MYSQL_ROOT_PASSWORD", "root")\n',
      },
    },
    {
      name: 'builder setters given the user\'s own password, hex values and hashes in templates',
      files: {
        'internal/accounts/signup.go': 'package accounts\n\nfunc SignUp(in Input) *auth.NewUserParams {\n\treturn (&auth.NewUserParams{}).Email(in.Email).Password(in.Password)\n}\n',
        'internal/accounts/fixtures_test.go': 'package accounts\n\nvar p = (&auth.NewUserParams{}).Email("a@b.c").Password("123456")\n',
        '.env': 'ADMIN_PASSWORD=5f1d7a84c3b2e6f09a8d7c6b5e4f3a21\n',
        'deploy/admin.env.example': 'ADMIN_PASSWORD_HASH=$2y$10$Qx7aPz1Lm3Nv5Rt8Wy0Be.Hk2Jd4Fg6Sa9Xc1Vb3Nm5Lp7Ko9Ij2\n',
      },
    },
  ],
  notApplicable: [{ name: 'only prose', files: { 'README.md': '# hi\n' } }],
});

describe('security/default-admin-password details', () => {
  it('masks the password in the excerpt and keeps it out of the message', () => {
    const result = runRule(rule, { '.env': 'ADMIN_PASSWORD=admin123\n' });
    expect(findingsOf(result)).toHaveLength(1);
    expect(result.findings[0].excerpt).toBe('ADMIN_PASSWORD=ad…');
    expect(result.findings[0].message).toBe('ADMIN_PASSWORD is set to a well-known default password');
  });

  it('masks fixed hashes, keeps a setup script under docs/ at high confidence and names the constant used', () => {
    const result = runRule(rule, {
      'docs/sql/init.sql':
        "INSERT INTO admin_users (login, password) VALUES ('ops', '$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z3ZrBr3bOGHaEexAmPLeA8aa');\n",
      'src/seed/constants.ts': "export const OPERATOR_PASSWORD = 'Kx7!rota';\n",
      'src/seed/index.ts': "import { OPERATOR_PASSWORD } from './constants';\nawait users.insert({ login: 'ops', password: await argon2.hash(OPERATOR_PASSWORD) });\n",
    });
    expect(findingsOf(result)).toEqual([
      {
        path: 'docs/sql/init.sql',
        line: 1,
        confidence: 'high',
        excerpt: "INSERT INTO admin_users (login, password) VALUES ('ops', '$2a$…');",
        message:
          'A seeded admin_users row has a fixed password hash: every installation shares one login, with a password known to whoever made the hash',
      },
      {
        path: 'src/seed/index.ts',
        line: 2,
        confidence: 'high',
        excerpt: "await users.insert({ login: 'ops', password: await argon2.hash(OPERATOR_PASSWORD) });",
        message:
          'An admin, seed or default user is created with the password in OPERATOR_PASSWORD, a constant holding a literal password (src/seed/constants.ts:1)',
      },
    ]);
  });

  it('reports a test-file superuser at low confidence', () => {
    const result = runRule(rule, {
      'tests/test_admin.py': "User.objects.create_superuser('admin', 'a@b.c', 'admin123')\n",
    });
    expect(result.status).toBe('pass');
    expect(findingsOf(result)).toEqual([expect.objectContaining({ line: 1, confidence: 'low' })]);
  });

  it('keeps the users of a seeder for tests as low-confidence notes that say why', () => {
    const result = runRule(rule, {
      'src/seeders/test.seeder.ts': "export class TestSeeder extends Seeder {\n  run(em) {\n    em.create(User, { password: 'jon@north.io' });\n  }\n}\n",
      'src/seeders/DatabaseSeeder.ts': "export class DatabaseSeeder extends Seeder {\n  run(em) {\n    em.create(User, { password: 'Kx7!rota' });\n  }\n}\n",
      'test/app.e2e-spec.ts': 'await orm.getSeeder().seed(DatabaseSeeder);\n',
    });
    expect(findingsOf(result).map(f => [f.path, f.confidence, f.message])).toEqual([
      [
        'src/seeders/DatabaseSeeder.ts',
        'low',
        'A seed user is created with a fixed password: every installation starts with the same known login (a seeder only run from tests (test/app.e2e-spec.ts): lower confidence)',
      ],
      [
        'src/seeders/test.seeder.ts',
        'low',
        'A seed user is created with a fixed password: every installation starts with the same known login (a seeder for tests: lower confidence)',
      ],
    ]);
  });

  it('keeps database accounts of a container init script as notes, and names the constant a login compares with', () => {
    const result = runRule(rule, {
      'docker-entrypoint-initdb.d/01_legacy_db.sql': "CREATE USER legacy WITH PASSWORD 'secret';\n",
      'app.py': [
        'PASSWORD = "admin"',
        'app.config.from_object(__name__)',
        'def login():',
        '    if request.form["password"] == app.config["PASSWORD"]:',
        '        session["logged_in"] = True',
      ].join('\n'),
    });
    expect(findingsOf(result).map(f => [`${f.path}:${f.line}`, f.confidence, f.message])).toEqual([
      [
        'app.py:4',
        'high',
        'The login accepts the password in app.config["PASSWORD"], a literal written in the code (app.py:1): a default credential that works on every installation',
      ],
      [
        'docker-entrypoint-initdb.d/01_legacy_db.sql:1',
        'low',
        'A database user is created with a literal password: every installation that runs this script shares a known credential for that account ' +
          '(in a script the database container runs when it initialises its own data, so a bootstrap account of that database rather than a login of the application: lower confidence)',
      ],
    ]);
  });
});
