import { describeRule } from '../../../testing';
import rule from '.';

const app = (
  scripts: Record<string, string>,
  deps: Record<string, string> = { react: '^18', 'react-dom': '^18' },
) =>
  JSON.stringify(
    {
      name: 'web',
      scripts,
      dependencies: deps,
      devDependencies: { vite: '^5' },
    },
    null,
    2,
  );

describeRule(rule, {
  fails: [
    {
      name: 'the npm placeholder test script',
      files: {
        'package.json': app({
          dev: 'vite',
          build: 'vite build',
          lint: 'eslint src',
          test: 'echo "Error: no test specified" && exit 1',
        }),
      },
      findings: ['package.json:3'],
    },
    {
      name: 'no scripts at all in a nested app',
      files: {
        'web/package.json': app({}),
        'web/index.html': '<div id="root"></div>',
      },
      findings: ['web/package.json:3'],
    },
    {
      name: 'dev server only',
      files: { 'package.json': app({ dev: 'vite', preview: 'vite preview' }) },
    },
    {
      name: 'one of two apps',
      files: {
        'admin/package.json': app({
          build: 'vite build',
          lint: 'eslint .',
          test: 'vitest run',
        }),
        'shop/package.json': app(
          { build: 'vite build', test: 'vitest' },
          { vue: '^3' },
        ),
      },
      findings: ['shop/package.json:3'],
    },
  ],
  passes: [
    {
      name: 'standard scripts',
      files: {
        'package.json': app({
          lint: 'eslint .',
          typecheck: 'tsc --noEmit',
          test: 'vitest run',
        }),
      },
    },
    {
      name: 'build instead of typecheck, test:unit',
      files: {
        'package.json': app({
          lint: 'eslint .',
          build: 'tsc && vite build',
          'test:unit': 'vitest',
        }),
      },
    },
    {
      name: 'scripts recognised by their tool',
      files: {
        'package.json': app({
          check: 'biome check .',
          compile: 'vue-tsc --noEmit',
          spec: 'playwright test',
        }),
      },
    },
    {
      name: 'Create React App',
      files: {
        'package.json': app({
          build: 'react-scripts build',
          test: 'react-scripts test',
          lint: 'eslint src',
        }),
      },
    },
    {
      name: 'Nx project targets',
      files: {
        'apps/web/package.json': app({}),
        'apps/web/index.html': '',
        'apps/web/project.json':
          '{"targets": {"lint": {"executor": "@nx/eslint:lint"}, "build": {"executor": "@nx/vite:build"}, "test": {"executor": "@nx/vite:test"}}}',
      },
    },
  ],
  notApplicable: [
    {
      name: 'a backend only',
      files: {
        'package.json': JSON.stringify({ dependencies: { express: '^4' } }),
      },
    },
    {
      name: 'a React component library without app tooling',
      files: {
        'package.json': JSON.stringify({
          peerDependencies: { react: '^18' },
          scripts: { build: 'tsup' },
        }),
      },
    },
  ],
});
