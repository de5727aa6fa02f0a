/**
 * Dynamic versions of JVM dependencies: Gradle build scripts and version catalogs, Maven POMs. A dynamic version
 * resolves to whatever the repository publishes when the build runs.
 */
import { parse as parseToml } from 'smol-toml';
import { SourceFile } from '../../../snapshot';
import { basename, lineOfOffset } from '../../../facts';

/** A dependency declared with a dynamic version, and where. */
export interface DynamicVersion {
  coordinates: string;
  version: string;
  why: string;
  line: number;
}

/**
 * Why a Gradle or Maven version floats, or undefined when it is fixed: `+` and prefixes such as `1.+` or `2+`,
 * `latest.release` / `latest.integration`, Maven's `LATEST` / `RELEASE`, and ranges with no upper bound
 * (`[1.0,)`). Versions taken from a variable (`$guavaVersion`, `${x.version}`) are not judged here.
 */
export function dynamicVersionWhy(raw: string): string | undefined {
  const version = raw.trim();
  if (version === '' || version.includes('$')) return undefined;
  if (/\+$/.test(version)) {
    return version === '+' ? '`+` takes the newest release published' : `\`${version}\` takes the newest release with that prefix`;
  }
  if (/^latest\.[\w-]+$/i.test(version) || /^(LATEST|RELEASE)$/.test(version)) return `\`${version}\` moves with every release`;
  if (/^[[(][^,\])]*,\s*[)\]]$/.test(version)) return `\`${version}\` has no upper bound, so any future release is accepted`;
  return undefined;
}

/** Comments of a Groovy or Kotlin build script blanked out, offsets kept (strings are not read as comments). */
function withoutComments(text: string): string {
  let out = '';
  let i = 0;
  let quote: string | undefined;
  while (i < text.length) {
    const c = text[i];
    if (quote) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (c === quote || c === '\n') quote = undefined;
      i += 1;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      out += c;
      i += 1;
      continue;
    }
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const end = text[i + 1] === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2) + 2;
      const stop = end <= 1 || end === -1 ? text.length : end;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

/** String notation `'group:name:version[:classifier][@ext]'` in a Gradle build script. */
const GRADLE_STRING = /(['"])([\w.-]+):([\w.-]+):([^'":@\s]+)(?::[\w.-]+)?(?:@\w+)?\1/g;
/** Map notation `group: 'g', name: 'n', version: '1.+'` (Groovy) or `group = "g", name = "n", version = "1.+"` (Kotlin). */
const GRADLE_MAP = /\bname\s*[:=]\s*(['"])([\w.-]+)\1[^\n]*?\bversion\s*[:=]\s*(['"])([^'"]+)\3/g;

/** Dependencies of a Gradle build script (`build.gradle`, `build.gradle.kts`) declared with a dynamic version. */
export function gradleDynamicVersions(file: SourceFile): DynamicVersion[] {
  const code = withoutComments(file.text);
  const out: DynamicVersion[] = [];
  for (const m of code.matchAll(GRADLE_STRING)) {
    const why = dynamicVersionWhy(m[4]);
    if (why) out.push({ coordinates: `${m[2]}:${m[3]}`, version: m[4], why, line: lineOfOffset(file, m.index!) });
  }
  for (const m of code.matchAll(GRADLE_MAP)) {
    const why = dynamicVersionWhy(m[4]);
    if (why) out.push({ coordinates: m[2], version: m[4], why, line: lineOfOffset(file, m.index!) });
  }
  return out.sort((a, b) => a.line - b.line);
}

/** Whether a file is a Gradle version catalog (`gradle/libs.versions.toml`). */
export function isVersionCatalog(path: string): boolean {
  return /\.versions\.toml$/.test(basename(path));
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A catalog version: a string, or a rich version `{ require / strictly / prefer = "…" }`. */
function catalogVersion(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const rich = asRecord(value);
  const v = rich?.strictly ?? rich?.require ?? rich?.prefer;
  return typeof v === 'string' ? v : undefined;
}

/** Libraries of a Gradle version catalog declared with a dynamic version, directly or through `version.ref`. */
export function catalogDynamicVersions(file: SourceFile): DynamicVersion[] {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(file.text) as Record<string, unknown>;
  } catch {
    return [];
  }
  const versions = asRecord(doc.versions) ?? {};
  const lineOfKey = (key: string) => {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const at = file.text.search(new RegExp(`^\\s*["']?${escaped}["']?\\s*=`, 'm'));
    return at === -1 ? 1 : lineOfOffset(file, at);
  };
  const out: DynamicVersion[] = [];
  for (const [alias, entry] of Object.entries(asRecord(doc.libraries) ?? {})) {
    let coordinates: string | undefined;
    let version: string | undefined;
    if (typeof entry === 'string') {
      const parts = entry.split(':');
      coordinates = parts.slice(0, 2).join(':');
      version = parts[2];
    } else {
      const lib = asRecord(entry);
      if (!lib) continue;
      coordinates = typeof lib.module === 'string' ? lib.module : `${lib.group ?? ''}:${lib.name ?? ''}`;
      const ref = asRecord(lib.version)?.ref;
      version = typeof ref === 'string' ? catalogVersion(versions[ref]) : catalogVersion(lib.version);
      if (version === undefined && typeof lib['version.ref'] === 'string') version = catalogVersion(versions[lib['version.ref'] as string]);
    }
    const why = version === undefined ? undefined : dynamicVersionWhy(version);
    if (why) out.push({ coordinates, version: version!, why, line: lineOfKey(alias) });
  }
  return out.sort((a, b) => a.line - b.line);
}

/** Maven dependencies whose version (literal, or a property of the POM) is dynamic. */
export function mavenDynamicVersions(
  file: SourceFile,
  dependencies: Array<{ groupId: string; artifactId: string; version?: string }>,
): DynamicVersion[] {
  const out: DynamicVersion[] = [];
  for (const dep of dependencies) {
    if (dep.version === undefined) continue;
    const property = /^\$\{([\w.-]+)\}$/.exec(dep.version.trim())?.[1];
    const escapedProperty = property?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const version = escapedProperty ? new RegExp(`<${escapedProperty}>\\s*([^<]*?)\\s*</${escapedProperty}>`).exec(file.text)?.[1] : dep.version;
    const why = version === undefined ? undefined : dynamicVersionWhy(version);
    if (!why) continue;
    const artifact = file.text.indexOf(`<artifactId>${dep.artifactId}</artifactId>`);
    out.push({ coordinates: `${dep.groupId}:${dep.artifactId}`, version: version!, why, line: artifact === -1 ? 1 : lineOfOffset(file, artifact) });
  }
  return out;
}
