import { SourceFile } from '../../snapshot';
import { basename, dirname, Facts, isLowConfidencePath, isTestFile, languageOf, outsideJvmPackages } from '../../facts';
import { memo } from '../../facts/memo';
import { isGeneratedOrMinified } from '../../facts/generated';
import { isUnder, ProjectFact, projectsOf } from '../../facts/projects';
import { DOCS_SEGMENT, EXAMPLES_SEGMENT } from '../../facts/paths';
import { syntaxTree } from '../../facts/syntax';

/** Language groups whose test conventions are shared. */
export type LanguageGroup =
  | 'python'
  | 'javascript'
  | 'jvm'
  | 'go'
  | 'dotnet'
  | 'ruby'
  | 'php'
  | 'rust'
  | 'swift'
  | 'elixir'
  | 'c';

const GROUP_OF_LANGUAGE: Record<string, LanguageGroup> = {
  python: 'python',
  javascript: 'javascript',
  typescript: 'javascript',
  java: 'jvm',
  kotlin: 'jvm',
  scala: 'jvm',
  go: 'go',
  csharp: 'dotnet',
  fsharp: 'dotnet',
  ruby: 'ruby',
  php: 'php',
  rust: 'rust',
  swift: 'swift',
  elixir: 'elixir',
  c: 'c',
  cpp: 'c',
};

export const GROUP_LABELS: Record<LanguageGroup, string> = {
  python: 'Python',
  javascript: 'JavaScript/TypeScript',
  jvm: 'Java/Kotlin',
  go: 'Go',
  dotnet: '.NET',
  ruby: 'Ruby',
  php: 'PHP',
  rust: 'Rust',
  swift: 'Swift',
  elixir: 'Elixir',
  c: 'C/C++',
};

/** How tests are recognised, per language group, for messages. */
export const TEST_CONVENTIONS: Record<LanguageGroup, string> = {
  python: '`test_*.py`, `*_test.py` or a `tests/` folder',
  javascript: '`*.test.ts`, `*.spec.js`, `__tests__/` or a `test/` folder',
  jvm: '`src/test/java` or `src/test/kotlin` with `*Test` classes',
  go: '`*_test.go` files next to the code',
  dotnet: 'a `*.Tests` project with `*Tests.cs` classes',
  ruby: '`spec/` or `test/` with `*_spec.rb` / `*_test.rb`',
  php: '`tests/` with `*Test.php` classes',
  rust: '`#[cfg(test)]` modules or a `tests/` folder',
  swift: 'a `Tests/` target',
  elixir: '`test/` with `*_test.exs`',
  c: 'a `test/` folder',
};

export function languageGroupOf(path: string): LanguageGroup | undefined {
  const language = languageOf(path);
  return language ? GROUP_OF_LANGUAGE[language] : undefined;
}

/** Generated code: protobuf stubs, designer files, minified bundles, migrations. */
const GENERATED =
  /(_pb2(_grpc)?\.py|\.pb\.go|\.pb\.gw\.go|\.gen\.go|(^|\/)zz_generated[^/]*\.go|\.generated\.[\w]+|\.g\.cs|\.Designer\.cs|\.min\.js|(^|\/)generated\/.+)$/i;
const MIGRATIONS = /(^|\/)(migrations?|alembic|Migrations|db\/migrate)\//;
/** Tooling and configuration code that is rarely unit tested. */
const TOOLING_DIR = /(^|\/)(scripts?|tools|hack|bin|\.github|\.husky|\.circleci|\.storybook|\.vscode|seeds?|seeders|remix\.init|cmd\/(?:migrate|migrations?|seed|seeder)[\w-]*)\//;
/** One-shot jobs beside the product: database seed scripts and migration runners. */
const SEED_FILE = /^(?:seed(?:er|s|[-_.]\w+)?|migrate|migrator|run[-_]?migrations?)\.[cm]?[jt]s$|^(?:seed(?:er|s|_\w+)?|migrate)\.py$/i;
/** Projects that only start the system locally: .NET Aspire app hosts. */
const APP_HOST_PACKAGES = /^aspire\.hosting\.apphost$/i;
const TOOLING_FILE =
  /^([\w.-]+\.config\.[cm]?[jt]s|\.[\w.-]*rc\.[cm]?js|(setup|manage|wsgi|asgi|noxfile|fabfile|gulpfile|Gruntfile|karma\.conf|protractor\.conf|gunicorn\.conf|gunicorn_conf|settings|conf|celery|celeryconfig|locustfile)\.(py|js|ts)|[\w.-]+\.stories\.[jt]sx?|vite-env\.d\.ts)$/;
/** Test data folders: nothing in them is a test. */
const FIXTURE_DIR = /(^|\/)(fixtures?|__fixtures__|__mocks__|mocks?|testdata|test-data|__snapshots__)\//;
/** Examples and docs: their tests do not test the product. */
const EXAMPLE_DIR = new RegExp(String.raw`(^|/)(${EXAMPLES_SEGMENT}|${DOCS_SEGMENT})/`, 'i');
/** Test support folders: only files named like tests are tests there. */
const TEST_SUPPORT_DIR = /(^|\/)(helpers?|utils?|support|setup)\//;
/** File names that say "test" whatever the folder. */
const NAMED_TEST =
  /^(test_.+\.py|tests?\.py|.+_test\.\w+|.+\.(test|spec|cy|e2e-spec)\.[cm]?[jt]sx?|.+(Test|Tests|IT|Spec)\.\w+|.+_spec\.rb)$/;
const TEST_SUPPORT_FILE =
  /^(conftest\.py|__init__\.py|setupTests\.[jt]sx?|jest\.setup\.[jt]sx?|vitest\.setup\.[jt]sx?|spec_helper\.rb|test_helper\.rb|rails_helper\.rb|test-utils\.[jt]sx?|testUtils\.[jt]sx?|global-setup\.[jt]s|globalSetup\.[jt]s|AssemblyInfo\.cs|GlobalUsings\.cs|Usings\.cs)$/;

const TEST_SDK_PACKAGES = /^(microsoft\.net\.test\.sdk|xunit|xunit\.v3|nunit|mstest\.testframework|mstest)$/i;

/** Whether a line is only an obvious comment or docstring quote. */
const COMMENT_LINE = /^(#|\/\/|\/\*|\*|"""|\'\'\')/;

/** Lines that look like code (not blank, not an obvious comment), counted up to 2. */
/** Lines that only bring names into scope: a file of them and comments holds no test. */
const DECLARATION_LINE =
  /^(?:import\b|from\s+[\w.]+\s+import\b|package\s|using\s[\w.=\s]+;$|namespace\s[\w.]+;$|(?:const|let|var)\s+[\w{}\s,]+=\s*require\(|require\(|['"]use strict['"];?$)/;

function significantLines(file: SourceFile, skipDeclarations = false): number {
  const text = file.text;
  let count = 0;
  let from = 0;
  while (from <= text.length && count < 2) {
    let to = text.indexOf('\n', from);
    if (to === -1) to = text.length;
    const line = text.slice(from, to).trim();
    if (line && !COMMENT_LINE.test(line) && !(skipDeclarations && DECLARATION_LINE.test(line))) count += 1;
    from = to + 1;
  }
  return count;
}

/** Code files split into production sources and tests, as the testing rules count them. */
export interface CodeInventory {
  /** Production source files: code outside tests, docs, examples, fixtures, generated code and tooling. */
  sources: SourceFile[];
  /** Test files (and Rust sources that carry their own test module). */
  tests: SourceFile[];
  /** Every code file outside vendored trees, including examples and tooling. */
  codeFiles: number;
  projects: ProjectFact[];
}

/** Whether a test file is support code (fixtures, helpers, conftest) rather than a test. */
export function isTestSupport(path: string): boolean {
  const folders = outsideJvmPackages(path);
  if (FIXTURE_DIR.test(folders) || EXAMPLE_DIR.test(folders)) return true;
  const name = basename(path);
  if (NAMED_TEST.test(name)) return false;
  return TEST_SUPPORT_DIR.test(path) || TEST_SUPPORT_FILE.test(name);
}

/** Splits the repository's code into sources and tests. Cached per facts. */
export function codeInventory(facts: Facts): CodeInventory {
  return memo(facts, 'testing.codeInventory', () => buildInventory(facts));
}

function buildInventory(facts: Facts): CodeInventory {
  const testProjectDirs = facts.manifests.csprojs
    .filter(c => c.packages.some(p => TEST_SDK_PACKAGES.test(p)))
    .map(c => dirname(c.path));
  const appHostDirs = facts.manifests.csprojs
    .filter(c => c.packages.some(p => APP_HOST_PACKAGES.test(p)) || /Sdk="Aspire\.AppHost\.Sdk/i.test(facts.file(c.path)?.text ?? ''))
    .map(c => dirname(c.path));
  const libraryRoots = copiedLibraryRoots(facts);
  const generatedUiDirs = componentGeneratorDirs(facts);
  const foreign = foreignCopyrightFiles(facts);
  const sources: SourceFile[] = [];
  const tests: SourceFile[] = [];
  let codeFiles = 0;
  for (const file of facts.files) {
    const group = languageGroupOf(file.path);
    if (!group) continue;
    codeFiles += 1;
    const path = file.path;
    const inTestProject = group === 'dotnet' && testProjectDirs.some(d => isUnder(path, d));
    if (isTestFile(path) || inTestProject) {
      // A generated stub (`from django.test import TestCase` and a comment) holds no test.
      if (!isTestSupport(path) && significantLines(file, true) > 0) tests.push(file);
      continue;
    }
    if (isLowConfidencePath(path)) continue;
    if (GENERATED.test(path) || MIGRATIONS.test(path)) continue;
    // Generated, minified and copied third-party code: no one here writes tests for it.
    if (isGeneratedOrMinified(file) || libraryRoots.some(root => isUnder(path, root)) || generatedUiDirs.some(dir => isUnder(path, dir))) continue;
    if (TOOLING_DIR.test(path) || TOOLING_FILE.test(basename(path)) || SEED_FILE.test(basename(path))) continue;
    if (foreign.has(path) || databaseShellScript(facts, file)) continue;
    if (group === 'dotnet' && appHostDirs.some(d => isUnder(path, d))) continue;
    if (significantLines(file) < 2) continue;
    sources.push(file);
    if (group === 'rust' && /#\[cfg\(test\)\]|#\[(tokio::)?test\]/.test(file.text)) tests.push(file);
  }
  return { sources, tests, codeFiles, projects: projectsOf(facts) };
}

/** Calls a database shell script is made of: `db.users.insertMany(…)`, `db.getSiblingDB(…)`, `rs.initiate(…)`, `print(…)`. */
const DB_SHELL_CALL = /^(?:(?:db|rs|sh)(?:\.[\w$]+)+|print|printjson|load|sleep|use|ObjectId|ISODate|NumberLong|NumberInt|NumberDecimal|Date|UUID)$/;

/**
 * A script for the database's own shell (MongoDB's `mongo` / `mongosh`), run by an init script to seed or set up
 * the database: no imports, no named functions, and every call a shell command on `db`, `rs` or `sh` (or a value
 * helper such as `new Date()`). It loads data; it is not application code.
 */
function databaseShellScript(facts: Facts, file: SourceFile): boolean {
  if (!/\.[cm]?js$/.test(file.path) || !/\b(?:db|rs)\.\w/.test(file.text)) return false;
  const tree = syntaxTree(facts, file);
  if (!tree || tree.errorLine !== undefined || tree.imports().length > 0) return false;
  if (tree.functions().some(fn => fn.name !== '')) return false;
  const calls = tree.calls();
  return calls.some(c => /^(?:db|rs|sh)\./.test(c.callee)) && calls.every(c => DB_SHELL_CALL.test(c.callee));
}

/** A copyright notice in a file's leading comment (`// Copyright (c) 2020 Jane Doe. All rights reserved.`): the holder it names. */
const COPYRIGHT_LINE = /^[ \t]*(?:\/\/+|\/?\*+|#)[ \t]*copyright\b[ \t]*(?:\(c\)|©)?[ \t]*([^\n]*)/im;

function copyrightHolder(text: string): string | undefined {
  const m = COPYRIGHT_LINE.exec(text.replace(/^\uFEFF/, '').slice(0, 600));
  if (!m) return undefined;
  const holder = m[1]
    .replace(/all rights reserved\.?/i, '')
    .replace(/\b(?:19|20)\d\d\b(?:\s*[-–,]\s*(?:(?:19|20)\d\d|present))*/gi, '')
    .replace(/[^\w&]+/g, ' ')
    .trim()
    .toLowerCase();
  return holder || undefined;
}

/**
 * Code copied from another project with its authors' notice kept: when the repository's files carry copyright
 * headers and most of them name one holder, the files whose header names another holder were written elsewhere
 * (a framework's quick-start UI pulled in by a script, a vendored sample). With one holder nothing is set aside.
 */
function foreignCopyrightFiles(facts: Facts): Set<string> {
  const byHolder = new Map<string, string[]>();
  for (const file of facts.files) {
    if (!languageGroupOf(file.path) || isTestFile(file.path) || !/copyright/i.test(file.text.slice(0, 600))) continue;
    const holder = copyrightHolder(file.text);
    if (!holder) continue;
    byHolder.set(holder, [...(byHolder.get(holder) ?? []), file.path]);
  }
  if (byHolder.size < 2) return new Set();
  const ranked = [...byHolder.entries()].sort((a, b) => b[1].length - a[1].length);
  // The repository's own holder must clearly be the main one.
  if (ranked[0][1].length < 2 * ranked[1][1].length) return new Set();
  return new Set(ranked.slice(1).flatMap(([, paths]) => paths));
}

/** Folders a server hands to browsers as they are, where libraries get copied whole. */
const ASSET_DIR = /(^|\/)(?:static|public|assets|wwwroot|vendor|third[-_]?party)\//i;
const LICENSE_FILE = /^(?:LICEN[CS]E|COPYING)(?:[-.][\w.-]*)?$/i;

/**
 * Libraries copied into an asset folder with their own licence (`app/static/ckeditor/LICENSE.md`):
 * the folder holding the licence file, when it sits in a static, public, assets or vendor folder.
 */
function copiedLibraryRoots(facts: Facts): string[] {
  return facts.files
    .filter(f => LICENSE_FILE.test(basename(f.path)) && ASSET_DIR.test(f.path))
    .map(f => dirname(f.path))
    .filter(dir => dir !== '');
}

/** A project's component generator settings (shadcn/ui's `components.json`): where its CLI writes, and its class-name helper. */
interface GeneratorConfig {
  project: string;
  aliases: { ui?: unknown; components?: unknown; utils?: unknown };
}

function generatorConfigs(facts: Facts): GeneratorConfig[] {
  const configs: GeneratorConfig[] = [];
  for (const file of facts.files) {
    if (basename(file.path) !== 'components.json' || !/ui\.shadcn\.com|"aliases"\s*:/.test(file.text)) continue;
    try {
      const config = JSON.parse(file.text) as { aliases?: GeneratorConfig['aliases'] };
      configs.push({ project: dirname(file.path), aliases: config.aliases ?? {} });
    } catch {
      continue;
    }
  }
  return configs;
}

/** An alias's folders in the project: `@/components/ui` and `~/components/ui` name the source root (`src/` when it has one). */
function aliasDirs(project: string, alias: string): string[] {
  const relative = alias.replace(/^[@~]\//, '').replace(/^\.\//, '');
  const base = project ? `${project}/` : '';
  return [`${base}${relative}`, `${base}src/${relative}`];
}

/** How many of a folder's components must be registry primitives for the folder to be taken as copied in. */
const REGISTRY_SHARE = 0.75;

/**
 * Whether a component is a registry primitive, as component CLIs copy them in: it imports the generator's class-name
 * helper (`cn` from the `utils` alias) and forwards the props it is given onto its markup (`<div {...props} />`).
 */
function registryPrimitive(facts: Facts, file: SourceFile, utils: string): boolean {
  if (!/\.[jt]sx$/.test(file.path) || !file.text.includes('...')) return false;
  const tree = syntaxTree(facts, file);
  if (!tree || !tree.imports().some(i => i.source === utils)) return false;
  return tree.nodesOfKind('spread_element').some(n => n.parent()?.kind() === 'jsx_expression' && /^jsx_(?:opening|self_closing)_element$/.test(n.parent()?.parent()?.kind() ?? ''));
}

/**
 * Folders a component generator writes into: shadcn/ui's `components.json` names the folder its CLI adds components
 * to (`aliases.ui`, `@/components/ui` by default), relative to the project. Registries that the same CLI installs
 * from (AI or chart component sets) write beside it, into another folder of `aliases.components`: such a folder,
 * when most of its components are registry primitives, is copied in as well.
 */
function componentGeneratorDirs(facts: Facts): string[] {
  const dirs: string[] = [];
  for (const { project, aliases } of generatorConfigs(facts)) {
    const ui = aliases.ui ?? (typeof aliases.components === 'string' ? `${aliases.components}/ui` : undefined);
    if (typeof ui === 'string') dirs.push(...aliasDirs(project, ui));
    const components = typeof aliases.components === 'string' ? aliases.components : '@/components';
    const utils = typeof aliases.utils === 'string' ? aliases.utils : '@/lib/utils';
    const byFolder = new Map<string, SourceFile[]>();
    for (const parent of aliasDirs(project, components)) {
      for (const file of facts.files) {
        const dir = dirname(file.path);
        if (dirname(dir) !== parent || dirs.includes(dir) || !/\.[jt]sx?$/.test(file.path)) continue;
        byFolder.set(dir, [...(byFolder.get(dir) ?? []), file]);
      }
    }
    for (const [dir, files] of byFolder) {
      if (files.length < 2) continue;
      const primitives = files.filter(f => registryPrimitive(facts, f, utils)).length;
      if (primitives >= REGISTRY_SHARE * files.length) dirs.push(dir);
    }
  }
  return dirs;
}

const scopes = new WeakMap<ProjectFact[], Map<string, string>>();

/**
 * The project a file is counted under: its nearest manifest directory, where
 * .NET projects are merged into the nearest other project (or the root), since
 * their tests live in sibling test projects.
 */
export function scopeOf(projects: ProjectFact[], path: string): string {
  let answers = scopes.get(projects);
  if (!answers) {
    answers = new Map();
    scopes.set(projects, answers);
  }
  const dir = dirname(path);
  let scope = answers.get(dir);
  if (scope === undefined) {
    scope =
      projects.find(p => isUnder(dir, p.dir) && p.ecosystems.some(e => e !== 'dotnet'))?.dir ?? '';
    answers.set(dir, scope);
  }
  return scope;
}

/** A readable name for a project directory in messages. */
export function displayDir(dir: string): string {
  return dir === '' ? 'the repository root' : `${dir}/`;
}
