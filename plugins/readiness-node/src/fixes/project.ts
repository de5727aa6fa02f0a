import type { Facts } from '../facts';
import { basename } from '../facts';
import { headingsOf } from '../rules/documentation/markdown';

/**
 * The project's name as the repository states it: the first heading of the
 * README, the root package.json name, the Go module, or the directory name.
 * @public
 */
export function projectNameOf(facts: Facts): string {
  const readme = facts.docs.readme;
  const heading = readme ? headingsOf(readme).find(h => h.level === 1)?.text.trim() : undefined;
  if (heading) return heading;
  const pkg = facts.manifests.packageJsons.find(p => p.dir === '')?.name;
  if (pkg) return pkg;
  const mod = facts.manifests.goMods.find(g => g.path === 'go.mod')?.module;
  if (mod) return basename(mod);
  const dir = basename(facts.snapshot.root.replace(/\\/g, '/').replace(/\/+$/, ''));
  return dir || 'this project';
}

/** How the project's tests run, when the root manifest or a test runner says so. @public */
export function testCommandOf(facts: Facts): string | undefined {
  const pkg = facts.manifests.packageJsons.find(p => p.dir === '');
  if (pkg?.scripts.test && !/no test specified/.test(pkg.scripts.test)) return 'npm test';
  if (facts.manifests.goMods.some(g => g.path === 'go.mod')) return 'go test ./...';
  if (facts.file('pom.xml')) return facts.file('mvnw') ? './mvnw test' : 'mvn test';
  if (facts.file('build.gradle') || facts.file('build.gradle.kts')) return facts.file('gradlew') ? './gradlew test' : 'gradle test';
  if (facts.file('manage.py')) return 'python manage.py test';
  if (facts.manifests.allDependencies.has('pytest')) return 'pytest';
  return undefined;
}
