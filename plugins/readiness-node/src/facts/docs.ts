import { SourceFile } from '../engine/snapshot';
import { basename, dirname } from './paths';

/** @public */
export interface DocsFacts {
  readme?: SourceFile;
  license?: SourceFile;
  contributing?: SourceFile;
  changelog?: SourceFile;
  securityPolicy?: SourceFile;
  /** Markdown, reStructuredText, AsciiDoc and text documents anywhere in the tree. */
  documents: SourceFile[];
}

function findRootDoc(files: SourceFile[], pattern: RegExp, dirs = ['', '.github', 'docs']): SourceFile | undefined {
  for (const dir of dirs) {
    const hit = files.find(f => dirname(f.path) === dir && pattern.test(basename(f.path)));
    if (hit) return hit;
  }
  return undefined;
}

export function collectDocs(files: SourceFile[]): DocsFacts {
  return {
    readme: findRootDoc(files, /^readme(\.[\w]+)?$/i, ['']),
    license: findRootDoc(files, /^(licen[cs]e|copying)([.-][\w.-]+)?$/i, ['']),
    contributing: findRootDoc(files, /^contributing(\.[\w]+)?$/i),
    changelog: findRootDoc(files, /^(changelog|changes|history|release[-_]?notes|news)(\.[\w]+)?$/i, ['', 'docs']),
    securityPolicy: findRootDoc(files, /^security(\.[\w]+)?$/i),
    documents: files.filter(f => /\.(md|mdx|rst|adoc|txt)$/i.test(f.path)),
  };
}
