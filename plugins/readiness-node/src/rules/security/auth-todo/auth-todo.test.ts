import { describeRule, runRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'an authorize stub in a payment module that is access control all the same (its folder is about permissions)',
      files: {
        'src/main/java/com/acme/payment/permissions/PaymentAccess.java': [
          'public class PaymentAccess {',
          '    public boolean authorize(User user, Payment payment) {',
          '        // TODO check that the user owns the payment',
          '        return true;',
          '    }',
          '}',
        ].join('\n'),
      },
      findings: ['src/main/java/com/acme/payment/permissions/PaymentAccess.java:2', 'src/main/java/com/acme/payment/permissions/PaymentAccess.java:3'],
    },
    {
      name: 'a TODO asking to persist what an authorization server keeps in memory',
      files: {
        'auth-service/src/main/java/com/acme/auth/config/OAuth2AuthorizationConfig.java': [
          'public class OAuth2AuthorizationConfig extends AuthorizationServerConfigurerAdapter {',
          '    @Override',
          '    public void configure(ClientDetailsServiceConfigurer clients) throws Exception {',
          '        // TODO persist clients details',
          '        clients.inMemory().withClient("browser");',
          '    }',
          '}',
        ].join('\n'),
      },
      findings: ['auth-service/src/main/java/com/acme/auth/config/OAuth2AuthorizationConfig.java:4'],
    },
    {
      name: 'a permission class that lets everyone in under a name that promises a check',
      files: { 'app/core/dependencies/permission.py': 'class BasePermission:\n    async def has_permission(self, request) -> bool:\n        raise NotImplementedError\n\n\nclass IsAdmin(BasePermission):\n    async def has_permission(self, request) -> bool:\n        return True\n' },
      findings: ['app/core/dependencies/permission.py:7'],
    },
    {
      name: 'TODOs outside auth code that ask for auth work',
      files: {
        'api/users.py': '# TODO: When JWT is resolved, add an authenticated version\ndef list_users():\n    return User.objects.all()\n',
        'server/routes/reports.ts': 'export async function exportAll(ctx) {\n  // FIXME: no permission check yet, anyone can export\n  return build(ctx);\n}\n',
      },
      findings: ['api/users.py:1', 'server/routes/reports.ts:2'],
    },
    {
      name: 'an empty decision beside an attribute class constructor (only the decision is a stub)',
      files: {
        'src/Web/Filters/AuthorizeRoleAttribute.cs': [
          'public class AuthorizeRoleAttribute : Attribute, IAuthorizationFilter',
          '{',
          '    public AuthorizeRoleAttribute() { }',
          '',
          '    public void OnAuthorization(AuthorizationFilterContext context) { }',
          '}',
        ].join('\n'),
        'src/main/java/com/acme/Access.java':
          'public class Access {\n  public Access() {}\n  public void checkPermission(User user, String perm) {}\n}\n',
        'app/permissions.py': 'def validate_token(token):\n    pass\n',
      },
      findings: ['app/permissions.py:1', 'src/main/java/com/acme/Access.java:3', 'src/Web/Filters/AuthorizeRoleAttribute.cs:5'],
    },
    {
      name: 'a TODO in an auth module',
      files: {
        'app/auth.py': [
          'import jwt',
          '',
          'def decode_token(token):',
          '    # TODO: verify the signature once keys are rotated',
          '    return jwt.decode(token, options={"verify_signature": False})',
        ].join('\n'),
      },
      findings: ['app/auth.py:4'],
    },
    {
      name: 'FIXME and XXX in files under an auth folder and in a permissions file',
      files: {
        'src/auth/session.ts': 'export function load(req) {\n  // FIXME: accept expired sessions for now\n  return req.session;\n}\n',
        'api/permissions.py': 'class IsOwner(BasePermission):\n    def has_object_permission(self, request, view, obj):\n        return obj.owner == request.user  # XXX staff too?\n',
      },
      findings: ['api/permissions.py:3', 'src/auth/session.ts:2'],
    },
    {
      name: 'a TODO inside an auth-named function of an ordinary file',
      files: {
        'server/routes.js': [
          "const express = require('express');",
          'function requireAdmin(req, res, next) {',
          '  // TODO check the role claim',
          '  if (!req.user) return res.sendStatus(401);',
          '  next();',
          '}',
          '// TODO: paginate',
          'function list(req, res) { res.json([]); }',
        ].join('\n'),
      },
      findings: ['server/routes.js:3'],
    },
    {
      name: 'a TODO about missing authorization anywhere in server code',
      files: {
        'app/views.py': 'def delete_order(request, order_id):\n    # TODO: add permission check before deleting\n    Order.objects.filter(id=order_id).delete()\n',
      },
      findings: ['app/views.py:2'],
    },
    {
      name: 'Python stubs: pass and return True',
      files: {
        'app/security.py': 'def verify_password(plain, hashed):\n    pass\n',
        'api/perms.py': 'class CanEdit(BasePermission):\n    def has_permission(self, request, view):\n        """Allow editors."""\n        return True\n',
      },
      findings: ['api/perms.py:2', 'app/security.py:1'],
    },
    {
      name: 'JavaScript and TypeScript stubs: empty bodies, return true, passthrough middleware',
      files: {
        'src/middleware/requireAuth.js': 'module.exports = function requireAuth(req, res, next) {\n  next();\n};\n',
        'src/guards/roles.guard.ts': [
          '@Injectable()',
          'export class RolesGuard implements CanActivate {',
          '  canActivate(context: ExecutionContext): boolean {',
          '    return true;',
          '  }',
          '}',
        ].join('\n'),
        'src/lib/checks.ts': 'export const isAdmin = (user: User) => true;\nexport function authorize(req: Request) {}\n',
      },
      findings: ['src/guards/roles.guard.ts:3', 'src/lib/checks.ts:1', 'src/lib/checks.ts:2', 'src/middleware/requireAuth.js:1'],
    },
    {
      name: 'Go and Java stubs',
      files: {
        'internal/auth/middleware.go': 'package auth\n\nfunc RequireAuth(next http.Handler) http.Handler {\n\treturn next\n}\n',
        'src/main/java/com/acme/PermissionEvaluatorImpl.java': [
          'public class PermissionEvaluatorImpl implements PermissionEvaluator {',
          '  @Override',
          '  public boolean hasPermission(Authentication auth, Object target, Object permission) {',
          '    return true;',
          '  }',
          '}',
        ].join('\n'),
      },
      findings: ['internal/auth/middleware.go:3', 'src/main/java/com/acme/PermissionEvaluatorImpl.java:3'],
    },
    {
      name: 'TODOs in the setup of a token issuer and of an OAuth security scheme, in files named for something else',
      files: {
        'src/Accounts.Server/Program.cs': [
          'var builder = WebApplication.CreateBuilder(args);',
          'builder.Services.AddIdentityServer(options =>',
          '{',
          '    // TODO: turn key rotation back on for production',
          '    options.KeyManagement.Enabled = false;',
          '})',
          '.AddInMemoryClients(Clients.All)',
          '// TODO: keep the key material in a vault, not on disk',
          '.AddDeveloperSigningCredential();',
          '// TODO: should cache the catalog',
          'builder.Services.AddMemoryCache();',
        ].join('\n'),
        'src/Shared/ApiDocs.cs': [
          'internal sealed class SchemeTransformer',
          '{',
          '    public void Apply(OpenApiDocument document)',
          '    {',
          '        var scheme = new OpenApiSecurityScheme',
          '        {',
          '            Flows = new OpenApiOAuthFlows()',
          '            {',
          '                // TODO: switch to the code flow with PKCE',
          '                Implicit = new OpenApiOAuthFlow() { AuthorizationUrl = new Uri(url) },',
          '            },',
          '        };',
          '    }',
          '}',
        ].join('\n'),
        'server/app.module.ts': [
          '@Module({',
          '  imports: [',
          '    JwtModule.register({',
          '      // TODO: shorter expiry before production',
          "      signOptions: { expiresIn: '30d' },",
          '    }),',
          '  ],',
          '})',
          'export class AppModule {}',
        ].join('\n'),
        'app/main.py': '# TODO: require https redirect URIs in production\noauth.register(name="github", client_id=ID)\n',
      },
      findings: ['app/main.py:1', 'server/app.module.ts:4', 'src/Accounts.Server/Program.cs:4', 'src/Accounts.Server/Program.cs:8', 'src/Shared/ApiDocs.cs:9'],
    },
    {
      name: 'a TODO inside a logout handler',
      files: {
        'internal/handlers/session.go': [
          'package handlers',
          '',
          'func (h *Handler) HandleLogout(w http.ResponseWriter, r *http.Request) {',
          '\t// TODO: who clears the session cookie, this handler or the middleware?',
          '\tr.AddCookie(&http.Cookie{Name: "session", Value: ""})',
          '}',
        ].join('\n'),
        'web/src/auth.js': 'export async function signOut() {\n  // FIXME keep the refresh token revoked server-side\n  await api.post("/session/end");\n}\n',
      },
      findings: ['internal/handlers/session.go:4', 'web/src/auth.js:2'],
    },
    {
      name: 'a page or component whose TODO says it has no authentication yet',
      files: {
        'app/manage/page.tsx': [
          "import { listSites } from '@/lib/sites';",
          'export default async function ManagePage() {',
          '  // TODO: add authentication here before anyone can delete sites',
          '  const sites = await listSites();',
          '  return <SiteTable sites={sites} />;',
          '}',
        ].join('\n'),
        'src/views/Settings.vue': '<template>\n  <!-- TODO: require auth before showing this page -->\n  <SettingsForm />\n</template>\n',
      },
      findings: ['app/manage/page.tsx:3', 'src/views/Settings.vue:2'],
    },
    {
      name: 'an empty check written by hand under a name that promises one',
      files: { 'internal/auth/server.go': 'package auth\n\ntype Server struct{}\n\nfunc (Server) mustEmbedUnimplementedAuthServer() {}\n' },
      findings: ['internal/auth/server.go:5'],
    },
    {
      name: 'a C# permission check that returns true in release builds, ahead of the real check',
      files: {
        'src/Api/Authorization/PermissionHandler.cs': [
          'internal class PermissionHandler',
          '{',
          '    private Task<bool> AuthorizeAsync(string permission, List<string> granted)',
          '    {',
          '#if !DEBUG',
          '        return Task.FromResult(true);',
          '#endif',
          '        return Task.FromResult(granted.Contains(permission));',
          '    }',
          '',
          '    private bool HasPermission(string permission, List<string> granted)',
          '    {',
          '#if DEBUG',
          '        return granted.Contains(permission);',
          '#else',
          '        return true;',
          '#endif',
          '    }',
          '}',
        ].join('\n'),
      },
      findings: ['src/Api/Authorization/PermissionHandler.cs:3', 'src/Api/Authorization/PermissionHandler.cs:11'],
    },
  ],
  passes: [
    {
      name: 'payment authorizations: holding funds on a card is no access control',
      files: {
        'core/src/main/java/com/acme/modules/payment/impl/GatewayPayment.java': [
          'public class GatewayPayment implements PaymentModule {',
          '    @Override',
          '    public Transaction authorize(Store store, Customer customer, BigDecimal amount) {',
          '        // TODO change description',
          '        return client.authorize(amount);',
          '    }',
          '',
          '    @Override',
          '    public Transaction authorizeAndCapture(Store store, Customer customer, BigDecimal amount) {',
          '        // TODO Auto-generated method stub',
          '        return null;',
          '    }',
          '}',
        ].join('\n'),
        'billing/charges.ts': 'export async function authorizeCharge(card, amount) {\n  // TODO retry on gateway timeouts\n  return gateway.hold(card, amount);\n}\n',
        'src/auth/verifyToken.ts': 'export function verifyToken(token: string) {\n  return jwt.verify(token, key);\n}\n',
      },
    },
    {
      name: 'generated gRPC code (a generator notice, a .pb.go name), and a Go handler whose result list holds interface{}',
      files: {
        'app/grpcauth/auth_grpc.pb.go':
          '// Code generated by protoc-gen-go-grpc. DO NOT EDIT.\npackage grpcauth\n\ntype UnimplementedAuthServer struct{}\n\nfunc (UnimplementedAuthServer) mustEmbedUnimplementedAuthServer() {}\n',
        'internal/auth/handlers.go':
          'package auth\n\nfunc AuthorizeHandler(srv interface{}, ctx context.Context, dec func(interface{}) error) (interface{}, error) {\n\tin := new(Request)\n\tif err := dec(in); err != nil {\n\t\treturn nil, err\n\t}\n\treturn srv.(Server).Authorize(ctx, in)\n}\n',
      },
    },
    {
      name: 'refactoring notes in auth code',
      files: {
        'src/services/auth.ts': [
          'export default class AuthService {',
          '  public async SignUp(input: UserInput) {',
          '    const record = await this.users.create(input);',
          '    /**',
          '     * @TODO This is not the cleanest way to shape the result',
          '     * a mapper layer should turn records into responses',
          '     */',
          '    const user = { ...record, password: undefined };',
          '    return { user, token: this.generateToken(user) };',
          '  }',
          '}',
        ].join('\n'),
        'app/auth.py': 'def login(request):\n    # TODO: extract this into a DTO helper\n    return issue_token(request.user)\n',
      },
    },
    {
      name: 'TODOs beside auth setup that ask for nothing, and TODOs in a program file away from auth setup',
      files: {
        'src/Api/Program.cs': [
          'var builder = WebApplication.CreateBuilder(args);',
          '// TODO: group these registrations',
          'builder.Services.AddAuthentication().AddJwtBearer();',
          '// TODO: should cache the catalog',
          'builder.Services.AddMemoryCache();',
        ].join('\n'),
        'src/Api/Auth/TokenService.cs': 'public class TokenService\n{\n    public string Issue(User user) => handler.WriteToken(Describe(user));\n}\n',
        'tests/Identity.Tests/ServerTests.cs': 'builder.Services.AddIdentityServer(o =>\n{\n    // TODO: not for production\n    o.KeyManagement.Enabled = false;\n});\n',
        'node_modules/some-auth/index.js': 'passport.use(new Strategy(function (u, p, done) {\n  // TODO: no password check yet\n  done(null, u);\n}));\n',
      },
    },
    {
      name: 'UI components whose TODOs are about how a login form looks',
      files: {
        'web/src/LoginForm.tsx': '// TODO: add auth error toast\n// TODO: add login button\nexport function LoginForm() { return null; }\n',
        'app/auth.py': 'def login(user):\n    return issue_token(user)\n',
      },
    },
    {
      name: 'a permission class named for letting everyone in grants access by design',
      files: { 'app/core/dependencies/permission.py': 'class BasePermission:\n    async def has_permission(self, request) -> bool:\n        raise NotImplementedError\n\n\nclass AllowAll(BasePermission):\n    async def has_permission(self, request) -> bool:\n        return True\n' },
    },
    {
      name: 'a note about how an auth model file is organised, outside any auth function',
      files: {
        'server/models/AuthenticationProvider.ts':
          '// TODO: Avoid this hardcoding of plugins\nimport google from "../plugins/google";\nimport slack from "../plugins/slack";\n\nexport default class AuthenticationProvider {\n  name: string;\n}\n',
      },
    },
    {
      name: 'a TODO in a route handler whose middleware list calls auth(), and a TODO that only mentions permissions',
      files: {
        'server/routes/api/groups.ts': [
          'router.post(',
          '  "groups.list",',
          '  auth(),',
          '  pagination(),',
          '  async (ctx) => {',
          '    // TODO: Deprecated, will be removed in the next major version',
          '    ctx.body = { data: await list(ctx) };',
          '  }',
          ');',
        ].join('\n'),
        'server/processors/ImportProcessor.ts':
          'export async function run(page) {\n  // TODO: this update can be deleted once the page info and its permission arrive together\n  await update(page);\n}\n',
        'server/middlewares/authentication.ts':
          'export default function auth() {\n  return async (ctx, next) => {\n    if (!ctx.state.user) ctx.throw(401);\n    await next();\n  };\n}\n',
      },
    },
    {
      name: 'empty constructors: a marker attribute, DTOs, a TypeScript service',
      files: {
        'src/Application/Common/Security/RequireRoleAttribute.cs': [
          'namespace Acme.Application.Security;',
          '',
          '[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]',
          'public sealed class AuthorizeRoleAttribute : Attribute',
          '{',
          '    public AuthorizeRoleAttribute() { }',
          '',
          '    public string Roles { get; set; } = string.Empty;',
          '}',
        ].join('\n'),
        'src/Auth/Dtos.cs': [
          'namespace Acme.Auth',
          '{',
          '    public partial record LoginRequest',
          '    {',
          '        public LoginRequest()',
          '        {',
          '        }',
          '    }',
          '}',
        ].join('\n'),
        'src/main/java/com/acme/auth/AuthPermissionDto.java':
          'public class AuthPermissionDto {\n  private String role;\n  public AuthPermissionDto() {}\n}\n',
        'src/auth/session.ts': 'export class AuthSession {\n  constructor() {}\n}\n',
      },
    },
    {
      name: 'empty bodies of auth functions that decide nothing (hooks, setters)',
      files: {
        'src/auth/events.ts': 'export function onAuthStateChanged(user: User) {}\nexport function setRoles(roles: string[]) {}\n',
        'app/permissions.py': 'class Roles:\n    def load_roles(self):\n        pass\n',
      },
    },
    {
      name: 'a C# bypass only in debug builds, a release block that denies, and a release block that logs before the check',
      files: {
        'src/Api/Authorization/PermissionHandler.cs': [
          'internal class PermissionHandler',
          '{',
          '    private Task<bool> AuthorizeAsync(string permission, List<string> granted)',
          '    {',
          '#if DEBUG',
          '        return Task.FromResult(true);',
          '#endif',
          '        return Task.FromResult(granted.Contains(permission));',
          '    }',
          '    private bool HasPermission(string permission, List<string> granted)',
          '    {',
          '#if !DEBUG',
          '        return false;',
          '#endif',
          '        return granted.Contains(permission);',
          '    }',
          '    private bool CanEdit(string permission, List<string> granted)',
          '    {',
          '#if RELEASE',
          '        _log.Info(permission);',
          '#endif',
          '        return granted.Contains(permission);',
          '    }',
          '}',
        ].join('\n'),
      },
    },
    {
      name: 'finished auth code',
      files: {
        'app/auth.py': 'import jwt\n\ndef decode_token(token, key):\n    """Decode and verify."""\n    return jwt.decode(token, key, algorithms=["HS256"])\n',
        'src/middleware/requireAuth.js': "module.exports = function requireAuth(req, res, next) {\n  if (!req.user) return res.status(401).end();\n  next();\n};\n",
      },
    },
    {
      name: 'TODOs in code that is not about auth',
      files: {
        'app/reports.py': '# TODO: cache this\ndef monthly(): return []\n',
        'src/orders.ts': '// FIXME: rounding\nexport const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);\nexport function authorName() { return "x"; }\n',
        'src/middleware/logging.js': '// TODO: structured logs\nmodule.exports = (req, res, next) => { console.log(req.url); next(); };\n',
        'src/auth.ts': 'export const verify = (t: string) => jwt.verify(t, key);\n',
      },
    },
    {
      name: 'abstract and interface declarations are not stubs',
      files: {
        'app/auth/base.py': 'from abc import ABC, abstractmethod\nclass Backend(ABC):\n    @abstractmethod\n    def authenticate(self, request):\n        ...\n',
        'src/auth/types.ts': 'export interface Guard {\n  canActivate(ctx: Context): boolean;\n}\nexport abstract class Base {\n  abstract authorize(req: Request): Promise<boolean>;\n}\n',
        'src/auth/service.ts': 'export class AuthService {\n  constructor(private readonly users: Users) {}\n}\n',
      },
    },
    {
      name: 'secure defaults, base-class hooks and deliberate no-op classes',
      files: {
        'oauth/validator.py': [
          'class RequestValidator:',
          '    def client_authentication_required(self, request):',
          '        return True',
          '',
          '    def authorize_session(self, client):',
          '        """Subclasses override this to sign the session."""',
          '        pass',
          '',
          '    def is_token_expired(self, token):',
          '        return True',
        ].join('\n'),
        'src/auth/guards.ts': 'export class MockAuthGuard {\n  canActivate() {\n    return true;\n  }\n}\nexport class BaseAuthorizer {\n  authorize(req: Request) {}\n}\n',
      },
    },
    {
      name: 'comments that mention the markers mid-sentence',
      files: {
        'src/auth/scan.ts': '/** Counts TODO and FIXME markers in a file. */\nexport const count = (s: string) => s.split("TODO").length - 1;\n// a TODO, once resolved, is removed\n',
      },
    },
    {
      name: 'strings and identifiers that only contain the markers',
      files: {
        'src/auth/login.ts': "const TODO_KEY = 'todos';\nexport const label = 'TODO list login';\nexport function login(u: string) { return api.post('/login', { u }); }\n",
      },
    },
    {
      name: 'tests, UI components and docs',
      files: {
        'tests/test_auth.py': '# TODO: more cases\ndef test_login():\n    pass\n',
        'web/src/Login.tsx': '// TODO: style the login form\nexport function Login() { return null; }\n',
        'docs/auth.md': 'TODO: document the login flow\n',
        'app/auth.py': 'def login(user):\n    return issue_token(user)\n',
      },
    },
    {
      name: 'an example app only leaves a low-confidence note',
      files: {
        'examples/basic/auth.py': '# TODO: real auth\ndef login(user):\n    return True\n',
        'app/auth.py': 'def login(user):\n    return issue_token(user)\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'no auth code at all',
      files: { 'src/math.ts': '// TODO: more functions\nexport const add = (a: number, b: number) => a + b;\n' },
    },
  ],
});

describe('security/auth-todo details', () => {
  it('quotes the TODO and says where it is', () => {
    const result = runRule(rule, { 'app/auth.py': 'def f():\n    # TODO: verify signature\n    return 1\n' });
    expect(result.findings).toEqual([
      expect.objectContaining({
        path: 'app/auth.py',
        line: 2,
        excerpt: '# TODO: verify signature',
        message: 'Unfinished work in authentication/authorization code: "TODO: verify signature"',
        confidence: 'high',
      }),
    ]);
  });
});
