import { SourceFile } from '../snapshot';
import { isDependencyList } from './manifests';
import { basename, dirname } from './paths';

/** @public */
export interface DocsFacts {
  readme?: SourceFile;
  license?: SourceFile;
  contributing?: SourceFile;
  changelog?: SourceFile;
  securityPolicy?: SourceFile;
  /** Markdown, reStructuredText, AsciiDoc and text documents anywhere in the tree; dependency lists (`requirements/production.txt`) are not documents. */
  documents: SourceFile[];
}

function findRootDoc(files: SourceFile[], pattern: RegExp, dirs = ['', '.github', 'docs']): SourceFile | undefined {
  for (const dir of dirs) {
    const hit = files.find(f => dirname(f.path) === dir && pattern.test(basename(f.path)));
    if (hit) return hit;
  }
  return undefined;
}

/** The folders root documents are looked for in. */
const DOC_DIRS = new Set(['', '.github', 'docs']);

export function collectDocs(files: SourceFile[]): DocsFacts {
  // Only files directly in those folders can be root documents: select them once.
  const near = files.filter(f => DOC_DIRS.has(dirname(f.path)));
  return {
    readme: findRootDoc(near, /^readme(\.[\w]+)?$/i, ['']),
    license: findRootDoc(near, /^(licen[cs]e|copying)([.-][\w.-]+)?$/i, ['']),
    contributing: findRootDoc(near, /^contributing(\.[\w]+)?$/i),
    changelog: findRootDoc(near, /^(changelog|changes|history|release[-_]?notes|news)(\.[\w]+)?$/i, ['', 'docs']),
    securityPolicy: findRootDoc(near, /^security(\.[\w]+)?$/i),
    documents: files.filter(f => /\.(md|mdx|rst|adoc|txt)$/i.test(f.path) && !isDependencyList(f)),
  };
}
