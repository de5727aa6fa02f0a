import { snapshotFromFiles } from '../snapshot';
import { maskSource, pythonExceptBlocks, pythonLines } from './sourceText';

const file = (path: string, text: string) => snapshotFromFiles({ [path]: text }).files[0];

describe('maskSource', () => {
  it('blanks comments and string contents in JavaScript, keeping offsets and lines', () => {
    const text = [
      "const a = 'catch {}'; // TODO: later",
      '/* block',
      '   FIXME */ const b = `x ${y} catch {}`;',
      'const re = /["\']/g; const c = "}";',
    ].join('\n');
    const masked = maskSource(file('a.ts', text));
    expect(masked.code.length).toBe(text.length);
    expect(masked.code.split('\n')).toHaveLength(4);
    expect(masked.code).not.toMatch(/catch/);
    expect(masked.code).not.toMatch(/TODO|FIXME/);
    expect(masked.code).toContain('const c = " ";');
    expect(masked.comments.map(c => [c.line, c.text])).toEqual([
      [1, '// TODO: later'],
      [2, '/* block\n   FIXME */'],
    ]);
    expect(masked.continuedLines.has(3)).toBe(true);
  });

  it('knows Python strings, prefixes and comments', () => {
    const text = 'x = f"# not a comment {y}"  # real\ns = r\'\\d+\'\ndoc = """\n# inside\n"""\n';
    const masked = maskSource(file('m.py', text));
    expect(masked.comments.map(c => c.text)).toEqual(['# real']);
    expect(masked.continuedLines.has(4)).toBe(true);
  });

  it('treats Java char literals and Rust lifetimes sensibly', () => {
    const java = maskSource(file('A.java', "char q = '\"'; // note\nString s = \"a\";"));
    expect(java.comments.map(c => c.text)).toEqual(['// note']);
    const rust = maskSource(file('lib.rs', "fn f<'a>(x: &'a str) {} // TODO\n"));
    expect(rust.comments.map(c => c.text)).toEqual(['// TODO']);
  });

  it('keeps SQL identifiers and blanks SQL strings and comments', () => {
    const masked = maskSource(file('s.sql', 'CREATE TABLE "orders" (note text DEFAULT \'DROP TABLE x\'); -- DROP TABLE y\n'));
    expect(masked.code).toContain('"orders"');
    expect(masked.code).not.toMatch(/DROP/);
  });

  it('leaves files of unknown syntax alone', () => {
    expect(maskSource(file('notes.txt', '# hi')).code).toBe('# hi');
  });
});

describe('pythonLines and pythonExceptBlocks', () => {
  const source = [
    'def handler():',
    '    try:',
    '        call(a,',
    '             b)',
    '    except (ValueError,',
    '            KeyError) as e:',
    '        # comment only',
    '        print("failed:", e)',
    '        x = """',
    'text at column zero',
    '"""',
    '        log(x)',
    '    except Exception: pass',
    '    print("after")',
    '',
  ].join('\n');

  it('joins bracketed and string-continued lines', () => {
    const lines = pythonLines(file('h.py', source));
    expect(lines.map(l => [l.line, l.endLine, l.indent])).toEqual([
      [1, 1, 0],
      [2, 2, 4],
      [3, 4, 8],
      [5, 6, 4],
      [8, 8, 8],
      [9, 11, 8],
      [12, 12, 8],
      [13, 13, 4],
      [14, 14, 4],
    ]);
  });

  it('finds except bodies by indentation', () => {
    const blocks = pythonExceptBlocks(file('h.py', source));
    expect(blocks).toHaveLength(2);
    expect(blocks[0].caught).toBe('(ValueError, KeyError) as e');
    expect(blocks[0].body.map(b => b.line)).toEqual([8, 9, 12]);
    expect(blocks[1].caught).toBe('Exception');
    expect(blocks[1].body).toEqual([{ line: 13, code: 'pass' }]);
  });
});
