import { isMap, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Facts } from '../../../facts';
import { editYaml, fixOf, modifyFile, RuleFix } from '../../../fixes/edits';
import { healthUrlOf, imagePortOf, PROBE_TIMING, probeTest, probeToolOf } from '../../../fixes/healthcheck';
import { composeFilesOf, composeHealthcheckOf, dockerHealthcheckOf, firstPartyBuildOf, isHealthcheckNone, isOneOffService } from '../containers';

/** The compose `healthcheck` entries to add, by service name, for the services of one file that the rule fails. */
function healthchecksOf(facts: Facts, path: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const file = composeFilesOf(facts).find(f => f.path === path);
  if (!file) return out;
  for (const service of file.services) {
    const build = firstPartyBuildOf(facts, service);
    if (!build || isOneOffService(service)) continue;
    // A healthcheck someone disabled is a choice the fix leaves to a person.
    if (composeHealthcheckOf(facts, { file, service }) !== 'none') continue;
    const dockerfile = facts.dockerfiles.find(d => d.path === build.dockerfile && !d.error);
    // So is an image whose HEALTHCHECK NONE turns the check off on purpose.
    const imageCheck = dockerfile && dockerHealthcheckOf(dockerfile);
    if (imageCheck && isHealthcheckNone(imageCheck)) continue;
    const tool = dockerfile && probeToolOf(dockerfile);
    const url = tool && healthUrlOf(facts, dockerfile, service.ports?.[0] ?? imagePortOf(facts, dockerfile));
    if (tool && url) out.set(service.name, probeTest(tool, url));
  }
  return out;
}

function quoted(value: string): Scalar {
  const scalar = new Scalar(value);
  scalar.type = 'QUOTE_DOUBLE';
  return scalar;
}

/**
 * Adds a `healthcheck` to each compose service built from this repository that the rule fails, calling the
 * health route of the server it builds with what its image has (curl, wget, the language runtime). Edited
 * through the `yaml` Document API, so comments and the rest of the file stay as they were. A service whose
 * health route or port is unknown gets nothing.
 */
export function fixComposeHealthcheck(facts: Facts, paths: Set<string>): RuleFix | undefined {
  const edits = [...paths].sort().map(path => {
    const checks = healthchecksOf(facts, path);
    const text = facts.file(path)?.text;
    if (checks.size === 0 || text === undefined) return undefined;
    const after = editYaml(text, doc => {
      const root = doc.contents as YAMLMap;
      const services = root.has('services') ? root.get('services', true) : root;
      if (!isMap(services)) return false;
      let changed = false;
      for (const [name, test] of checks) {
        const service = services.get(name, true);
        if (!isMap(service) || service.has('healthcheck')) continue;
        const list = new YAMLSeq();
        list.flow = true;
        for (const part of test) list.add(quoted(part));
        const entry = new YAMLMap();
        entry.set('test', list);
        entry.set('interval', PROBE_TIMING.interval);
        entry.set('timeout', PROBE_TIMING.timeout);
        entry.set('retries', PROBE_TIMING.retries);
        entry.set('start_period', PROBE_TIMING.startPeriod);
        service.set('healthcheck', entry);
        changed = true;
      }
      return changed;
    });
    return after === undefined ? undefined : modifyFile(facts, path, after);
  });
  return fixOf('Add a compose healthcheck that calls each service\'s health route', edits);
}
