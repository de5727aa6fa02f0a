import {
  Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  Node as YamlNode,
} from 'yaml';

/** A parsed YAML document that can tell the line of any node. */
export interface YamlFile {
  docs: Document.Parsed[];
  /** The first document's plain value. */
  value: unknown;
  /** 1-based line of the node at a path in the first document, if any. */
  lineAt(path: ReadonlyArray<string | number>): number | undefined;
  /** 1-based line of a node. */
  lineOfNode(node: unknown): number | undefined;
  error?: string;
}

/** @public */
export interface YamlParseOptions {
  /** Resolve YAML 1.1 merge keys (`<<: *anchor`), as Docker Compose does. */
  merge?: boolean;
}

/**
 * A project template's YAML (cookiecutter, copier, `django-admin startproject` templates) with its
 * template tags neutralised: each `{{ expression }}` becomes as many `x` (so a templated value reads as a
 * stand-in, never a secret) and each `{% tag %}` becomes blanks, or a comment when it fills its line.
 * Lines and columns do not move. Undefined when the text holds no template tags.
 */
export function withoutTemplateTags(text: string): string | undefined {
  if (!text.includes('{{') && !text.includes('{%')) return undefined;
  return text
    .replace(/^([ \t]*)\{%-?[^\n]*?-?%\}[ \t]*$/gm, (line, indent: string) => `${indent}#${' '.repeat(Math.max(0, line.length - indent.length - 1))}`)
    .replace(/\{%-?[^\n]*?-?%\}/g, tag => ' '.repeat(tag.length))
    .replace(/\{\{[^\n{}]*\}\}/g, expr => 'x'.repeat(expr.length));
}

/**
 * Parses YAML; never throws. Syntax errors are reported in `error`. A file that only parses once its
 * template tags are neutralised (a project template's `name: {{project_name}}_data`) is read that way.
 */
export function parseYamlFile(text: string, options: YamlParseOptions = {}): YamlFile {
  const parsed = parseYamlText(text, options);
  if (!parsed.error) return parsed;
  const untemplated = withoutTemplateTags(text);
  if (untemplated === undefined) return parsed;
  const retried = parseYamlText(untemplated, options);
  return retried.error ? parsed : retried;
}

function parseYamlText(text: string, options: YamlParseOptions): YamlFile {
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[] = [];
  let error: string | undefined;
  try {
    docs = parseAllDocuments(text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: false,
      // Templates (Helm's `{{ .Values.x }}` keys) make the library warn on the process; the audit reads
      // what it can and says nothing on the user's console.
      logLevel: 'error',
      ...(options.merge ? { merge: true } : {}),
    }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
    const firstError = docs.flatMap(d => d.errors)[0];
    if (firstError) {
      error = `${firstError.message.split('\n')[0]} (line ${
        lineCounter.linePos(firstError.pos[0]).line
      })`;
    }
  } catch (e) {
    error = (e as Error).message;
    docs = [];
  }
  let value: unknown;
  if (!error && docs[0]) {
    try {
      value = docs[0].toJS({ maxAliasCount: 100 });
    } catch (e) {
      error = (e as Error).message;
    }
  }
  const lineOfNode = (node: unknown): number | undefined => {
    const range = (node as YamlNode | undefined)?.range;
    if (!range) return undefined;
    return lineCounter.linePos(range[0]).line;
  };
  return {
    docs,
    value,
    error,
    lineOfNode,
    lineAt(path) {
      const doc = docs[0];
      if (!doc || error) return undefined;
      // The key's own line reads better than the value's for maps and lists.
      const parentPath = path.slice(0, -1);
      const key = path[path.length - 1];
      const parent = parentPath.length ? doc.getIn(parentPath, true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find(
          p => (isScalar(p.key) ? p.key.value : p.key) === key,
        );
        if (pair) return lineOfNode(pair.key) ?? lineOfNode(pair.value);
      }
      if (isSeq(parent) && typeof key === 'number') {
        return lineOfNode(parent.items[key]);
      }
      return lineOfNode(doc.getIn(path, true));
    },
  };
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
}
