import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../snapshot';
import { dirname, joinPath, lineOf } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { inLowConfidenceFolder } from '../shared';
import { catalogDynamicVersions, DynamicVersion, gradleDynamicVersions, isVersionCatalog, mavenDynamicVersions } from './jvm';


/** A commit SHA or a version tag as a git ref. */
const PINNED_REF = /^([0-9a-f]{7,40}|v?\d+(\.\d+){0,3}([-+.][\w.-]+)?|semver:.+)$/i;

/** Whether an npm dependency value floats: `*`, `latest`, `x`, a dist-tag, or a git URL without a fixed ref. */
function npmFloating(spec: string): string | undefined {
  const value = spec.trim();
  if (/^(workspace|file|link|portal|patch|catalog|exec):/.test(value)) return undefined;
  if (value.startsWith('npm:')) {
    const at = value.lastIndexOf('@');
    return at > 4 ? npmFloating(value.slice(at + 1)) : 'an alias without a version';
  }
  if (value === '' || value === '*' || /^[xX]$/.test(value) || /^[xX*]\.[xX*](\.[xX*])?$/.test(value)) {
    return `\`${value || '""'}\` accepts any version`;
  }
  const gitLike =
    /^(git\+|git:|github:|gitlab:|bitbucket:|gist:)/.test(value) ||
    /^https?:\/\/(github\.com|gitlab\.com|bitbucket\.org)\/[^/]+\/[^/#]+?(\.git)?(#.*)?$/.test(value) ||
    /^[\w.-]+\/[\w.-]+(#.*)?$/.test(value);
  if (gitLike) {
    const hash = value.indexOf('#');
    const ref = hash === -1 ? '' : value.slice(hash + 1);
    if (!ref) return 'a git dependency without a commit or tag follows the default branch';
    if (PINNED_REF.test(ref)) return undefined;
    return `a git dependency on the branch \`${ref}\` changes with every push`;
  }
  if (/^https?:\/\//.test(value)) return undefined; // tarball URL
  if (/^[a-z][\w-]*$/i.test(value)) return `the dist-tag \`${value}\` moves with every release`;
  if (hasOpenEndedSet(value)) return `\`${value}\` has no upper bound, so any future major release is accepted`;
  return undefined;
}

/**
 * Whether a semver range lets in every future release: one of its `||` sets
 * has only lower bounds (`>=1.2.3`, `>1`) or a wildcard, and no comparator
 * that caps it (`<`, `<=`, `^`, `~`, an exact or partial version, a hyphen range).
 */
function hasOpenEndedSet(range: string): boolean {
  if (!/^\s*[<>=~^vV\d*xX]/.test(range)) return false;
  return range.split('||').some(set => {
    if (/\S\s+-\s+\S/.test(set)) return false; // `1.2.3 - 2.0.0`
    const comparators = set
      .trim()
      .replace(/([<>]=?|=)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean);
    if (comparators.length === 0) return false;
    const caps = comparators.some(
      c => /^(?:<|\^|~|=?v?\d)/.test(c) && !/^=?v?[xX*](?:\.|$)/.test(c),
    );
    return !caps;
  });
}

/** Names pinned with `==` in the constraint files a requirements file points to. */
function constrainedNames(facts: { file(path: string): SourceFile | undefined }, file: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const m of file.text.matchAll(/^\s*(?:-c|--constraint)[\s=]+(\S+)/gm)) {
    const target = facts.file(joinPath(dirname(file.path), m[1]));
    if (!target) continue;
    for (const line of target.text.split('\n')) {
      const pin = /^\s*([A-Za-z0-9][\w.-]*)(\[[^\]]*\])?\s*===?\s*[^\s;#*]+/.exec(line);
      if (pin) names.add(pin[1].toLowerCase().replace(/[-_.]+/g, '-'));
    }
  }
  return names;
}

export default defineRule({
  id: 'code-quality/unpinned-dependencies',
  category: 'code-quality',
  severity: 'medium',
  title: 'Dependencies are pinned',
  description:
    'Fails for `requirements*.txt` entries without an exact `==` pin (or `--hash`), development requirement files (`requirements-dev.txt`) included as package.json devDependencies are, for Gradle and Maven dependencies on a dynamic version (`+`, `1.+`, `latest.release`, `LATEST`, `RELEASE`, a range with no upper bound such as `[1.0,)`, in build scripts, version catalogs and POMs), and for package.json dependencies on `*`, `latest` or another dist-tag, `x`, an empty range, a range with no upper bound (`>=1.2.3`, `>1`), or a git URL without a commit or tag. Capped semver ranges such as `^1.2.3`, `~1.2` or `>=1 <2` pass, since the lockfile pins them; `workspace:`, `file:` and `link:` pass, and so does `*` on a package of the repository itself or of the package\'s own npm scope (a sibling workspace package).',
  rationale:
    'A floating dependency installs whatever was published last: two builds of the same commit can ship different code, a broken or malicious release reaches production without review, and incidents cannot be reproduced.',
  remediation:
    'Pin Python requirements exactly (`pip-compile` or `uv pip compile` generate a fully pinned file, ideally with hashes) or use a lockfile-based tool. In package.json use a semver range with a committed lockfile, and pin git dependencies to a tag or commit SHA. In Gradle and Maven, replace dynamic versions with exact ones (or manage them with a BOM or platform).',
  evaluate(facts) {
    const requirements = facts.manifests.requirements.filter(r => r.entries.length > 0);
    const packages = facts.manifests.packageJsons.filter(
      p => Object.keys(p.dependencies).length + Object.keys(p.devDependencies).length > 0,
    );
    // JVM builds: Gradle scripts and version catalogs, Maven POMs.
    const jvm: Array<{ file: SourceFile; dynamic: DynamicVersion[] }> = [
      ...facts.manifests.gradle.flatMap(g => {
        const file = facts.file(g.path);
        return file ? [{ file, dynamic: gradleDynamicVersions(file) }] : [];
      }),
      ...facts.files.filter(f => isVersionCatalog(f.path)).map(file => ({ file, dynamic: catalogDynamicVersions(file) })),
      ...facts.manifests.poms.flatMap(p => {
        const file = facts.file(p.path);
        return file ? [{ file, dynamic: mavenDynamicVersions(file, p.dependencies) }] : [];
      }),
    ];
    if (requirements.length === 0 && packages.length === 0 && jvm.length === 0) {
      return outcome.notApplicable('no requirements file, package.json, Gradle build or Maven POM with dependencies');
    }
    const findings: Finding[] = [];
    for (const { file, dynamic } of jvm) {
      for (const d of dynamic) {
        findings.push({
          path: file.path,
          line: d.line,
          excerpt: lineOf(file, d.line),
          message: `\`${d.coordinates}\` is not pinned: ${d.why}; declare an exact version (or a platform / BOM that fixes it)`,
          ...(inLowConfidenceFolder(file.path) ? { confidence: 'low' as const } : {}),
        });
      }
    }

    // pip-tools: a requirements.in compiled into the requirements.txt beside it is only the input.
    const paths = new Set(requirements.map(r => r.path));
    for (const req of requirements) {
      if (/\.in$/.test(req.path) && paths.has(req.path.replace(/\.in$/, '.txt'))) continue;
      const file = facts.file(req.path);
      if (!file) continue;
      const constrained = constrainedNames(facts, file);
      // Development requirement files count as package.json devDependencies do; only test, doc and example folders are notes.
      const lowConfidence = inLowConfidenceFolder(req.path);
      for (const entry of req.entries) {
        if (entry.hashed || /^===?\s*[^\s,*]+$/.test(entry.spec)) continue;
        if (constrained.has(entry.name.replace(/[-_.]+/g, '-'))) continue;
        let why: string;
        if (entry.spec.startsWith('@')) {
          const ref = /@([^@#\s]+?)(#.*)?$/.exec(entry.spec.replace(/^@\s*/, ''))?.[1] ?? '';
          const isGit = /git\+|\.git/.test(entry.spec);
          if (!isGit || PINNED_REF.test(ref)) continue; // archive URL or git pinned to a tag/commit
          why = 'a git URL without a commit or tag follows a branch';
        } else {
          why = entry.spec ? `\`${entry.spec}\` allows new releases` : 'no version at all';
        }
        findings.push({
          path: req.path,
          line: entry.line,
          excerpt: lineOf(file, entry.line),
          message: `\`${entry.name}\` is not pinned (${why}); pin it with \`==\``,
          ...(lowConfidence ? { confidence: 'low' as const } : {}),
        });
      }
      // Git URLs on lines of their own (`git+https://…@main#egg=x`).
      file.text.split('\n').forEach((raw, i) => {
        const m = /^\s*(?:-e\s+)?(git\+\S+)/.exec(raw);
        if (!m) return;
        const url = m[1].split('#')[0];
        const at = url.lastIndexOf('@');
        const ref = at > url.indexOf('://') + 3 ? url.slice(at + 1) : '';
        if (ref && PINNED_REF.test(ref)) return;
        findings.push({
          path: req.path,
          line: i + 1,
          excerpt: lineOf(file, i + 1),
          message: ref
            ? `A git requirement follows the branch \`${ref}\`; pin it to a tag or commit`
            : 'A git requirement has no commit or tag, so it follows the default branch; pin it to a tag or commit',
          ...(lowConfidence ? { confidence: 'low' as const } : {}),
        });
      });
    }

    // The repository's own packages: npm and yarn 1 workspaces name a sibling package with `*`.
    const ownPackages = new Set(facts.manifests.packageJsons.flatMap(p => (p.name ? [p.name] : [])));
    for (const pkg of packages) {
      const file = facts.file(pkg.path);
      const all = { ...pkg.dependencies, ...pkg.devDependencies };
      const scope = /^(@[^/]+)\//.exec(pkg.name ?? '')?.[1];
      for (const [name, spec] of Object.entries(all)) {
        const why = npmFloating(spec);
        if (!why) continue;
        // `*` on a package of this repository, or of the package's own npm scope (a sibling workspace
        // package), resolves to the local copy, not to whatever the registry publishes.
        if (spec.trim() === '*' && (ownPackages.has(name) || (scope !== undefined && name.startsWith(`${scope}/`)))) continue;
        let line: number | undefined;
        if (file) {
          const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
          const idx = file.text.search(new RegExp(`"${escaped}"\\s*:\\s*"`));
          if (idx !== -1) line = file.text.slice(0, idx).split('\n').length;
        }
        findings.push({
          path: pkg.path,
          ...(line !== undefined && file ? { line, excerpt: lineOf(file, line) } : {}),
          message: `\`${name}\` is not pinned: ${why}`,
          ...(inLowConfidenceFolder(pkg.path) ? { confidence: 'low' as const } : {}),
        });
      }
    }
    return outcome.fromFindings(findings);
  },
});
