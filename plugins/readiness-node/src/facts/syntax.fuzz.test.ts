import { SourceFile } from '../snapshot';
import { prng } from './prng.testutil';
import { SyntaxLanguage, syntaxTree, SyntaxTree } from './syntax';

/**
 * Feeds random, mutated and truncated sources of every parsed language
 * through the syntax fact builders and every query helper. Nothing may throw.
 * READINESS_FUZZ_SEED=<seed> reruns the same inputs, READINESS_FUZZ_SCALE=<n>
 * runs n times as many.
 */
const SEED = Number(process.env.READINESS_FUZZ_SEED ?? 20260101);
const SCALE = Number(process.env.READINESS_FUZZ_SCALE ?? 1);
const INPUTS = Math.round(10_000 * SCALE);

type Rng = ReturnType<typeof prng>;

const SAMPLES: Record<string, { path: string; text: string }> = {
  javascript: {
    path: 'src/auth.js',
    text: "import { save } from './storage';\nconst KEY = 'jwt';\nexport const login = (email, password) => async (dispatch) => {\n  const { data } = await axios.post(`/api/login?x=${email}`, { email, password });\n  localStorage.setItem(KEY, JSON.stringify({ ...data, token: data.token }));\n  localStorage['user'] = data?.user ?? null;\n  return <Button onClick={() => save('k', data)}>ok</Button>;\n};\nclass S { set(k, v) { this.m[k] = v; } static #p = 1; }\n",
  },
  typescript: {
    path: 'src/api.ts',
    text: "import type { A } from '@/types';\nexport function put<T extends object>(key: string, value?: T, ...rest: unknown[]): void {\n  window.localStorage.setItem(key, JSON.stringify(value as T));\n}\nenum E { A = 'a' }\nconst x = <T,>(p: T) => p!;\nnamespace N { export const y = require('./y'); }\n",
  },
  tsx: {
    path: 'src/App.tsx',
    text: "export default function App({ user }: { user?: User }) {\n  const [t, setT] = useLocalStorage<string>('token', '');\n  return <div className={cx('a', { b: true })}>{user?.name ?? t}</div>;\n}\n",
  },
  python: {
    path: 'app/views.py',
    text: 'import os\nfrom .db import session as s\nKEY = "token"\n\n@app.route("/login", methods=["POST"])\nasync def login(request, *args, timeout: int = 3, **kwargs):\n    data = await request.json()\n    obj.attr = data["user"]\n    requests.post(f"{BASE}/x", json=data, verify=False)\n    return lambda q: q + 1\n',
  },
  go: {
    path: 'internal/h.go',
    text: 'package h\n\nimport (\n\t"os"\n\th "net/http"\n)\n\nconst Key = `token`\n\nfunc (s *S) Handle(w h.ResponseWriter, r *h.Request) {\n\tv, err := os.LookupEnv(Key)\n\tm["k"] = v\n\tgo func(q int) { s.log.Printf("%d", q) }(1)\n}\n',
  },
  java: {
    path: 'src/main/java/a/C.java',
    text: 'package a;\nimport java.util.*;\n@RestController\npublic class C<T> {\n  static final String KEY = "token";\n  public C(int c) { this.c = c; }\n  @GetMapping("/x") String get(@RequestParam String q, int... n) { return repo.find(q).map(x -> x.name()).orElse(KEY); }\n  String t = """\n    text block\n    """;\n}\n',
  },
  kotlin: {
    path: 'src/main/kotlin/App.kt',
    text: 'package app\nimport io.ktor.server.*\nconst val KEY = "token"\nfun Application.module(port: Int = 8080) {\n  routing { get("/x") { call.respondText("${KEY}:$port") } }\n  prefs.edit().putString(KEY, value).apply()\n}\ndata class U(val id: Long, var name: String?)\n',
  },
  csharp: {
    path: 'Api/Program.cs',
    text: 'using System;\nnamespace Api;\npublic class C {\n  const string Key = "token";\n  public async Task<IActionResult> Get(int id, string q = "x") {\n    var s = @"c:\\tmp"; var t = $"{Key}:{id}";\n    store.Set(Key, value: id);\n    Func<int, int> l = z => z * 2;\n    return Ok(await repo.FindAsync(id));\n  }\n}\n',
  },
  vue: {
    path: 'src/Login.vue',
    text: '<template>\n  <form @submit="login">{{ msg }}</form>\n</template>\n<script setup lang="ts">\nconst msg = ref(\'\');\nasync function login() { localStorage.setItem(\'jwt\', (await api.post(\'/login\')).data.jwt); }\n</script>\n<style>form { color: red }</style>\n',
  },
};

const TOKENS = [
  '(', ')', '{', '}', '[', ']', '<', '>', '"', "'", '`', '${', '/*', '*/', '//', '#', '\\', '\n', ';', ':', ',', '.',
  '=>', '->', '=', '@', '$', '?.', '!!', '...', 'function', 'def', 'func', 'class', 'fun', 'new', 'return', 'async',
  'await', 'lambda', 'import', 'from', '\u0000', '\ud800', '😀', 'é', '\t', '\r\n', '"""', "'''", '<script>', '</script>',
];

function mutate(rng: Rng, text: string): string {
  switch (rng.int(6)) {
    case 0:
      return text.slice(0, rng.int(text.length + 1));
    case 1:
      return text.slice(rng.int(text.length + 1));
    case 2: {
      const at = rng.int(text.length + 1);
      return text.slice(0, at) + rng.pick(TOKENS) + text.slice(at);
    }
    case 3: {
      const at = rng.int(text.length + 1);
      return text.slice(0, at) + text.slice(at + 1 + rng.int(20));
    }
    case 4: {
      const a = rng.int(text.length + 1);
      const b = rng.int(text.length + 1);
      return text.slice(0, Math.min(a, b)) + text.slice(Math.min(a, b), Math.max(a, b)).repeat(2) + text.slice(Math.max(a, b));
    }
    default:
      return Array.from({ length: 1 + rng.int(60) }, () => rng.pick(TOKENS)).join(rng.pick(['', ' ', 'x']));
  }
}

/** Touches every helper and every field of what they return. */
function exercise(tree: SyntaxTree): number {
  let n = 0;
  for (const call of tree.calls()) {
    n += call.callee.length + call.name.length + call.receiver.length + call.line;
    for (const arg of call.args) n += (tree.stringValue(arg) ?? '').length + (tree.memberOf(arg)?.object.length ?? 0);
    n += call.named.size;
  }
  for (const f of tree.functions()) {
    n += f.name.length + f.params.length + f.calls.length + (f.body ? 1 : 0);
  }
  for (const a of tree.assignments()) n += (a.object?.length ?? 0) + (a.property?.length ?? 0) + (a.value ? 1 : 0);
  for (const b of tree.bindings()) n += b.names.length;
  n += tree.stringConstants().size + tree.imports().length;
  const some = tree.calls()[0] ?? tree.functions()[0];
  if (some) n += tree.enclosingFunctions(some.node).length + tree.lineOf(some.node);
  return n + (tree.errorLine ?? 0);
}

describe('syntax fuzz', () => {
  it(`parses ${INPUTS} random and truncated sources without throwing`, () => {
    const rng = prng(SEED);
    const samples = Object.values(SAMPLES);
    const failures: string[] = [];
    let parsed = 0;
    for (let i = 0; i < INPUTS; i++) {
      const sample = rng.pick(samples);
      let text = sample.text;
      for (let m = 1 + rng.int(3); m > 0; m--) text = mutate(rng, text);
      // Now and then, a source of another language under this path.
      if (rng.int(8) === 0) text = mutate(rng, rng.pick(samples).text);
      // Short windows keep 10,000 parses within a few seconds and start or stop anywhere.
      if (text.length > 90) {
        const at = rng.int(text.length - 40);
        text = text.slice(at, at + 10 + rng.int(80));
      }
      const file: SourceFile = { path: sample.path, text, size: text.length };
      try {
        const tree = syntaxTree({}, file);
        if (tree) {
          parsed += 1;
          exercise(tree);
        }
      } catch (e) {
        failures.push(`#${i} ${sample.path}: ${(e as Error).stack}\n${JSON.stringify(text)}`);
        if (failures.length >= 5) break;
      }
    }
    expect(failures).toEqual([]);
    // Page and component windows without a whole <script> block get no tree.
    expect(parsed).toBeGreaterThan(INPUTS * 0.8);
  });

  it('parses every language it samples', () => {
    const languages = new Set<SyntaxLanguage>();
    for (const sample of Object.values(SAMPLES)) {
      const tree = syntaxTree({}, { path: sample.path, text: sample.text, size: sample.text.length });
      if (tree) languages.add(tree.language);
      expect(tree && exercise(tree)).toBeGreaterThan(0);
    }
    expect([...languages].sort()).toEqual(['csharp', 'go', 'java', 'javascript', 'kotlin', 'python', 'tsx', 'typescript']);
  });
});
