import assert from 'node:assert/strict';
import { languageOfPath, type LanguageInfo } from '../../server/src/languages';
import { scanKeyMentions, type KeyMention } from '../../server/src/links/annotationScanner';
import { findComments } from '../../server/src/links/commentScanner';

function language(fileName: string): LanguageInfo {
  const info = languageOfPath(fileName);
  assert.ok(info, `no language for ${fileName}`);
  return info;
}

/** Mentions as `KEY@line:character` (zero-based), `!` marking explicit ones. */
function scan(fileName: string, text: string): string[] {
  return scanKeyMentions(text, language(fileName)).map(show);
}

function show(mention: KeyMention): string {
  return `${mention.explicit ? '!' : ''}${mention.key}@${mention.line}:${mention.startCharacter}`;
}

/** Zero-based line and character where `needle` starts in `text` (its `occurrence`-th match). */
function at(text: string, needle: string, occurrence = 0): string {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `'${needle}' not in text`);
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return `${line}:${offset - (before.lastIndexOf('\n') + 1)}`;
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('languageOfPath', () => {
  it('knows each language family by extension and by file name', () => {
    assert.equal(language('src/a.ts').comments, 'c');
    assert.equal(language('a.tsx').grammar, 'tsx');
    assert.equal(language('a.py').comments, 'python');
    assert.equal(language('A.JAVA').grammar, 'java');
    assert.equal(language('a.cs').grammar, 'c-sharp');
    assert.equal(language('a.rs').charLiterals, true);
    assert.equal(language('Rakefile').grammar, 'ruby');
    assert.equal(language('C:\\repo\\run.sh').comments, 'shell');
    assert.equal(language('m.sql').comments, 'sql');
    assert.equal(language('r.md').comments, 'markup');
    assert.equal(language('s.css').comments, 'css');
  });

  it('has no language for unknown extensions or dotfiles without one', () => {
    assert.equal(languageOfPath('image.png'), undefined);
    assert.equal(languageOfPath('.gitignore'), undefined);
    assert.equal(languageOfPath('LICENSE'), undefined);
  });
});

describe('findComments', () => {
  it('returns half-open spans of line and block comments', () => {
    const text = 'a(); // one\n/* two */ b();';
    const spans = findComments(text, language('a.ts')).map(({ start, end }) => text.slice(start, end));
    assert.deepEqual(spans, ['// one', '/* two */']);
  });

  it('does not see a comment token inside a string', () => {
    const text = 'const url = "http://example.com"; // real\n';
    const spans = findComments(text, language('a.ts')).map(({ start, end }) => text.slice(start, end));
    assert.deepEqual(spans, ['// real']);
  });

  it('runs an unterminated block comment to the end of the text', () => {
    const text = 'x(); /* never closed\nPAY-1';
    const [span, ...rest] = findComments(text, language('a.ts'));
    assert.deepEqual(rest, []);
    assert.deepEqual(span, { start: 5, end: text.length });
  });
});

describe('scanKeyMentions', () => {
  describe('TypeScript / JavaScript', () => {
    it('finds a `friction:` key in a line comment at its exact position', () => {
      const text = lines('export class A {', '  // friction: PAY-101', '  issue() {}', '}');
      assert.deepEqual(scan('a.ts', text), [`!PAY-101@${at(text, 'PAY-101')}`]);
      assert.equal(at(text, 'PAY-101'), '1:15');
    });

    it('reports the end character as start plus key length', () => {
      const [mention] = scanKeyMentions('// friction: CHK-2040\n', language('a.ts'));
      assert.deepEqual(mention, { key: 'CHK-2040', explicit: true, line: 0, startCharacter: 13, endCharacter: 21 });
    });

    it('finds every key of a comma-separated `friction:` list', () => {
      const text = '  // friction: PAY-101, PAY-120 ,PAY-130\n';
      assert.deepEqual(scan('a.ts', text), ['!PAY-101@0:15', '!PAY-120@0:24', '!PAY-130@0:33']);
    });

    it('finds `@friction KEY` in a JSDoc block, on the right line', () => {
      const text = lines('/**', ' * Captures payment.', ' * @friction CHK-204', ' */', 'function submit() {}');
      assert.deepEqual(scan('a.js', text), [`!CHK-204@${at(text, 'CHK-204')}`]);
      assert.equal(at(text, 'CHK-204'), '2:13');
    });

    it('accepts `@friction: KEY` too', () => {
      assert.deepEqual(scan('a.ts', '/* @friction: PAY-7 */'), ['!PAY-7@0:14']);
    });

    it('marks bare keys as not explicit', () => {
      assert.deepEqual(scan('a.ts', 'x(); // see PAY-130 and BIL-9\n'), ['PAY-130@0:12', 'BIL-9@0:24']);
    });

    it('does not report a key of an explicit list again as a bare key', () => {
      assert.deepEqual(scan('a.ts', '// friction: PAY-1, PAY-2 (also PAY-3)\n'), ['!PAY-1@0:13', '!PAY-2@0:20', 'PAY-3@0:32']);
    });

    it('ignores keys in single-, double-quoted and template strings', () => {
      const text = lines(`const a = 'PAY-1';`, 'const b = "// friction: PAY-2";', 'const c = `', '  // friction: PAY-3', '`;', 'const d = 1; // PAY-4');
      assert.deepEqual(scan('a.ts', text), ['PAY-4@5:16']);
    });

    it('keeps going after an escaped quote inside a string', () => {
      assert.deepEqual(scan('a.ts', 'const s = "say \\"PAY-1\\""; // PAY-2\n'), ['PAY-2@0:30']);
    });

    it('ignores keys in code outside comments', () => {
      assert.deepEqual(scan('a.ts', 'const PAY_1 = PAY - 1; enum E { PAY-2 }\n'), []);
    });

    it('finds keys in .tsx files', () => {
      assert.deepEqual(scan('a.tsx', 'const App = () => <div />; // friction: PAY-9\n'), ['!PAY-9@0:40']);
    });
  });

  describe('Python', () => {
    it('finds keys in `#` comments but not in strings that hold `#`', () => {
      const text = lines('x = "# PAY-1"  # PAY-2', "y = '# friction: PAY-3'");
      assert.deepEqual(scan('a.py', text), ['PAY-2@0:17']);
    });

    it('treats a docstring as a comment', () => {
      const text = lines('def send():', '    """Tell the customer.', '', '    friction: PAY-180', '    """', '    return 1');
      assert.deepEqual(scan('a.py', text), ['!PAY-180@3:14']);
    });

    it("treats a module docstring and a '''docstring''' as comments", () => {
      const text = lines('"""Module about PAY-1."""', 'def f():', "    '''friction: PAY-2'''");
      assert.deepEqual(scan('a.py', text), ['PAY-1@0:16', '!PAY-2@2:17']);
    });

    it('does not treat a triple-quoted string assigned to a name as a docstring', () => {
      const text = lines('SQL = """', '-- friction: PAY-1', '"""', 'msg = f"""PAY-2""" # PAY-3');
      assert.deepEqual(scan('a.py', text), ['PAY-3@3:21']);
    });

    it('accepts string prefixes before a docstring', () => {
      assert.deepEqual(scan('a.py', lines('def f():', '    r"""friction: PAY-5"""')), ['!PAY-5@1:18']);
    });
  });

  describe('SQL', () => {
    it('treats a backslash inside a string as an ordinary character', () => {
      assert.deepEqual(scan('q.sql', "SELECT 'C:\\' -- friction: PAY-1\n"), ['!PAY-1@0:26']);
    });
  });

  describe('Go', () => {
    it('finds keys in `//` comments but not in interpreted, raw or rune literals', () => {
      const text = lines('s := "// PAY-1" // PAY-2', 'raw := `// PAY-3', '// PAY-4`', "r := '\"' // PAY-5");
      assert.deepEqual(scan('a.go', text), ['PAY-2@0:19', 'PAY-5@3:12']);
    });
  });

  describe('Java', () => {
    it('finds keys in Javadoc and line comments; a char literal holding a quote does not open a string', () => {
      const text = lines('/** @friction PAY-150 */', "char q = '\"'; // PAY-2", 'String s = "PAY-3";');
      assert.deepEqual(scan('A.java', text), ['!PAY-150@0:14', 'PAY-2@1:17']);
    });
  });

  describe('C#', () => {
    it('finds keys in `///` XML doc comments and not in strings', () => {
      const text = lines('/// <summary>Refunds.</summary>', '/// friction: PAY-160', 'var s = "/// PAY-2";');
      assert.deepEqual(scan('A.cs', text), ['!PAY-160@1:14']);
    });
  });

  describe('Rust', () => {
    it("is not thrown off by lifetimes like 'a", () => {
      // Three lifetimes: read as string quotes, they would swallow the comment after them.
      const text = lines("fn mismatches<'a>(&'a self, bank: &'a [Payout]) -> usize { // PAY-1", '    let s = "// PAY-2"; // friction: PAY-140');
      assert.deepEqual(scan('main.rs', text), [`PAY-1@${at(text, 'PAY-1')}`, '!PAY-140@1:37']);
    });

    it("skips char literals such as '\"' and '\\''", () => {
      const text = lines(`let q = '"'; // PAY-1`, `let e = '\\''; // PAY-2`);
      assert.deepEqual(scan('main.rs', text), ['PAY-1@0:16', 'PAY-2@1:17']);
    });

    it('finds keys in `///` and `//!` doc comments', () => {
      assert.deepEqual(scan('lib.rs', lines('//! Crate about PAY-1', '/// friction: PAY-140')), ['PAY-1@0:16', '!PAY-140@1:14']);
    });
  });

  describe('Ruby', () => {
    it('finds keys in `#` comments and not in strings', () => {
      const text = lines("x = '# PAY-1' # PAY-2", 'puts "#{y} PAY-3"');
      assert.deepEqual(scan('a.rb', text), ['PAY-2@0:16']);
    });

    it('treats =begin … =end as a comment', () => {
      const text = lines('x = 1', '=begin', 'friction: BIL-310', '=end', 'y = "PAY-2"');
      assert.deepEqual(scan('a.rb', text), ['!BIL-310@2:10']);
    });

    it('only opens =begin at a line start', () => {
      assert.deepEqual(scan('a.rb', lines('x = 1 =begin PAY-1', 'y = 2')), []);
    });
  });

  describe('shell', () => {
    it('does not take `$#` or `${#x}` for a comment', () => {
      const text = lines('echo $# PAY-1', 'echo ${#x} PAY-2 # PAY-3');
      assert.deepEqual(scan('run.sh', text), ['PAY-3@1:19']);
    });

    it('finds `#` comments at a line start and after `;`', () => {
      const text = lines('#!/usr/bin/env bash', '# friction: PAY-170', 'set -e;# PAY-4');
      assert.deepEqual(scan('run.sh', text), ['!PAY-170@1:12', 'PAY-4@2:9']);
    });

    it('ignores keys in quoted strings', () => {
      assert.deepEqual(scan('run.bash', lines('echo "# PAY-1" \'# PAY-2\'')), []);
    });
  });

  describe('SQL', () => {
    it('finds keys in `--` and `/* */` comments, not in string literals', () => {
      const text = lines("SELECT '-- PAY-1' AS x -- friction: PAY-101", '/* PAY-3 */ SELECT 1;');
      assert.deepEqual(scan('m.sql', text), ['!PAY-101@0:36', 'PAY-3@1:3']);
    });
  });

  describe('HTML and Markdown', () => {
    it('finds keys in `<!-- -->` comments only', () => {
      const text = lines('<p>PAY-1 is not a comment</p>', '  <!-- friction: BIL-305 -->', "<p>it's PAY-2</p><!-- PAY-3 -->");
      assert.deepEqual(scan('r.html', text), ['!BIL-305@1:17', 'PAY-3@2:22']);
    });

    it('ignores keys in Markdown prose and headings', () => {
      const text = lines('# PAY-1 runbook', 'See PAY-2.', '<!-- friction: PAY-101 -->');
      assert.deepEqual(scan('docs/runbook.md', text), ['!PAY-101@2:15']);
    });
  });

  describe('CSS', () => {
    it('finds keys in `/* */` comments only, not in strings or after `//`', () => {
      const text = lines("a::after { content: '/* PAY-1 */'; } /* PAY-2 */", 'b { background: url(http://x/PAY-3.png); }');
      assert.deepEqual(scan('s.css', text), ['PAY-2@0:40']);
    });
  });

  describe('false positives', () => {
    it('never finds a date like 2026-08, even in a comment', () => {
      assert.deepEqual(scan('a.ts', '// Cutover planned for 2026-08 and 2026-10-02.\n'), []);
    });

    it('does find UTF-8 and ISO-8601 as bare, non-explicit mentions (the catalog rejects them)', () => {
      assert.deepEqual(scan('a.py', '# timestamps are ISO-8601, encoded as UTF-8\n'), ['ISO-8601@0:17', 'UTF-8@0:38']);
    });

    it('ignores lower-case tokens like utf-8', () => {
      assert.deepEqual(scan('a.ts', '// charset utf-8, pay-101\n'), []);
    });

    it('finds nothing in a file without comments', () => {
      assert.deepEqual(scan('a.ts', 'const s = "PAY-101";\n'), []);
    });
  });
});
