import type { Facts } from './index';
import { developmentOnlyBranch } from './branches';

// A fresh owner per call: parsed trees are cached by path for the audit that owns them.
const at = (path: string, text: string, line: number) => developmentOnlyBranch({} as Facts, { path, text } as never, line)?.condition;

describe('developmentOnlyBranch', () => {
  it('finds the development branches of C#, JavaScript and Python', () => {
    expect(at('a.cs', 'if (app.Environment.IsDevelopment())\n{\n    app.MapHealthChecks("/health");\n}\n', 3)).toBe('app.Environment.IsDevelopment()');
    expect(at('a.ts', "if (process.env.NODE_ENV !== 'production') {\n  app.get('/health', h);\n}\n", 2)).toBe("process.env.NODE_ENV !== 'production'");
    expect(at('a.js', "if (process.env.NODE_ENV === 'production') {\n  x();\n} else {\n  app.get('/health', h);\n}\n", 4)).toBe(
      "process.env.NODE_ENV === 'production'",
    );
    expect(at('a.py', 'if settings.DEBUG:\n    urlpatterns += [path("health/", v)]\n', 2)).toBe('settings.DEBUG');
  });

  it('leaves code that also runs in production', () => {
    expect(at('a.cs', 'var app = builder.Build();\nif (!app.Environment.IsDevelopment())\n{\n    app.MapHealthChecks("/health");\n}\n', 4)).toBeUndefined();
    expect(at('a.ts', "if (process.env.NODE_ENV !== 'production' || process.env.HEALTH) {\n  app.get('/health', h);\n}\n", 2)).toBeUndefined();
    expect(at('a.py', 'if app.debug:\n    pass\nelse:\n    app.add_url_rule("/health", view_func=v)\n', 4)).toBeUndefined();
    expect(at('a.py', 'if settings.DEBUG:\n    pass\nelif READY:\n    app.add_url_rule("/health", view_func=v)\n', 4)).toBeUndefined();
    expect(at('a.ts', "app.get('/health', h);\n", 1)).toBeUndefined();
  });
});
