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
    {
      name: 'a package that publishes a main module but has an app page',
      files: {
        'packages/widget/package.json': JSON.stringify({
          name: 'widget',
          main: 'dist/index.js',
          peerDependencies: { react: '^18' },
          scripts: { build: 'rollup -c' },
          devDependencies: { vite: '^5' },
        }),
        'packages/widget/index.html': '<div id="root"></div>',
      },
      findings: ['packages/widget/package.json:1'],
    },
    {
      name: 'a Next.js package with a main field and its own pages',
      files: {
        'apps/site/package.json': JSON.stringify({
          name: 'site',
          main: 'index.ts',
          dependencies: { next: '^14' },
          peerDependencies: { react: '^18' },
        }),
        'apps/site/pages/index.tsx': 'export default function Home() {\n  return <h1>Home</h1>;\n}\n',
      },
      findings: ['apps/site/package.json'],
    },
    {
      name: 'a package with a library build whose entry module mounts an app',
      files: {
        'ui/package.json': JSON.stringify({
          name: 'ui',
          module: 'lib/index.js',
          scripts: { build: 'babel src --out-dir lib && webpack' },
          dependencies: { react: '^18', 'react-dom': '^18' },
        }),
        'ui/src/index.tsx':
          'import { createRoot } from "react-dom/client";\nimport { App } from "./App";\ncreateRoot(document.getElementById("root")!).render(<App />);\n',
      },
      findings: ['ui/package.json:1'],
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
    {
      name: 'a workspace component library built with babel and webpack, publishing a UMD bundle',
      files: {
        'charts/package.json': JSON.stringify({
          name: '@acme/charts',
          main: 'dist/charts.js',
          files: ['dist', 'lib'],
          scripts: { 'build:babel': 'babel src --out-dir lib --extensions .ts,.tsx', 'build:webpack': 'webpack', test: 'jest' },
          peerDependencies: { 'react-dom': '>=17' },
          dependencies: { react: '^18' },
          devDependencies: { webpack: '^5', jest: '^29' },
        }),
        'charts/webpack.config.js': 'module.exports = { entry: "./src/index.ts", output: { libraryTarget: "umd" } };\n',
        'charts/src/index.ts': 'export { Chart } from "./Chart";\n',
        'charts/src/Chart.tsx':
          'import ReactDOM from "react-dom";\nexport function Chart() {\n  return <div />;\n}\nexport function popup(el: Element) {\n  ReactDOM.render(<Chart />, el);\n}\n',
      },
    },
    {
      name: 'a workspace package of shared hooks with a main field, next as a dependency and react as a peer',
      files: {
        'packages/hooks/package.json': JSON.stringify({
          name: '@acme/hooks',
          private: true,
          main: 'index.ts',
          dependencies: { next: '^14' },
          peerDependencies: { react: '^18', '@tanstack/react-query': '^5' },
        }),
        'packages/hooks/links.tsx': 'import { useQuery } from "@tanstack/react-query";\nexport const useLinks = () => useQuery({ queryKey: ["links"] });\n',
      },
    },
    {
      name: 'a Vite library build',
      files: {
        'package.json': JSON.stringify({
          name: 'kit',
          exports: { '.': './dist/kit.js' },
          scripts: { build: 'vite build' },
          peerDependencies: { vue: '^3' },
          devDependencies: { vite: '^5' },
        }),
        'vite.config.ts': 'export default { build: { lib: { entry: "src/index.ts", name: "Kit" } } };\n',
      },
    },
  ],
});
