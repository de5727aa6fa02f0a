/**
 * Defaults of Go configuration structs: the values a setting takes when nothing configures it.
 *
 * - Struct tags that a configuration loader applies when the environment sets nothing: ardanlabs/conf
 *   `conf:"default:…"`, caarlos0/env `envDefault:"…"`, cleanenv `env-default:"…"`, sethvargo/go-envconfig
 *   `env:"NAME, default=…"`, and `default:"…"` (kelseyhightower/envconfig, creasty/defaults) beside an
 *   environment tag or in a file that imports one of those loaders.
 * - A keyed struct literal that gives a field a literal which the same file then overrides from configuration
 *   (`c := &Configuration{DefaultUser: DefaultUser{Pass: "admin"}}` followed by `parseString(&c.DefaultUser.Pass, …)`
 *   or `c.DefaultUser.Pass = v`): the literal is the setting's default.
 *
 * Each default is named by its field qualified by the structs it sits in: `DB.Password`, `Web.CORSAllowedOrigins`,
 * `Configuration.DefaultUser.Pass`. Test files and generated code are left out.
 */
import type { Facts } from './index';
import { isTestFile, languageOf } from './paths';
import { memo } from './memo';
import { SyntaxNode, syntaxTree } from './syntax';
import { isGeneratedText } from './codeSearch';

/** @public */
export interface GoConfigDefault {
  path: string;
  line: number;
  /** The field qualified by the structs (or the struct literal) it sits in: `DB.Password`. */
  key: string;
  /** The field's own name: `Password`. */
  field: string;
  value: string;
  /** A struct tag a configuration loader applies, or a literal in a struct literal that the code then overrides. */
  source: 'tag' | 'literal';
  /** The environment variable a tag names, if it names one. */
  env?: string;
}

/** Loaders that apply a plain `default:"…"` tag. */
const DEFAULT_TAG_LOADERS = /"github\.com\/(?:kelseyhightower\/envconfig|creasty\/defaults|mcuadros\/go-defaults|vrischmann\/envconfig|sethvargo\/go-envconfig)"/;

/** The key/value pairs of a Go struct tag: `conf:"default:x,mask" json:"y"`. */
function tagPairs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([A-Za-z_][\w-]*):"((?:[^"\\]|\\.)*)"/g)) if (!out.has(m[1])) out.set(m[1], m[2]);
  return out;
}

/** The default a tag gives and the variable it names, if it gives one. */
function tagDefault(tag: string, plainDefault: boolean): { value: string; env?: string } | undefined {
  const pairs = tagPairs(tag);
  const envTag = pairs.get('env') ?? pairs.get('envconfig');
  const envName = envTag?.split(',')[0].trim() || undefined;
  const withEnv = (value: string, env = envName) => ({ value, ...(env ? { env } : {}) });
  const conf = pairs.get('conf');
  if (conf !== undefined) {
    const options = conf.split(',');
    const value = options.find(o => o.startsWith('default:'))?.slice('default:'.length);
    const env = options.find(o => o.startsWith('env:'))?.slice('env:'.length);
    if (value !== undefined) return withEnv(value, env);
  }
  for (const name of ['envDefault', 'env-default']) {
    const value = pairs.get(name);
    if (value !== undefined) return withEnv(value);
  }
  // sethvargo/go-envconfig: `env:"NAME, default=value"`.
  const inline = envTag && /,\s*default=(.*)$/.exec(envTag);
  if (inline) return withEnv(inline[1]);
  const plain = pairs.get('default');
  if (plain !== undefined && (plainDefault || envTag !== undefined)) return withEnv(plain);
  return undefined;
}

/** The names of the struct fields (and the named type) a field declaration sits in, outermost first. */
function enclosingFields(node: SyntaxNode): string[] {
  const names: string[] = [];
  for (let p = node.parent(), depth = 0; p && depth < 40; p = p.parent(), depth++) {
    const kind = p.kind();
    if (kind === 'field_declaration') {
      const name = p.children().find(c => c.kind() === 'field_identifier')?.text();
      if (name) names.unshift(name);
    } else if (kind === 'type_spec') {
      const name = p.field('name')?.text();
      if (name) names.unshift(name);
      break;
    } else if (kind === 'function_declaration' || kind === 'method_declaration' || kind === 'source_file') break;
  }
  return names;
}

/** A Go string literal's value, or undefined. */
function stringOf(node: SyntaxNode | undefined): string | undefined {
  if (!node) return undefined;
  const text = node.text();
  if (node.kind() === 'raw_string_literal') return text.slice(1, -1);
  if (node.kind() === 'interpreted_string_literal' && !text.includes('\\')) return text.slice(1, -1);
  return undefined;
}

/** The keys from the outermost struct literal down to a keyed element, with the outermost literal's type name first. */
function literalPath(element: SyntaxNode): string[] | undefined {
  const keys: string[] = [];
  let current: SyntaxNode | null = element;
  for (let depth = 0; current && depth < 12; depth++) {
    if (current.kind() !== 'keyed_element') return undefined;
    const key = current.children().find(c => c.isNamed());
    const name = key?.text().trim();
    if (!name || !/^[A-Za-z_]\w*$/.test(name)) return undefined;
    keys.unshift(name);
    const literalValue: SyntaxNode | null = current.parent();
    const literal: SyntaxNode | null | undefined = literalValue?.parent();
    if (!literal || literal.kind() !== 'composite_literal') return undefined;
    const parent: SyntaxNode | null = literal.parent();
    if (parent?.kind() === 'literal_element' && parent.parent()?.kind() === 'keyed_element') {
      current = parent.parent();
      continue;
    }
    if (parent?.kind() === 'keyed_element') {
      current = parent;
      continue;
    }
    const type = literal.field('type')?.text().replace(/^.*\./, '');
    if (!type || !/^[A-Za-z_]\w*$/.test(type)) return undefined;
    return [type, ...keys];
  }
  return undefined;
}

/** Defaults of the Go configuration structs of an audit. @public */
export function goConfigDefaults(facts: Facts): GoConfigDefault[] {
  return memo(facts, 'goConfigDefaults', () => {
    const out: GoConfigDefault[] = [];
    for (const file of facts.files) {
      if (languageOf(file.path) !== 'go' || isTestFile(file.path)) continue;
      const tags = /`[^`\n]*(?:default|Default)[^`\n]*`/.test(file.text);
      const literals = /\b[A-Za-z_]\w*\s*\{/.test(file.text) && /&[\w.]+\.\w+\b|\b\w+(?:\.\w+)+\s*=[^=]/.test(file.text);
      if ((!tags && !literals) || isGeneratedText(file)) continue;
      const tree = syntaxTree(facts, file);
      if (!tree) continue;
      if (tags) {
        const plainDefault = DEFAULT_TAG_LOADERS.test(file.text);
        for (const node of tree.nodesOfKind('field_declaration')) {
          const tag = stringOf(node.field('tag') ?? undefined);
          const field = node.children().find(c => c.kind() === 'field_identifier')?.text();
          if (tag === undefined || !field) continue;
          const found = tagDefault(tag, plainDefault);
          if (!found) continue;
          const key = [...enclosingFields(node), field].join('.');
          out.push({ path: file.path, line: tree.lineOf(node), key, field, value: found.value, source: 'tag', ...(found.env ? { env: found.env } : {}) });
        }
      }
      if (literals) {
        for (const node of tree.nodesOfKind('keyed_element')) {
          const children = node.children().filter(c => c.isNamed());
          const valueNode = children[children.length - 1];
          const value = stringOf(valueNode?.kind() === 'literal_element' ? valueNode.children().find(c => c.isNamed()) : valueNode);
          if (value === undefined || children.length < 2) continue;
          const path = literalPath(node);
          if (!path || path.length < 2) continue;
          // The same fields written later in the file: `&c.DefaultUser.Pass` handed to a reader, or `c.DefaultUser.Pass = v`.
          const fields = path.slice(1).join('\\.');
          const override = new RegExp(`&\\s*[A-Za-z_][\\w.]*\\.${fields}\\b|\\b[A-Za-z_][\\w.]*\\.${fields}\\s*=[^=]`);
          if (!override.test(file.text)) continue;
          out.push({ path: file.path, line: tree.lineOf(node), key: path.join('.'), field: path[path.length - 1], value, source: 'literal' });
        }
      }
    }
    return out;
  });
}
