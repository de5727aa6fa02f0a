import { SourceFile } from '../../snapshot';
import type { Facts } from '../../facts';
import { languageOf, lineOfOffset } from '../../facts';
import { importGraph } from '../../facts/imports';
import { maskSource } from '../../facts/sourceText';

/**
 * How ORM and ODM models show themselves in code: the library named in the
 * file (`uses`, read from the raw text, since imports are strings) and a
 * model definition (`model`, read from the code with comments, strings and
 * regular expressions blanked out, unless `raw`: Go struct tags are strings).
 */
interface ModelSign {
  orm: string;
  /** `relational` models map to SQL tables; `document` models to MongoDB collections. */
  kind: 'relational' | 'document';
  languages: string[];
  uses: RegExp;
  model: RegExp;
  raw?: boolean;
  /**
   * Whether the models are the schema's only description when nothing else
   * creates the tables (synchronize, ddl-auto, AutoMigrate, create_all), with
   * indexes declared in them explicitly. Django and EF Core index every
   * foreign key by convention and ActiveRecord models hold no columns, so
   * their models alone say nothing about indexes.
   */
  declaresIndexes: boolean;
}

const MODEL_SIGNS: ModelSign[] = [
  {
    orm: 'SQLAlchemy',
    kind: 'relational',
    languages: ['python'],
    uses: /\b(sqlalchemy|flask_sqlalchemy|sqlmodel)\b/,
    model: /^\s*class\s+\w+\s*\([^)\n]{0,200}\b(db\.Model|Base\b|DeclarativeBase\b|SQLModel\b[^)\n]{0,200}table\s*=\s*True)[^)\n]{0,200}\)\s*:|\bTable\(\s*['"][^'"]*['"]\s*,\s*\w*meta/m,
    declaresIndexes: true,
  },
  {
    orm: 'Django',
    kind: 'relational',
    languages: ['python'],
    uses: /\bfrom\s+django\.db\s+import\b/,
    model: /^\s*class\s+\w+\s*\([^)\n]{0,200}\bmodels\.Model\b[^)\n]{0,200}\)\s*:/m,
    declaresIndexes: false,
  },
  { orm: 'Peewee', kind: 'relational', languages: ['python'], uses: /\bpeewee\b/, model: /^\s*class\s+\w+\s*\(\s*\w*Model\s*\)\s*:/m, declaresIndexes: true },
  {
    orm: 'Tortoise',
    kind: 'relational',
    languages: ['python'],
    uses: /\btortoise\b/,
    model: /^\s*class\s+\w+\s*\([^)\n]{0,200}\bModel\b[^)\n]{0,200}\)\s*:/m,
    declaresIndexes: true,
  },
  {
    orm: 'MongoEngine',
    kind: 'document',
    languages: ['python'],
    uses: /\bmongoengine\b/,
    model: /^\s*class\s+\w+\s*\([^)\n]{0,200}\b(Document|DynamicDocument)\b[^)\n]{0,200}\)\s*:/m,
    declaresIndexes: false,
  },
  {
    orm: 'TypeORM',
    kind: 'relational',
    languages: ['typescript', 'javascript'],
    uses: /from\s+['"](typeorm|@mikro-orm\/[\w-]+)['"]/,
    model: /@Entity\s*\(/,
    declaresIndexes: true,
  },
  {
    orm: 'Sequelize',
    kind: 'relational',
    languages: ['typescript', 'javascript'],
    uses: /(from\s+|require\(\s*)['"]sequelize(-typescript)?['"]/,
    model: /\.define\(\s*['"][^'"]*['"]|\bextends\s+Model\b|\.init\(\s*\{|@Table\b/,
    declaresIndexes: true,
  },
  {
    orm: 'Drizzle',
    kind: 'relational',
    languages: ['typescript', 'javascript'],
    uses: /['"]drizzle-orm[/'"]/,
    model: /\b(pgTable|mysqlTable|sqliteTable)\s*\(/,
    declaresIndexes: true,
  },
  {
    orm: 'knex',
    kind: 'relational',
    languages: ['typescript', 'javascript'],
    uses: /\bknex\b/,
    model: /\.schema\s*\.\s*createTable(IfNotExists)?\s*\(/,
    declaresIndexes: true,
  },
  {
    orm: 'Mongoose',
    kind: 'document',
    languages: ['typescript', 'javascript'],
    uses: /(from\s+|require\(\s*)['"](mongoose|@typegoose\/typegoose|@nestjs\/mongoose)['"]/,
    model: /\bnew\s+(mongoose\.)?Schema\s*[(<]|\bmongoose\.Schema\s*\(|\bmongoose\.model\s*[(<]|@Schema\s*\(|\bgetModelForClass\s*\(|\bSchemaFactory\.createForClass\s*\(/,
    declaresIndexes: false,
  },
  { orm: 'JPA', kind: 'relational', languages: ['java', 'kotlin'], uses: /\b(javax|jakarta)\.persistence\b/, model: /^\s*@Entity\b/m, declaresIndexes: true },
  {
    orm: 'GORM',
    kind: 'relational',
    languages: ['go'],
    uses: /"(gorm\.io\/gorm|github\.com\/jinzhu\/gorm)"/,
    // A struct embedding gorm.Model or with `gorm:"…"` field tags, or AutoMigrate (which creates tables, but is no migrations tool).
    model: /^type\s+\w+\s+struct\s*\{[^}]{0,4000}?(\bgorm\.Model\b|`[^`\n]*\bgorm:")|\.AutoMigrate\(/m,
    raw: true,
    declaresIndexes: true,
  },
  {
    orm: 'Entity Framework',
    kind: 'relational',
    languages: ['csharp'],
    uses: /\bMicrosoft\.EntityFrameworkCore\b|\bDbContext\b/,
    model: /:\s*DbContext\b|\bDbSet<\w+>/,
    declaresIndexes: false,
  },
  { orm: 'ActiveRecord', kind: 'relational', languages: ['ruby'], uses: /.*/, model: /<\s*(ApplicationRecord|ActiveRecord::Base)\b/, declaresIndexes: false },
];

/** Where a file defines models. */
export interface ModelDefinition {
  orm: string;
  kind: ModelSign['kind'];
  declaresIndexes: boolean;
  line: number;
}

const cache = new WeakMap<SourceFile, ModelDefinition | null>();

/**
 * The ORM or ODM models a code file defines, if any (the first definition). The library is named in the file
 * itself or, for Python and Go, in a repository module that gives the file its model base: a Flask-SQLAlchemy
 * model file imports `db` from the module that creates `SQLAlchemy(app)`, a SQLAlchemy or Peewee model file its
 * `Base` / `BaseModel` from the module that declares it; a GORM struct sits in a package whose other files
 * import GORM.
 */
export function modelDefinitionOf(file: SourceFile, facts: Facts): ModelDefinition | undefined {
  let found = cache.get(file);
  if (found === undefined) {
    found = findModel(file) ?? findModelThroughImports(facts, file) ?? null;
    cache.set(file, found);
  }
  return found ?? undefined;
}

function findModel(file: SourceFile): ModelDefinition | undefined {
  const language = languageOf(file.path);
  if (!language) return undefined;
  for (const sign of MODEL_SIGNS) {
    if (!sign.languages.includes(language) || !sign.uses.test(file.text)) continue;
    const m = sign.model.exec(sign.raw ? file.text : maskSource(file).code);
    if (!m) continue;
    return definition(file, sign, m);
  }
  return undefined;
}

function definition(file: SourceFile, sign: ModelSign, m: RegExpExecArray | RegExpMatchArray): ModelDefinition {
  const offset = m.index! + (m[0].length - m[0].trimStart().length);
  return { orm: sign.orm, kind: sign.kind, declaresIndexes: sign.declaresIndexes, line: lineOfOffset(file, offset) };
}

/** The modules a Python file imports each local name from: `from app import db` gives `db` → `app`. */
function pythonImportedNames(file: SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of file.text.matchAll(/^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)/gm)) {
    for (const part of m[2].replace(/[()]/g, '').replace(/#[^\n]*/g, '').split(',')) {
      const local = /(?:^|\sas\s+)(\w+)\s*$/.exec(part.trim())?.[1];
      if (local) out.set(local, m[1]);
    }
  }
  return out;
}

/**
 * Whether a repository file is the module a Python import of `name` from `spec` names: `app` → `app.py` or
 * `app/__init__.py`; `from . import db` → the package, or its module `db.py`.
 */
function isModule(file: SourceFile, spec: string, name: string): boolean {
  const last = spec.split('.').filter(Boolean).pop();
  const parts = file.path.replace(/\.py$/, '').split('/');
  if (parts[parts.length - 1] === '__init__') parts.pop();
  const module = parts[parts.length - 1];
  return module === name || (last === undefined ? file.path.endsWith('__init__.py') : module === last);
}

/**
 * A model definition whose library a repository module names: in Python, the module the file imports a name of
 * the model's class statement from (its base, or the metadata of a `Table`); in Go, another file of the package.
 */
function findModelThroughImports(facts: Facts, file: SourceFile): ModelDefinition | undefined {
  const language = languageOf(file.path);
  if (language !== 'python' && language !== 'go') return undefined;
  const signs = MODEL_SIGNS.filter(sign => sign.languages.includes(language));
  const code = maskSource(file).code;
  const text = (sign: ModelSign) => (sign.raw ? file.text : code);
  if (!signs.some(sign => sign.model.test(text(sign)))) return undefined;
  const modules = importGraph(facts).importsOf(file).filter(f => f !== file);
  for (const sign of signs) {
    const namers = modules.filter(f => sign.uses.test(f.text));
    if (namers.length === 0) continue;
    for (const m of text(sign).matchAll(new RegExp(sign.model.source, `${sign.model.flags}g`))) {
      if (language === 'go') return definition(file, sign, m);
      // The names the class statement uses (`db` of `db.Model`, `Base`, the `metadata` of a `Table(…)`), imported from a module that names the library.
      const used = [...m[0].slice(m[0].indexOf('(') + 1).matchAll(/(?<![\w.])[A-Za-z_]\w*/g)].map(x => x[0]);
      const from = pythonImportedNames(file);
      if (used.some(name => from.has(name) && namers.some(f => isModule(f, from.get(name)!, name)))) return definition(file, sign, m);
    }
  }
  return undefined;
}

/**
 * The repository modules a Python model file takes its model base from (`from app.common.model import Base`): among
 * the modules it imports, those that the names of its model class statements (`class User(Base):`, the metadata of a
 * `Table(…)`) come from. Models that share a base share its metadata, and so one schema.
 */
export function modelBaseModules(facts: Facts, file: SourceFile): SourceFile[] {
  if (languageOf(file.path) !== 'python') return [];
  const code = maskSource(file).code;
  const used = new Set<string>();
  for (const sign of MODEL_SIGNS) {
    if (!sign.languages.includes('python')) continue;
    for (const m of code.matchAll(new RegExp(sign.model.source, `${sign.model.flags.replace('g', '')}g`))) {
      for (const x of m[0].slice(m[0].indexOf('(') + 1).matchAll(/(?<![\w.])[A-Za-z_]\w*/g)) used.add(x[0]);
    }
  }
  if (used.size === 0) return [];
  const from = pythonImportedNames(file);
  const modules = importGraph(facts).importsOf(file).filter(f => f !== file);
  return modules.filter(f => [...used].some(name => from.has(name) && isModule(f, from.get(name)!, name)));
}

/** Index declarations in model code, by ORM: `@Index`, `index=True`, `indexes:`, `HasIndex`, `uniqueIndex()`… */
const MODEL_INDEX =
  /\bIndex\s*\(|\bindex\s*[:=]\s*[Tt]rue\b|\bindexes\s*[:=]|\bindex\s*\(\s*['"]|\buniqueIndex\s*\(|\.index\s*\(|\bHasIndex\s*\(|\bdb_index\s*=\s*True\b/;
/** GORM struct tags that create an index: `gorm:"index"`, `gorm:"index:idx_name"`, `gorm:"uniqueIndex"`, `gorm:"unique_index"`. */
const GORM_INDEX_TAG = /\bgorm:"[^"]*\b(index|uniqueIndex|unique_index)\b/;

/** Whether a model file declares an index (unique constraints are keys, not indexes declared for queries). */
export function modelDeclaresIndex(file: SourceFile, model: ModelDefinition): boolean {
  if (model.orm === 'GORM') return GORM_INDEX_TAG.test(file.text);
  return MODEL_INDEX.test(maskSource(file).code);
}
