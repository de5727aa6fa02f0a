import { SourceFile } from '../snapshot';
import { SECRET_PATTERNS } from '../secrets/patterns';
import { matchAll, matchAllNear, unionOf } from './text';

const file = (text: string): SourceFile => ({ path: 'app.py', size: text.length, text });

/** A secret-named setting assigned a quoted literal, the shape the security rules scan for. */
const ASSIGNMENT =
  /(?<![\w$.-])(?<name>[A-Za-z_$][\w$.-]{0,100})['"\]]?\s*(?::=|=>|=|:)\s*(?<q>['"`])(?<value>[^'"`\n\\]{1,40})\k<q>/g;
const HINT = /secret|pass|token/i;

describe('matchAllNear', () => {
  it('finds assignments on lines holding the hint, with their offsets and lines', () => {
    const f = file('DEBUG = "yes"\nimport os\nSECRET_KEY = "abc"\nname = "x"\n\nmode = "y"\ndb_password: "pw"\n');
    const near = matchAllNear(f, ASSIGNMENT, HINT);
    expect(near.map(m => [m.match.groups!.name, m.line, m.match.index])).toEqual([
      ['SECRET_KEY', 3, f.text.indexOf('SECRET_KEY')],
      ['mode', 6, f.text.indexOf('mode')],
      ['db_password', 7, f.text.indexOf('db_password')],
    ]);
    // `mode` sits on the line before a hint line, so it is searched; `DEBUG` and `name` are not.
    expect(matchAll(f, ASSIGNMENT).map(m => m.match.groups!.name)).toEqual(['DEBUG', 'SECRET_KEY', 'name', 'mode', 'db_password']);
  });

  it('finds a value quoted on the line after its name', () => {
    const f = file('a = 1\n\napi_token =\n    "t0k3n-value"\n');
    const near = matchAllNear(f, ASSIGNMENT, HINT);
    expect(near).toHaveLength(1);
    expect(near[0].match.groups!.value).toBe('t0k3n-value');
    expect(near[0].line).toBe(3);
  });

  it('finds nothing in a file without the hint, and stops at the limit', () => {
    expect(matchAllNear(file('a = "b"\nc = "d"\n'), ASSIGNMENT, HINT)).toEqual([]);
    const many = file(Array.from({ length: 50 }, (_, i) => `secret_${i} = "v${i}"`).join('\n'));
    expect(matchAllNear(many, ASSIGNMENT, HINT, 7)).toHaveLength(7);
    expect(matchAllNear(many, ASSIGNMENT, HINT, 500)).toHaveLength(50);
  });

  it('on random texts, finds every match of interest the full scan finds and invents none', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T,>(items: T[]) => items[Math.floor(random() * items.length)];
    const tokens = [
      'secret', 'SECRET_KEY', 'db.password', 'user', 'name', 'apiToken', 'x', '=', ':', '=>', ':=', ' ',
      ' ', '\n', '\n', '"', "'", '`', 'abc', 'pass', ',', ';', '(', ')', '\\', '$', '.', '-', 'value 1',
      'SECRET_KEY = "s3cr3t"', "db_password: 'pw'", 'name = "x"', 'apiToken => `t0k`', 'pass =\n  "next-line"',
      'mode = "fast"', 'token: ', '"quoted"', '\n\n',
    ];
    const sticky = new RegExp(ASSIGNMENT.source, 'y');
    let checked = 0;
    for (let round = 0; round < 400; round++) {
      const text = Array.from({ length: 20 + Math.floor(random() * 120) }, () => pick(tokens)).join('');
      const f = file(text);
      const near = matchAllNear(f, ASSIGNMENT, HINT, 10_000);
      const key = (m: RegExpExecArray) => `${m.index}:${m[0]}`;
      const nearKeys = new Set(near.map(m => key(m.match)));
      const ofInterest = matchAll(f, ASSIGNMENT, 10_000)
        .map(m => m.match)
        .filter(m => HINT.test(m.groups!.name));
      expect(ofInterest.map(key).filter(k => !nearKeys.has(k))).toEqual([]);
      checked += ofInterest.length;
      for (const { match, line } of near) {
        sticky.lastIndex = match.index;
        expect(sticky.exec(text)?.[0]).toBe(match[0]);
        expect(line).toBe(text.slice(0, match.index).split('\n').length);
      }
    }
    // The generated texts do hold matches of interest, so the comparison means something.
    expect(checked).toBeGreaterThan(100);
  });
});

describe('unionOf', () => {
  const patterns = [
    ...SECRET_PATTERNS.map(p => p.pattern),
    /(?<q>['"])(?<word>secret|token)\k<q>/g, // a backreference: kept on its own
    /\bkey\s*=\s*(\w+)\s+\1\b/, // a numbered backreference: kept on its own
    /rate_?limit/i,
  ];
  const union = unionOf(patterns);
  const matchesAny = (text: string) => patterns.some(p => new RegExp(p.source, p.flags.replace('g', '')).test(text));
  const matchesUnion = (text: string) => union.some(p => p.test(text));

  it('groups patterns by flags and keeps patterns with backreferences alone', () => {
    expect(union.map(p => p.flags).sort()).toEqual(['', '', '', 'i']);
    expect(union.every(p => !p.global && !p.sticky)).toBe(true);
  });

  it('matches a text exactly when one of the patterns does', () => {
    const samples = [
      'const k = "AKIAABCDEFGHIJKLMNOP";',
      'token = ghp_0123456789abcdefghijABCDEFGHIJ012345',
      'aws_secret_access_key = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123"',
      'x = \'secret\'',
      'x = \'secret"',
      'key = abc abc',
      'key = abc abd',
      'RATELIMIT',
      'rateLimit',
      'plain text with nothing in it',
      '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
      'AKIA1234',
    ];
    for (const text of samples) expect([text, matchesUnion(text)]).toEqual([text, matchesAny(text)]);
    expect(samples.filter(matchesUnion)).toHaveLength(8);
  });
});
