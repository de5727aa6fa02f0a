import { buildFacts } from './index';
import { snapshotFromFiles } from '../snapshot';
import { healthOf, serverUnitOfImage } from './health';
import { serverUnits } from './services';

/** The health of the only server unit of a fixture repository. */
function healthOfOnly(files: Record<string, string>) {
  const facts = buildFacts(snapshotFromFiles(files));
  const units = serverUnits(facts);
  expect(units).toHaveLength(1);
  return healthOf(facts, units[0]);
}

const flask = (code: string) => ({
  'requirements.txt': 'flask==3.0.3\n',
  'app.py': `from flask import Flask\napp = Flask(__name__)\n${code}\n`,
});
const express = (code: string, deps: Record<string, string> = {}) => ({
  'package.json': JSON.stringify({ dependencies: { express: '^4.19.0', ...deps } }),
  'src/server.js': `const express = require('express');\nconst app = express();\n${code}\napp.listen(3000);\n`,
});
const spring = (extra: Record<string, string> = {}) => ({
  'pom.xml':
    '<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency>' +
    '<dependency><artifactId>spring-boot-starter-actuator</artifactId></dependency></dependencies></project>',
  'src/main/java/com/example/App.java': '@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n',
  ...extra,
});

describe('healthOf', () => {
  it.each([
    ['a Flask route', flask('@app.get("/healthz")\ndef health():\n    return "ok"'), '/healthz'],
    ['a versioned Express route', express("app.get('/api/v1/health', (req, res) => res.send('ok'));"), '/api/v1/health'],
    ['a Django path() without its slash', { 'requirements.txt': 'django==5.0\n', 'manage.py': 'import django\n', 'urls.py': "urlpatterns = [path('health/', views.health)]\n" }, '/health/'],
    [
      'ASP.NET Core MapHealthChecks',
      {
        'Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
        'Api/Program.cs': 'var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.MapHealthChecks("/healthz");\napp.Run();\n',
      },
      '/healthz',
    ],
    ['Spring Boot Actuator', spring(), '/actuator/health'],
    ['a root route whose handler is named health', flask('@app.get("/")\ndef health():\n    return "ok"'), '/'],
    ['a handler named healthCheck registered on a path', express("app.get('/status-page', healthCheck);"), '/status-page'],
  ])('finds %s and its route', (_, files, route) => {
    expect(healthOfOnly(files)).toEqual(expect.objectContaining({ found: expect.any(String), route }));
  });

  it('names no route when Actuator is moved to another port or path', () => {
    const health = healthOfOnly(spring({ 'src/main/resources/application.properties': 'management.server.port=9090\n' }));
    expect(health.found).toBe('dependency spring-boot-starter-actuator');
    expect(health.route).toBeUndefined();
  });

  it('names no route for a gRPC health service, but counts it', () => {
    const health = healthOfOnly(express("const { HealthImplementation } = require('grpc-health-check');"));
    expect(health.found).toBeDefined();
    expect(health.route).toBeUndefined();
  });

  it('keeps a route mapped only in development out of the route', () => {
    const health = healthOfOnly(express("if (process.env.NODE_ENV !== 'production') {\n  app.get('/health', (req, res) => res.send('ok'));\n}"));
    expect(health).toEqual({ developmentOnly: expect.objectContaining({ path: 'src/server.js' }) });
  });

  it("takes a file-routed app's health route from its path", () => {
    const health = healthOfOnly({
      'package.json': JSON.stringify({ name: 'web', scripts: { build: 'next build' }, dependencies: { next: '14.2.0', react: '18.3.0' } }),
      'app/page.tsx': 'export default function Page() { return <main />; }\n',
      'app/api/posts/route.ts': 'export async function GET() { return Response.json([]); }\n',
      'app/api/health/route.ts': "export async function GET() { return new Response('ok'); }\n",
    });
    expect(health).toEqual({ found: 'app/api/health/route.ts', route: '/api/health' });
  });
});

describe('serverUnitOfImage', () => {
  it('picks the server the Dockerfile sits in, and none when a build context holds two', () => {
    const facts = buildFacts(
      snapshotFromFiles({
        ...Object.fromEntries(Object.entries(flask('')).map(([k, v]) => [`api/${k}`, v])),
        ...Object.fromEntries(Object.entries(express('')).map(([k, v]) => [`web/${k}`, v])),
        'api/Dockerfile': 'FROM python:3.12\n',
        'Dockerfile': 'FROM node:22\n',
      }),
    );
    expect(serverUnitOfImage(facts, 'api/Dockerfile', 'api')?.dir).toBe('api');
    expect(serverUnitOfImage(facts, 'Dockerfile', '')).toBeUndefined();
  });
});
