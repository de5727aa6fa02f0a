import { auditSnapshot } from '../engine/audit';
import { snapshotFromFiles } from '../snapshot';
import { builtinRules } from '../rules';
import { renderMarkdown } from './markdown';
import { reportRules, reportScorecard } from './reportFixture';

/** The lines of a Markdown section, from its heading to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex(l => l === heading);
  if (start === -1) throw new Error(`no section ${heading}`);
  const level = heading.match(/^#+/)![0].length;
  const end = lines.findIndex(
    (l, i) => i > start && /^#+ /.test(l) && l.match(/^#+/)![0].length <= level,
  );
  return lines.slice(start, end === -1 ? undefined : end).join('\n');
}

/** Rows of a Markdown table as cells, split on unescaped pipes. */
function rows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter(l => l.startsWith('| ') && !l.startsWith('|---'))
    .slice(1)
    .map(l =>
      l
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map(c => c.trim()),
    );
}

describe('renderMarkdown', () => {
  const scorecard = reportScorecard();
  const linkBase = 'https://git.example.com/shop/blob/main/';
  const md = renderMarkdown(scorecard, { title: 'Shop review', linkBase });

  it('opens with the title, the overall score and the verdict', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Shop review');
    expect(scorecard.verdict).toBe('not-ready');
    expect(md).toContain(`**Overall ${scorecard.score}/100 — NOT PRODUCTION-READY**`);
    expect(md).toContain('3 blockers must be fixed before production.');
  });

  it('scores every category with its band in words', () => {
    const table = rows(section(md, '## Scores by category'));
    expect(table.map(r => r[0])).toEqual(scorecard.categories.map(c => c.title));
    const security = table.find(r => r[0] === 'Security')!;
    expect(security.slice(1, 3)).toEqual(['0/100', 'critical']);
    const testing = table.find(r => r[0] === 'Testing')!;
    expect(testing.slice(1, 3)).toEqual(['88/100', 'good']);
    const database = table.find(r => r[0] === 'Database')!;
    expect(database.slice(1, 3)).toEqual(['—', 'not applicable']);
  });

  it('lists every blocker with its severity and a link to where it is', () => {
    const table = rows(section(md, '## Production blockers'));
    expect(table.map(r => [r[0], r[1]])).toEqual([
      ['CRITICAL', 'No leaked token (`security/fixture-leaked-token`)'],
      ['HIGH', 'CI runs (`cicd/fixture-ci`)'],
      ['HIGH', 'Containers set a user (`infrastructure/fixture-container-user`)'],
    ]);
    expect(table[0][2]).toContain(`[docs/setup.md:1](${linkBase}docs/setup.md#L1)`);
    expect(table[0][2]).toContain('(+1 more)');
    expect(table[1][2]).toBe('repository-wide');
    expect(table[2][2]).toContain(`[Dockerfile:1](${linkBase}Dockerfile#L1)`);
  });

  it('escapes pipes in excerpts and reasons inside tables', () => {
    const blockers = section(md, '## Production blockers');
    expect(blockers).toContain('TOKEN=your-token \\| then restart');
    expect(blockers).not.toMatch(/[^\\]\| then restart/);
    const waived = section(md, '## Waived rules');
    expect(waived).toContain('Linting lands with the \\| monorepo move');
    // Every row of every table has as many cells as its header.
    const pipes = (line: string) => line.split(/(?<!\\)\|/).length;
    let header: number | undefined;
    for (const line of md.split('\n')) {
      if (!line.startsWith('|')) {
        header = undefined;
        continue;
      }
      header ??= pipes(line);
      expect([line, pipes(line)]).toEqual([line, header]);
    }
  });

  it('has a section per applicable category with its parameter table and located findings', () => {
    const security = section(md, '### Security — 0/100 (critical)');
    expect(rows(security)).toEqual(
      expect.arrayContaining([
        ['No leaked token (`security/fixture-leaked-token`)', 'critical', 'fail', '2'],
        ['Security headers are set (`security/fixture-headers`)', 'medium', 'fail', '1'],
      ]),
    );
    expect(security).toContain(
      `- [src/app.js:2](${linkBase}src/app.js#L2) — A token is written in the code — \`const TOKEN='abc' | 'def';\``,
    );
    expect(security).toMatch(/docs\/setup\.md#L1\).*low confidence/);
    expect(section(md, '### Testing — 88/100 (good)')).toContain('fail (50%)');
    expect(section(md, '### Code quality — 100/100 (good)')).toContain('| waived |');
    expect(section(md, '### CI/CD — 0/100 (critical)')).toContain('No CI configuration was found');
    expect(md).not.toContain('### Database');
    expect(md).toContain('Not applicable to this repository: Database, Frontend, Observability.');
  });

  it('says what is done well', () => {
    expect(section(md, '## What is done well')).toContain('- **Testing**: Tests exist');
  });

  it('groups the fix roadmap by priority with remediation and expected gain', () => {
    const roadmap = section(md, '## Fix roadmap');
    const p0 = section(roadmap, '### P0 — fix before anything else (critical)');
    const gain = scorecard.fixes.find(f => f.ruleId === 'security/fixture-leaked-token')!.expectedGain;
    expect(gain).toBeGreaterThan(0);
    expect(p0).toContain(
      `1. **No leaked token** (\`security/fixture-leaked-token\`, critical) — +${gain} points`,
    );
    expect(p0).toContain('Move the token to a secret store and rotate it.');
    const p1 = section(roadmap, '### P1 — fix before going to production (high)');
    expect(p1).toContain('`cicd/fixture-ci`');
    expect(p1).toContain('`infrastructure/fixture-container-user`');
    const p2 = section(roadmap, '### P2 — fix before scaling (medium and low)');
    expect(p2).toContain('`documentation/fixture-license`');
    expect(roadmap).not.toContain('code-quality/fixture-lint');
  });

  it('shows waived rules with their reason and expiry', () => {
    const waived = rows(section(md, '## Waived rules'));
    expect(waived).toEqual([
      [
        'A linter is configured (`code-quality/fixture-lint`)',
        'Linting lands with the \\| monorepo move',
        '2025-06-30',
        'config',
      ],
    ]);
  });

  it('reports the audit statistics and parse errors', () => {
    const details = section(md, '## Audit details');
    expect(details).toContain(`- Files read: ${scorecard.stats.files}`);
    expect(details).toContain('- Files skipped: 0');
    expect(details).toContain('- Files that could not be parsed: 1');
    expect(details).toContain('`docker-compose.yml`: invalid YAML');
    expect(details).not.toContain('Incomplete audit');
    const truncated = renderMarkdown({
      ...scorecard,
      stats: { ...scorecard.stats, truncated: 'stopped at the file cap (10 entries)' },
    });
    expect(truncated).toContain('**Incomplete audit**: the walk stopped at the file cap (10 entries)');
  });

  it('shows plain path:line locations without a link base', () => {
    const plain = renderMarkdown(scorecard);
    expect(plain.split('\n')[0]).toBe('# Production-readiness review');
    expect(plain).toContain("- `src/app.js:2` — A token is written in the code");
    expect(plain).toContain('`Dockerfile:1`');
    expect(plain).not.toContain('](');
  });

  it('keeps excerpts with backticks and markup inert', () => {
    const card = reportScorecard({
      'src/a.js': 'const TOKEN=`x` + "<script>";\n',
      'src/b [draft].js': 'TOKEN=1\n',
    });
    const out = renderMarkdown(card, { linkBase: 'https://h/' });
    expect(out).toContain('``const TOKEN=`x` + "<script>";``');
    expect(out).toContain('[src/b \\[draft\\].js:1](https://h/src/b%20%5Bdraft%5D.js#L1)');
  });

  it('calls a clean repository production-ready', () => {
    const card = auditSnapshot(
      snapshotFromFiles({
        'src/app.js': "app.use(helmet());\n",
        'src/app.test.js': 'test()\n',
        '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
        LICENSE: 'MIT\n',
      }),
      { rules: reportRules.filter(r => r.id !== 'code-quality/fixture-lint' && r.id !== 'testing/fixture-test-ratio') },
    );
    const out = renderMarkdown(card);
    expect(out).toContain('**Overall 100/100 — PRODUCTION-READY**');
    expect(section(out, '## Production blockers')).toContain('None');
    expect(section(out, '## Fix roadmap')).toContain('Nothing to fix.');
    expect(out).not.toContain('## Waived rules');
  });

  it('renders a scorecard of the built-in catalog', () => {
    const card = auditSnapshot(
      snapshotFromFiles({ '.env': 'API_KEY=abcdef123456\n', Dockerfile: 'FROM python:3.12\n' }),
    );
    const out = renderMarkdown(card);
    for (const blocker of card.blockers) {
      expect(section(out, '## Production blockers')).toContain(`\`${blocker.ruleId}\``);
    }
    for (const result of card.results.filter(r => r.status !== 'not-applicable' || card.categories.find(c => c.id === r.category)!.score !== null)) {
      expect(out).toContain(`\`${result.ruleId}\``);
    }
    expect(builtinRules.length).toBeGreaterThan(0);
  });
});
