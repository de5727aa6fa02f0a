import { SuggestedFix } from '@readiness/backstage-plugin-readiness-node';
import { fixBody, fixBranchName, fixTitle, totalGain } from './text';

const fix = (ruleId: string, expectedGain: number, notes: string[] = []) =>
  ({
    ruleId,
    category: 'infrastructure',
    severity: 'high',
    title: `Title of ${ruleId} | piped`,
    expectedGain,
    summary: `Fix ${ruleId}`,
    files: [{ path: 'Dockerfile', action: 'modify' }],
    diff: '',
    notes,
  } as SuggestedFix);

describe('pull request text', () => {
  const fixes = [
    fix('infrastructure/a', 2.25),
    fix('security/b', 1.1, ['Rotate the credential.']),
  ];

  it('lists each rule with its gain, the total, the notes and the files', () => {
    const body = fixBody({
      entityRef: 'component:default/shop',
      entityTitle: 'Shop',
      commit: '0123456789abcdef0123',
      fixes,
      files: [
        { path: '.dockerignore', action: 'create' },
        { path: 'Dockerfile', action: 'modify' },
      ],
      folder: 'services/shop',
    });
    expect(body).toContain(
      'from the audit of commit 0123456789ab in `services/shop/`',
    );
    expect(body).toContain(
      '| Title of infrastructure/a \\| piped (`infrastructure/a`) | high | Fix infrastructure/a | +2.3 |',
    );
    expect(body).toContain('| +1.1 |');
    expect(body).toContain('Expected gain: **+3.4 points**');
    expect(body).toContain('- `security/b`: Rotate the credential.');
    expect(body).toContain('- `services/shop/.dockerignore` (new)');
    expect(body).toContain('- `services/shop/Dockerfile` (changed)');
    expect(totalGain(fixes)).toBe(3.4);
  });

  it('names one branch per commit and set of rules, whatever their order', () => {
    const a = fixBranchName('0123456789abcdef', ['x/a', 'y/b']);
    expect(a).toMatch(/^readiness\/fixes-0123456789ab-[0-9a-f]{8}$/);
    expect(fixBranchName('0123456789abcdef', ['y/b', 'x/a'])).toBe(a);
    expect(fixBranchName('0123456789abcdef', ['x/a'])).not.toBe(a);
    expect(fixBranchName('fedcba9876543210', ['x/a', 'y/b'])).not.toBe(a);
  });

  it('titles a single fix by its summary', () => {
    expect(fixTitle([fixes[0]])).toBe('Readiness: Fix infrastructure/a');
    expect(fixTitle(fixes)).toBe('Readiness: fix 2 production-readiness rules');
  });
});
