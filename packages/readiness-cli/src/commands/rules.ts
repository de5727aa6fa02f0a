import { builtinRules, RuleRegistry } from '@readiness/backstage-plugin-readiness-node';
import { EXIT } from '../errors';
import { CliIo } from '../io';

export interface RulesCommandOptions {
  format: 'table' | 'json';
}

/** `readiness rules`: the rule catalog, one rule per line. */
export function rulesCommand(options: RulesCommandOptions, io: CliIo): number {
  const rules = new RuleRegistry(builtinRules).list();
  if (options.format === 'json') {
    const catalog = rules.map(r => ({
      id: r.id,
      category: r.category,
      severity: r.severity,
      title: r.title,
      description: r.description,
      remediation: r.remediation,
      ...(r.deprecated ? { deprecated: true } : {}),
    }));
    io.stdout.write(`${JSON.stringify(catalog, null, 2)}\n`);
    return EXIT.ok;
  }
  const idWidth = Math.max(2, ...rules.map(r => r.id.length)) + 2;
  const lines = [`${'ID'.padEnd(idWidth)}${'SEVERITY'.padEnd(10)}TITLE`];
  for (const r of rules) {
    lines.push(`${r.id.padEnd(idWidth)}${r.severity.padEnd(10)}${r.title}${r.deprecated ? ' (deprecated)' : ''}`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
