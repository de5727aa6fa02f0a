import { SourceFile } from '../../snapshot';
import { languageOf, lineOfOffset } from '../../facts';
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

/** The ORM or ODM models a code file defines, if any (the first definition). */
export function modelDefinitionOf(file: SourceFile): ModelDefinition | undefined {
  let found = cache.get(file);
  if (found === undefined) {
    found = findModel(file) ?? null;
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
    const offset = m.index + (m[0].length - m[0].trimStart().length);
    return { orm: sign.orm, kind: sign.kind, declaresIndexes: sign.declaresIndexes, line: lineOfOffset(file, offset) };
  }
  return undefined;
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
