/**
 * Spring Boot Actuator's metrics endpoint: whether a unit's Actuator serves it over HTTP. Actuator 1.x
 * serves `/metrics` by default (behind management security when Spring Security is present); from 2.0 on
 * only `health` (and `info` before 2.5) is exposed over HTTP unless the configuration includes more.
 */
import type { Facts } from '../../../facts';
import { dirname } from '../../../facts/paths';
import { isUnder, ServiceUnit } from '../../../facts/services';
import { asRecord, parseYamlFile } from '../../../facts/yamlDoc';

/** The folders a unit's build may be declared in: its own and the ones above it (a multi-module parent). */
function buildDirs(dir: string): string[] {
  const out = [dir];
  for (let d = dir; d !== ''; ) {
    d = dirname(d);
    out.push(d);
  }
  return out;
}

/** Where a Gradle build names the Spring Boot version: the plugin (`id 'org.springframework.boot' version '3.2.0'`, `spring-boot-gradle-plugin:1.5.10.RELEASE`), a `springBootVersion` property, the BOM. */
const GRADLE_BOOT_VERSION =
  /spring-boot-gradle-plugin:(\d+)\.|id\s*\(?\s*['"]org\.springframework\.boot['"]\s*\)?\s*version\s*['"](\d+)\.|springBootVersion\s*=\s*['"](\d+)\.|spring-boot-dependencies:(\d+)\./;
/** Where a pom names it: the `spring-boot-starter-parent` parent or the `spring-boot-dependencies` BOM with its version, or a `spring-boot.version` property. */
const MAVEN_BOOT_VERSION =
  /<artifactId>\s*spring-boot-(?:starter-parent|dependencies)\s*<\/artifactId>(?:(?!<\/parent>|<\/dependency>)[\s\S]){0,400}?<version>\s*(\d+)\.|<spring-boot\.version>\s*(\d+)\./;

/** The Spring Boot major version the unit builds with, from the nearest Gradle build or pom that names it. */
export function springBootMajor(facts: Facts, unit: ServiceUnit): number | undefined {
  const builds = [
    ...facts.manifests.gradle.map(g => ({ path: g.path, text: g.text, pattern: GRADLE_BOOT_VERSION })),
    ...facts.manifests.poms.map(p => ({ path: p.path, text: facts.file(p.path)?.text ?? '', pattern: MAVEN_BOOT_VERSION })),
  ];
  for (const dir of buildDirs(unit.dir)) {
    for (const build of builds.filter(b => dirname(b.path) === dir)) {
      const m = build.pattern.exec(build.text);
      const major = m?.slice(1).find(g => g !== undefined && /^\d+$/.test(g));
      if (major) return Number(major);
    }
  }
  return undefined;
}

/** Dotted keys and values of a Spring `application*.properties` or `application*.yml` file. */
function springSettings(path: string, text: string): Map<string, string> {
  const out = new Map<string, string>();
  if (/\.properties$/.test(path)) {
    for (const m of text.matchAll(/^[ \t]*([\w.\-[\]]+)[ \t]*[=:][ \t]*(.*?)[ \t]*$/gm)) out.set(m[1], m[2]);
    return out;
  }
  const visit = (value: unknown, prefix: string) => {
    const record = asRecord(value);
    if (record) {
      for (const [k, v] of Object.entries(record)) visit(v, prefix ? `${prefix}.${k}` : k);
    } else if (prefix && value !== null && typeof value !== 'object') {
      out.set(prefix, String(value));
    }
  };
  for (const doc of parseYamlFile(text).docs) {
    try {
      visit(doc.toJS({ maxAliasCount: 100 }), '');
    } catch {
      // An unreadable document sets nothing.
    }
  }
  return out;
}

const SPRING_CONFIG = /(^|\/)application(-[\w]+)?\.(ya?ml|properties)$/;

/**
 * Actuator 1.x on the classpath serves `/metrics` unless the configuration switches it off
 * (`endpoints.metrics.enabled: false`, `endpoints.enabled: false`, `management.port: -1`).
 */
export function actuatorOneServesMetrics(facts: Facts, unit: ServiceUnit): boolean {
  const major = springBootMajor(facts, unit);
  if (major === undefined || major >= 2) return false;
  for (const file of facts.files) {
    if (!isUnder(file.path, unit.dir) || !SPRING_CONFIG.test(file.path)) continue;
    const settings = springSettings(file.path, file.text);
    const off = (key: string, value: RegExp) => value.test(settings.get(key) ?? '');
    if (off('endpoints.metrics.enabled', /^false$/i) || off('endpoints.enabled', /^false$/i) || off('management.port', /^-1$/)) return false;
  }
  return true;
}
