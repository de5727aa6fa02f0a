import { SourceFile } from '../engine/snapshot';
import { ComposeFileFact } from './compose';
import { DockerfileFact } from './dockerfiles';
import { ManifestFacts, PackageJsonFact } from './manifests';
import { basename, extname, isLowConfidencePath, isTestFile, languageOf } from './paths';

/** A frontend application found in the tree. @public */
export interface FrontendApp {
  /** Directory of the app's package.json. */
  dir: string;
  framework: string;
  packageJson: PackageJsonFact;
}

/** The shared picture of what the repository is built with. @public */
export interface StackFacts {
  /** Non-test source files per language. */
  languages: Record<string, number>;
  /** Web and application frameworks detected (flask, express, spring-boot, react…). */
  frameworks: string[];
  /** Server frameworks detected: a web server exists when this is non-empty. */
  servers: string[];
  /** Where each server framework was seen, for findings that point at the server. */
  serverFiles: string[];
  frontends: FrontendApp[];
  datastores: string[];
  orms: string[];
  hasDocker: boolean;
  /** Summary tags, sorted: languages, frameworks, datastores, `docker`. */
  tags: string[];
}

/** Dependency names (lower-case) that reveal a server framework. */
const SERVER_DEPENDENCIES: Record<string, string> = {
  flask: 'flask',
  django: 'django',
  fastapi: 'fastapi',
  starlette: 'starlette',
  aiohttp: 'aiohttp',
  tornado: 'tornado',
  sanic: 'sanic',
  express: 'express',
  koa: 'koa',
  fastify: 'fastify',
  '@nestjs/core': 'nestjs',
  '@hapi/hapi': 'hapi',
  hono: 'hono',
  next: 'next',
  'spring-boot-starter-web': 'spring-boot',
  'spring-boot-starter-webflux': 'spring-boot',
  'quarkus-resteasy': 'quarkus',
  'quarkus-rest': 'quarkus',
  'micronaut-http-server-netty': 'micronaut',
  'ktor-server-core': 'ktor',
  'github.com/gin-gonic/gin': 'gin',
  'github.com/labstack/echo/v4': 'echo',
  'github.com/gofiber/fiber/v2': 'fiber',
  'github.com/go-chi/chi/v5': 'chi',
  'github.com/gorilla/mux': 'gorilla',
  rails: 'rails',
  sinatra: 'sinatra',
};

/** Source patterns that reveal a server where no manifest says so. */
const SERVER_CODE: Array<{ pattern: RegExp; name: string; languages: string[] }> = [
  { pattern: /\bfrom\s+flask\s+import\b|\bFlask\(__name__/, name: 'flask', languages: ['python'] },
  { pattern: /\bfrom\s+fastapi\s+import\b/, name: 'fastapi', languages: ['python'] },
  { pattern: /\bhttp\.ListenAndServe(TLS)?\(|&http\.Server\{/, name: 'net/http', languages: ['go'] },
  { pattern: /\b(require\(['"]express['"]\)|from\s+['"]express['"])/, name: 'express', languages: ['javascript', 'typescript'] },
  { pattern: /\bhttp\.createServer\(/, name: 'node-http', languages: ['javascript', 'typescript'] },
  { pattern: /@(RestController|Controller)\b|@SpringBootApplication\b/, name: 'spring-boot', languages: ['java', 'kotlin'] },
  { pattern: /WebApplication\.CreateBuilder\(|\bMapGet\(/, name: 'aspnet', languages: ['csharp'] },
];

const FRONTEND_DEPENDENCIES: Record<string, string> = {
  react: 'react',
  'react-dom': 'react',
  vue: 'vue',
  '@angular/core': 'angular',
  svelte: 'svelte',
  'solid-js': 'solid',
  preact: 'preact',
};

const FRONTEND_TOOLING = /\b(vite|next|react-scripts|webpack|ng |ng$|vue-cli-service|svelte-kit|parcel|rsbuild|astro|nuxt|remix|gatsby)\b/;

const DATASTORE_DEPENDENCIES: Record<string, string> = {
  pg: 'postgres',
  postgres: 'postgres',
  'psycopg2': 'postgres',
  'psycopg2-binary': 'postgres',
  psycopg: 'postgres',
  asyncpg: 'postgres',
  postgresql: 'postgres',
  'github.com/lib/pq': 'postgres',
  'github.com/jackc/pgx/v5': 'postgres',
  mysql: 'mysql',
  mysql2: 'mysql',
  pymysql: 'mysql',
  'mysql-connector-java': 'mysql',
  'mysql-connector-j': 'mysql',
  mongodb: 'mongodb',
  mongoose: 'mongodb',
  pymongo: 'mongodb',
  redis: 'redis',
  ioredis: 'redis',
  'better-sqlite3': 'sqlite',
  sqlite3: 'sqlite',
  h2: 'h2',
};

const ORM_DEPENDENCIES: Record<string, string> = {
  sqlalchemy: 'sqlalchemy',
  'flask-sqlalchemy': 'sqlalchemy',
  django: 'django-orm',
  prisma: 'prisma',
  '@prisma/client': 'prisma',
  typeorm: 'typeorm',
  sequelize: 'sequelize',
  knex: 'knex',
  '@mikro-orm/core': 'mikro-orm',
  'drizzle-orm': 'drizzle',
  mongoose: 'mongoose',
  'spring-boot-starter-data-jpa': 'jpa',
  'hibernate-core': 'jpa',
  'gorm.io/gorm': 'gorm',
  'microsoft.entityframeworkcore': 'entity-framework',
  peewee: 'peewee',
  'tortoise-orm': 'tortoise',
  sqlmodel: 'sqlalchemy',
};

const DATASTORE_IMAGES: Array<[RegExp, string]> = [
  [/(^|\/)postgres(ql)?(:|$)|postgis/, 'postgres'],
  [/(^|\/)(mysql|mariadb)(:|$)/, 'mysql'],
  [/(^|\/)mongo(db)?(:|$)/, 'mongodb'],
  [/(^|\/)redis(:|$)/, 'redis'],
];

function isFrontendApp(pkg: PackageJsonFact, files: Set<string>): string | undefined {
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  let framework: string | undefined;
  for (const [dep, name] of Object.entries(FRONTEND_DEPENDENCIES)) {
    if (dep in deps) {
      framework = name;
      break;
    }
  }
  if (!framework) return undefined;
  const scripts = Object.values(pkg.scripts).join('\n');
  const prefix = pkg.dir ? `${pkg.dir}/` : '';
  const hasHtml =
    files.has(`${prefix}index.html`) ||
    files.has(`${prefix}public/index.html`) ||
    files.has(`${prefix}src/index.html`);
  const hasTooling = FRONTEND_TOOLING.test(scripts) || 'next' in deps || 'vite' in deps || 'react-scripts' in deps;
  return hasHtml || hasTooling ? framework : undefined;
}

export function collectStack(
  files: SourceFile[],
  manifests: ManifestFacts,
  dockerfiles: DockerfileFact[],
  compose: ComposeFileFact[],
): StackFacts {
  const languages: Record<string, number> = {};
  const frameworks = new Set<string>();
  const servers = new Set<string>();
  const serverFiles = new Set<string>();
  const datastores = new Set<string>();
  const orms = new Set<string>();
  const deps = manifests.allDependencies;

  for (const [dep, name] of Object.entries(SERVER_DEPENDENCIES)) {
    if (deps.has(dep)) {
      frameworks.add(name);
      servers.add(name);
    }
  }
  for (const [dep, name] of Object.entries(DATASTORE_DEPENDENCIES)) {
    if (deps.has(dep)) datastores.add(name);
  }
  for (const [dep, name] of Object.entries(ORM_DEPENDENCIES)) {
    if (deps.has(dep)) orms.add(name);
  }

  for (const file of files) {
    const language = languageOf(file.path);
    if (extname(file.path) === '.sql' && !isLowConfidencePath(file.path)) datastores.add('sql');
    if (!language) continue;
    const test = isTestFile(file.path);
    if (!test) languages[language] = (languages[language] ?? 0) + 1;
    if (test) continue;
    for (const signal of SERVER_CODE) {
      if (signal.languages.includes(language) && signal.pattern.test(file.text)) {
        servers.add(signal.name);
        frameworks.add(signal.name);
        serverFiles.add(file.path);
      }
    }
    if (language === 'python' && basename(file.path) === 'models.py' && /models\.Model\b/.test(file.text)) {
      orms.add('django-orm');
    }
  }

  const paths = new Set(files.map(f => f.path));
  const frontends: FrontendApp[] = [];
  for (const pkg of manifests.packageJsons) {
    const framework = isFrontendApp(pkg, paths);
    if (framework) {
      frontends.push({ dir: pkg.dir, framework, packageJson: pkg });
      frameworks.add(framework);
    }
  }

  for (const file of compose) {
    for (const service of file.services) {
      for (const [pattern, name] of DATASTORE_IMAGES) {
        if (service.image && pattern.test(service.image)) datastores.add(name);
      }
    }
  }

  const tags = new Set<string>([
    ...Object.keys(languages),
    ...frameworks,
    ...datastores,
  ]);
  const hasDocker = dockerfiles.length > 0 || compose.length > 0;
  if (hasDocker) tags.add('docker');
  return {
    languages,
    frameworks: [...frameworks].sort(),
    servers: [...servers].sort(),
    serverFiles: [...serverFiles].sort(),
    frontends,
    datastores: [...datastores].sort(),
    orms: [...orms].sort(),
    hasDocker,
    tags: [...tags].sort(),
  };
}
