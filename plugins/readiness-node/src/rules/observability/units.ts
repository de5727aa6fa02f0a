/**
 * How the observability rules judge the repository's deployable units: when
 * they apply, and a finding for each unit that shows none of a rule's signals.
 */
import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { Facts } from '../../facts';
import { lineOf } from '../../facts';
import { containerMentions, evidenceOf, findInCode, serviceUnits } from '../../facts/services';
import type { Ecosystem, ServiceUnit, Signal } from '../../facts/services';

/** Why the observability rules do not apply, or undefined when a service exists. */
export function noServiceReason(facts: Facts): string | undefined {
  return serviceUnits(facts).length === 0
    ? 'no service to observe: no server framework, container image or deploy pipeline (a library or command-line tool)'
    : undefined;
}

/**
 * The units a rule judges, picked from the repository's services, or the
 * reason it does not apply: no service at all, or none of the picked kind.
 */
export function judgedUnits(
  facts: Facts,
  pick: (facts: Facts) => ServiceUnit[],
  noneReason: string,
): ServiceUnit[] | string {
  const reason = noServiceReason(facts);
  if (reason) return reason;
  const units = pick(facts);
  return units.length === 0 ? noneReason : units;
}

/**
 * The units that show none of the given signals (in their dependencies, their
 * code, or an agent started by their container), each with a finding that
 * points at the unit.
 */
export function unitsWithout(
  facts: Facts,
  units: ServiceUnit[],
  signals: Record<Ecosystem, Signal>,
  message: (unit: ServiceUnit) => string,
  agent?: RegExp,
): Finding[] {
  const findings: Finding[] = [];
  for (const unit of units) {
    if (evidenceOf(unit, signals[unit.ecosystem])) continue;
    if (agent && containerMentions(facts, unit, agent)) continue;
    const file = facts.file(unit.path);
    const excerpt = file && unit.line ? lineOf(file, unit.line) : undefined;
    findings.push({
      path: unit.path,
      ...(unit.line ? { line: unit.line } : {}),
      ...(excerpt ? { excerpt } : {}),
      message: message(unit),
    });
  }
  return findings;
}

/** The annotations that turn a Spring Boot application into a Config Server, a Eureka service registry or a Spring Boot Admin console. */
const PLATFORM_SERVER = /^\s*@Enable(?:ConfigServer|EurekaServer|AdminServer)\b/m;
/** Endpoints of the application's own: controllers, request mappings, functional routes. */
const OWN_ENDPOINTS = /@(?:RestController|Controller|RequestMapping|GetMapping|PostMapping|PutMapping|PatchMapping|DeleteMapping)\b|\bRouterFunction\b/;

/**
 * Whether a unit is a platform server that a framework supplies whole: a Spring Cloud Config Server, a Eureka
 * service registry or a Spring Boot Admin console, enabled by its annotation, with no endpoints of its own. Such a
 * server serves the other services' configuration, discovery or monitoring, not the application's requests.
 */
export function isPlatformServer(unit: ServiceUnit): boolean {
  return unit.ecosystem === 'jvm' && !!findInCode(unit.files, PLATFORM_SERVER) && !findInCode(unit.files, OWN_ENDPOINTS);
}
