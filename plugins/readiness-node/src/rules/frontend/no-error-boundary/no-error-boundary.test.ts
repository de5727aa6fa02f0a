import { describeRule } from '../../../testing';
import rule from '.';

const pkg = (
  deps: Record<string, string> = {},
  framework: Record<string, string> = { react: '^18', 'react-dom': '^18' },
) =>
  JSON.stringify({
    dependencies: { ...framework, ...deps },
    devDependencies: { vite: '^5' },
  });
const main =
  "import { createRoot } from 'react-dom/client';\nimport App from './App';\n\ncreateRoot(document.getElementById('root')!).render(<App />);\n";

describeRule(rule, {
  fails: [
    {
      name: 'a Vite React app without a boundary',
      files: {
        'package.json': pkg(),
        'src/main.tsx': main,
        'src/App.tsx': 'export default function App() { return <div />; }\n',
      },
      findings: ['src/main.tsx:4'],
    },
    {
      name: 'a boundary only in a test file and a comment',
      files: {
        'package.json': pkg(),
        'src/main.tsx': main,
        'src/App.tsx':
          '// TODO: add componentDidCatch handling\nexport default function App() { return null; }\n',
        'src/App.test.tsx':
          'class B extends React.Component { componentDidCatch() {} }\n',
      },
      findings: ['src/main.tsx:4'],
    },
    {
      name: 'one React app of two',
      files: {
        'admin/package.json': pkg({ 'react-error-boundary': '^4' }),
        'admin/index.html': '',
        'shop/package.json': pkg(),
        'shop/index.html': '',
        'shop/src/index.jsx':
          "import ReactDOM from 'react-dom';\nReactDOM.render(<App />, root);\n",
      },
      findings: ['shop/src/index.jsx:2'],
    },
  ],
  passes: [
    {
      name: 'a Backstage app: the app framework wraps every route in an error boundary',
      files: {
        'packages/app/package.json': JSON.stringify({ name: 'app', backstage: { role: 'frontend' }, scripts: { build: 'backstage-cli package build' }, dependencies: { react: '^18.0.0', '@backstage/frontend-defaults': '^0.2.0' } }),
        'packages/app/public/index.html': '<html><body><div id="root"></div></body></html>',
        'packages/app/src/index.tsx': "import ReactDOM from 'react-dom/client';\nimport app from './App';\nReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());\n",
      },
    },
    {
      name: 'a class boundary',
      files: {
        'package.json': pkg(),
        'src/main.tsx': main,
        'src/ErrorBoundary.tsx':
          'export class ErrorBoundary extends React.Component {\n  static getDerivedStateFromError() { return { failed: true }; }\n}\n',
      },
    },
    {
      name: 'react-error-boundary',
      files: {
        'package.json': pkg({ 'react-error-boundary': '^4' }),
        'src/main.tsx': main,
      },
    },
    {
      name: 'Sentry.ErrorBoundary',
      files: {
        'package.json': pkg({ '@sentry/react': '^8' }),
        'src/main.tsx': `${main}\nconst x = <Sentry.ErrorBoundary fallback={<p />}><App /></Sentry.ErrorBoundary>;\n`,
      },
    },
    {
      name: 'Next.js app/error.tsx',
      files: {
        'package.json': pkg({ next: '^14' }),
        'app/error.tsx':
          "'use client';\nexport default function Error() { return null; }\n",
        'app/page.tsx': '',
      },
    },
    {
      name: 'Next.js pages/_error',
      files: {
        'package.json': pkg({ next: '^14' }),
        'pages/_error.js': 'export default function E() {}\n',
      },
    },
    {
      name: 'React Router errorElement',
      files: {
        'package.json': pkg({ 'react-router-dom': '^6' }),
        'src/routes.tsx':
          'export const router = createBrowserRouter([{ path: "/", element: <Root />, errorElement: <Oops /> }]);\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'sample apps under examples/ and Backstage frontend plugins are not the repository\'s apps',
      files: {
        'examples/shop/package.json': JSON.stringify({ name: 'shop', scripts: { build: 'vite build' }, dependencies: { react: '^18.0.0' }, devDependencies: { vite: '^5.0.0' } }),
        'examples/shop/index.html': '<html></html>',
        'examples/shop/src/main.tsx': "ReactDOM.createRoot(el).render(<App />);\n",
        'plugins/orders/package.json': JSON.stringify({ name: '@acme/plugin-orders', backstage: { role: 'frontend-plugin' }, scripts: { start: 'backstage-cli package start' }, dependencies: { react: '^18.0.0' }, devDependencies: { vite: '^5.0.0' } }),
        'plugins/orders/src/index.ts': 'export const x = 1;\n',
      },
    },
    {
      name: 'no frontend',
      files: {
        'package.json': JSON.stringify({ dependencies: { express: '^4' } }),
      },
    },
    {
      name: 'a Vue app',
      files: {
        'package.json': pkg({}, { vue: '^3' }),
        'src/main.ts': "createApp(App).mount('#app')\n",
      },
    },
  ],
});
