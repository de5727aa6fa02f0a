import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { basename, isCodePath, lineOf } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { appFiles, appLabel, frontendApps } from '../apps';

/** Libraries that provide an error boundary component. */
const BOUNDARY_DEPENDENCIES = [
  'react-error-boundary',
  '@bugsnag/plugin-react',
  '@datadog/browser-rum-react',
  'react-error-boundaries',
  // The Backstage app frameworks wrap every route and extension in an error boundary.
  '@backstage/app-defaults',
  '@backstage/frontend-defaults',
  '@backstage/frontend-app-api',
  '@backstage/core-app-api',
];

/** Code that defines or uses an error boundary. */
const BOUNDARY_CODE = [
  /\bcomponentDidCatch\s*\(/,
  /\bgetDerivedStateFromError\s*\(/,
  /\bSentry\.ErrorBoundary\b|\bwithErrorBoundary\s*\(|<ErrorBoundary\b/,
  /\berrorElement\s*[:=]/,
  /\bexport\s+(?:function|const|class)\s+ErrorBoundary\b/,
  /\berrorComponent\s*:/,
  /\bcreateErrorBoundary\s*\(/,
];

/** Next.js error files: `app/**\/error.tsx`, `app/global-error.tsx`, `pages/_error.tsx`. */
const NEXT_ERROR_FILE =
  /(?:^|\/)(?:app\/(?:.*\/)?(?:error|global-error)|pages\/_error)\.[jt]sx?$/;

const ROOT_RENDER =
  /\bcreateRoot\s*\(|\bhydrateRoot\s*\(|\bReactDOM\.render\s*\(|\brender\s*\(\s*<(?:React\.StrictMode|App|Router|BrowserRouter|Provider)\b/;

function isCommentLine(text: string): boolean {
  return /^\s*(?:\/\/|\*|\/\*|\{\s*\/\*)/.test(text);
}

export default defineRule({
  id: 'frontend/no-error-boundary',
  category: 'frontend',
  severity: 'low',
  title: 'React apps have an error boundary',
  description:
    'Fails for each React app with no error boundary: no class component with `componentDidCatch` / `getDerivedStateFromError`, no react-error-boundary, no `Sentry.ErrorBoundary`, no router `errorElement` / `ErrorBoundary` export, and no Next.js `error.tsx` or `pages/_error`.',
  rationale:
    'In React, an exception thrown while rendering unmounts the whole tree: users see a blank page with no way forward, and the error is not reported. A boundary shows a fallback and reports the error.',
  remediation:
    "Wrap the app (and risky sections such as routes) in an error boundary: `react-error-boundary`'s `<ErrorBoundary fallback={…}>`, `Sentry.ErrorBoundary`, a router `errorElement`, or `app/error.tsx` in Next.js.",
  evaluate(facts) {
    const apps = frontendApps(facts);
    if (apps.length === 0) return outcome.notApplicable('no frontend app');
    const reactApps = apps.filter(app => app.framework === 'react');
    if (reactApps.length === 0)
      return outcome.notApplicable(
        `no React app (frontends: ${[
          ...new Set(apps.map(a => a.framework)),
        ].join(', ')})`,
      );
    const findings: Finding[] = [];
    for (const app of reactApps) {
      const deps = {
        ...app.packageJson.dependencies,
        ...app.packageJson.devDependencies,
      };
      if (BOUNDARY_DEPENDENCIES.some(d => d in deps)) continue;
      const files = appFiles(facts, app).filter(f => isCodePath(f.path));
      if (files.some(f => NEXT_ERROR_FILE.test(f.path))) continue;
      const hasBoundary = files.some(f =>
        BOUNDARY_CODE.some(
          re =>
            re.test(f.text) &&
            f.text.split('\n').some(l => re.test(l) && !isCommentLine(l)),
        ),
      );
      if (hasBoundary) continue;
      const entry = files.find(f => ROOT_RENDER.test(f.text));
      const line = entry
        ? entry.text.slice(0, entry.text.search(ROOT_RENDER)).split('\n').length
        : undefined;
      findings.push({
        path: entry?.path ?? app.packageJson.path,
        ...(entry && line ? { line, excerpt: lineOf(entry, line) } : {}),
        message: `${appLabel(app).replace(
          /^the/,
          'The',
        )} has no error boundary: a rendering error${
          entry ? ` below ${basename(entry.path)}` : ''
        } blanks the whole page`,
      });
    }
    return outcome.fromFindings(findings);
  },
});
