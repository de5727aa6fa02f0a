import {
  bandColour,
  bandLabel,
  bandRange,
  bandTone,
  parseBand,
  scoreColour,
  severityLabel,
  TONE_COLOURS,
  verdictLabel,
  verdictTone,
} from './bands';
import { csvCell, leaderboardToCsv, toCsv } from './csv';
import { formatGain, safeFileName } from './format';
import { findingLink, sourceRootFor, sourceRootOf } from './sourceLinks';
import { makeEntity, makeLeaderboardItem } from '../__testUtils__/fixtures';
import { errorMessage, responseStatus } from './errors';
import { responseError } from '../__testUtils__/fixtures';

describe('bands', () => {
  it('labels every band, and passes unknown values through', () => {
    expect(bandLabel('good')).toBe('Good');
    expect(bandLabel('needs-work')).toBe('Needs work');
    expect(bandLabel('poor')).toBe('Poor');
    expect(bandLabel('critical')).toBe('Critical');
    expect(bandLabel('not-applicable')).toBe('Not applicable');
    expect(bandLabel('mystery')).toBe('mystery');
    expect(bandRange('needs-work')).toBe('50–74');
  });

  it('gives each band a distinct tone and colour', () => {
    const tones = ['good', 'needs-work', 'poor', 'critical'].map(bandTone);
    expect(new Set(tones).size).toBe(4);
    expect(bandColour('good')).toBe(TONE_COLOURS.ok);
    expect(bandColour('critical')).toBe(TONE_COLOURS.error);
    expect(bandTone('mystery')).toBe('neutral');
  });

  it('colours scores on the band thresholds', () => {
    expect(scoreColour(75)).toBe(bandColour('good'));
    expect(scoreColour(74)).toBe(bandColour('needs-work'));
    expect(scoreColour(50)).toBe(bandColour('needs-work'));
    expect(scoreColour(49)).toBe(bandColour('poor'));
    expect(scoreColour(40)).toBe(bandColour('poor'));
    expect(scoreColour(39)).toBe(bandColour('critical'));
  });

  it('labels verdicts and severities', () => {
    expect(verdictLabel('production-ready')).toBe('Production ready');
    expect(verdictLabel('not-ready')).toBe('Not ready');
    expect(verdictTone('production-ready')).toBe('ok');
    expect(verdictTone('not-ready')).toBe('error');
    expect(severityLabel('high')).toBe('High');
  });

  it('parses only known bands', () => {
    expect(parseBand('poor')).toBe('poor');
    expect(parseBand('not-applicable')).toBeUndefined();
    expect(parseBand('')).toBeUndefined();
    expect(parseBand(undefined)).toBeUndefined();
  });
});

describe('csv', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(-3)).toBe('-3');
  });

  it('defuses spreadsheet formulas in text cells', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@sum')).toBe("'@sum");
  });

  it('joins rows with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        [1, 'c,d'],
      ]),
    ).toBe('a,b\r\n1,"c,d"');
  });

  it('writes the visible leaderboard rows in order, with a header', () => {
    const csv = leaderboardToCsv([
      makeLeaderboardItem(),
      makeLeaderboardItem({
        entityRef: 'component:default/ledger',
        name: 'ledger',
        title: 'Ledger, core',
        owner: undefined,
        lifecycle: undefined,
        score: 91,
        band: 'good',
        verdict: 'production-ready',
        blockers: 0,
        error: 'clone failed',
      }),
    ]);
    const lines = csv.split('\r\n');
    expect(lines).toEqual([
      'Entity,Title,Kind,Owner,Lifecycle,Score,Band,Verdict,Blockers,Audited at,Audit error',
      'component:default/orders-api,Orders API,Component,group:default/payments,production,62,Needs work,Not ready,1,2026-11-20T10:00:00.000Z,',
      'component:default/ledger,"Ledger, core",Component,,,91,Good,Production ready,0,2026-11-20T10:00:00.000Z,clone failed',
      '',
    ]);
  });

  it('leaves the band and verdict of a never-scored entity empty', () => {
    const csv = leaderboardToCsv([
      makeLeaderboardItem({
        score: null,
        band: null,
        verdict: null,
        auditedAt: null,
      }),
    ]);
    expect(csv.split('\r\n')[1]).toBe(
      'component:default/orders-api,Orders API,Component,group:default/payments,production,,,,1,,',
    );
  });

  it('writes only the header for an empty leaderboard', () => {
    expect(leaderboardToCsv([]).split('\r\n')).toHaveLength(2);
  });
});

describe('format', () => {
  it('signs gains', () => {
    expect(formatGain(4)).toBe('+4');
    expect(formatGain(2.54)).toBe('+2.5');
    expect(formatGain(0)).toBe('0');
  });

  it('makes safe file names', () => {
    expect(safeFileName('orders api/v2')).toBe('orders-api-v2');
    expect(safeFileName('///')).toBe('entity');
  });
});

describe('source links', () => {
  const entityAt = (location: string) =>
    makeEntity('x', { 'backstage.io/source-location': location });

  it('links GitHub tree URLs to the blob with a line anchor', () => {
    const root = sourceRootOf(
      entityAt(
        'url:https://github.com/fernhill/orders-api/tree/main/services/api/',
      ),
    );
    expect(findingLink(root, 'app.py', 33)).toEqual({
      text: 'app.py:33',
      href: 'https://github.com/fernhill/orders-api/blob/main/services/api/app.py#L33',
    });
    expect(findingLink(root, 'docs/read me.md')).toEqual({
      text: 'docs/read me.md',
      href: 'https://github.com/fernhill/orders-api/blob/main/services/api/docs/read%20me.md',
    });
  });

  it('links bare GitHub repository URLs at HEAD', () => {
    const root = sourceRootOf(
      entityAt('url:https://github.com/fernhill/orders-api.git'),
    );
    expect(findingLink(root, 'Dockerfile', 1).href).toBe(
      'https://github.com/fernhill/orders-api/blob/HEAD/Dockerfile#L1',
    );
  });

  it('links GitHub Enterprise hosts', () => {
    const root = sourceRootOf(
      entityAt('url:https://github.example.com/team/svc/blob/release/'),
    );
    expect(findingLink(root, 'a.ts', 2).href).toBe(
      'https://github.example.com/team/svc/blob/release/a.ts#L2',
    );
  });

  it('links GitLab tree URLs, nested groups included', () => {
    const root = sourceRootOf(
      entityAt(
        'url:https://gitlab.com/fernhill/finance/ledger/-/tree/develop/backend',
      ),
    );
    expect(findingLink(root, 'src/Main.java', 12).href).toBe(
      'https://gitlab.com/fernhill/finance/ledger/-/blob/develop/backend/src/Main.java#L12',
    );
    const bare = sourceRootOf(
      entityAt('url:https://gitlab.com/fernhill/ledger'),
    );
    expect(findingLink(bare, 'pom.xml', 5).href).toBe(
      'https://gitlab.com/fernhill/ledger/-/blob/HEAD/pom.xml#L5',
    );
  });

  it('prefers the links the backend served, and none when it served none', () => {
    const github = entityAt('url:https://github.com/fernhill/orders-api');
    const links = {
      base: 'https://bitbucket.org/ws/r/src/a1b2c3d4e5f6/svc/',
      lineAnchor: '#lines-',
    };
    const root = sourceRootFor(links, github);
    expect(findingLink(root, 'src/my app.py', 7)).toEqual({
      text: 'src/my app.py:7',
      href: 'https://bitbucket.org/ws/r/src/a1b2c3d4e5f6/svc/src/my%20app.py#lines-7',
    });
    expect(findingLink(root, 'Dockerfile').href).toBe(
      'https://bitbucket.org/ws/r/src/a1b2c3d4e5f6/svc/Dockerfile',
    );
    expect(findingLink(sourceRootFor(null, github), 'a.py', 1)).toEqual({
      text: 'a.py:1',
    });
    expect(sourceRootFor(undefined, github)).toEqual(sourceRootOf(github));
  });

  it('shows a plain path:line for local directories and unknown hosts', () => {
    const dir = sourceRootOf(
      entityAt('dir:../../examples/repos/flask-orders-api'),
    );
    expect(dir).toEqual({
      type: 'dir',
      target: '../../examples/repos/flask-orders-api',
    });
    expect(findingLink(dir, '.env', 3)).toEqual({ text: '.env:3' });
    const other = sourceRootOf(
      entityAt('url:https://bitbucket.org/team/repo/src/main/'),
    );
    expect(findingLink(other, 'a.py', 1)).toEqual({ text: 'a.py:1' });
    expect(findingLink(undefined, 'a.py')).toEqual({ text: 'a.py' });
  });

  it('prefers the Readiness source annotation and ignores malformed values', () => {
    const entity = makeEntity('x', {
      'backstage.io/source-location': 'url:https://github.com/a/b/tree/main/',
      'readiness.dev/source-location': 'url:https://gitlab.com/c/d',
    });
    expect(sourceRootOf(entity)).toMatchObject({ type: 'gitlab' });
    expect(sourceRootOf(entityAt('nonsense'))).toBeUndefined();
    expect(sourceRootOf(entityAt('url:'))).toBeUndefined();
    expect(sourceRootOf(entityAt('url:not a url'))).toEqual({
      type: 'other',
      target: 'not a url',
    });
    expect(sourceRootOf(makeEntity('x', {}))).toBeUndefined();
  });
});

describe('responseStatus', () => {
  it('reads the status of errors that carry one', () => {
    expect(
      responseStatus(Object.assign(new Error('x'), { statusCode: 403 })),
    ).toBe(403);
    expect(responseStatus(new Error('x'))).toBeUndefined();
    expect(responseStatus(undefined)).toBeUndefined();
  });
});

describe('errorMessage', () => {
  it('prefers the message the backend sent', async () => {
    expect(
      errorMessage(
        await responseError(400, 'only Component entities are audited'),
      ),
    ).toBe('only Component entities are audited');
    expect(errorMessage(new Error('offline'))).toBe('offline');
  });
});
