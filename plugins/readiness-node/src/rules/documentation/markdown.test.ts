import { headingsOf, headingTitle, sectionsOf } from './markdown';

const doc = (path: string, text: string) => ({ path, text, size: text.length });

describe('headingTitle', () => {
  it.each([
    ['🚀 Deployment', 'Deployment'],
    [':rocket: **Deploying to production**', 'Deploying to production'],
    ['2. How to contribute?', 'How to contribute'],
    ['[Contributing](CONTRIBUTING.md)', 'Contributing'],
    ['`deploy_prod` script:', 'deploy_prod script'],
    ['🤝  __Contributions__ 🙏', 'Contributions'],
    ['Shop ![release](https://img.example/v/release.svg) ![deploy](https://ci.example/deploy/badge.svg)', 'Shop'],
    ['[![deploy status][deploy-badge]](https://ci.example) Shop', 'Shop'],
  ])('%s reads as %s', (raw, title) => {
    expect(headingTitle(raw)).toBe(title);
  });
});

describe('headingsOf', () => {
  it('reads ATX, setext, HTML and bold-line headings with their levels', () => {
    const text = [
      '# Service',
      '',
      'Intro',
      '===',
      '',
      'Running in production',
      '---------------------',
      '<h2 align="center"><img src="x.png"> Operations</h2>',
      '',
      '**Kubernetes**',
      '',
      'Some **bold** words in a sentence.',
      '- **Not a title**',
      '```',
      '# not a heading',
      '```',
    ].join('\n');
    expect(headingsOf(doc('README.md', text))).toEqual([
      { text: 'Service', line: 1, level: 1 },
      { text: 'Intro', line: 3, level: 1 },
      { text: 'Running in production', line: 6, level: 2 },
      { text: 'Operations', line: 8, level: 2 },
      { text: 'Kubernetes', line: 10, level: 6 },
    ]);
  });

  it('reads reStructuredText titles, levels by the order of their underlines', () => {
    const text = [
      '=======',
      'Service',
      '=======',
      '',
      'Quickstart',
      '----------',
      '',
      'Deployment with Docker',
      '----------------------',
      '',
      'Compose',
      '~~~~~~~',
      '',
      '.. image:: badge.svg',
      '   :target: https://example.com',
      '',
      '----------',
    ].join('\n');
    expect(headingsOf(doc('README.rst', text))).toEqual([
      { text: 'Service', line: 2, level: 1 },
      { text: 'Quickstart', line: 5, level: 2 },
      { text: 'Deployment with Docker', line: 8, level: 2 },
      { text: 'Compose', line: 11, level: 3 },
    ]);
  });
});

describe('sectionsOf', () => {
  it('runs a section to the next heading of its level or above', () => {
    const text = '# A\n\n## Deploy\nstep 1\n### Details\nstep 2\n## Next\nother\n';
    const sections = sectionsOf(doc('README.md', text));
    const deploy = sections.find(s => s.heading.text === 'Deploy')!;
    expect(deploy.body.join('\n')).toBe('step 1\n### Details\nstep 2');
    expect([deploy.start, deploy.end]).toEqual([4, 6]);
  });
});
