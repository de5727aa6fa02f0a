import { describeRule, runRule } from '../../../testing';
import rule from '.';

const viteApp = (dir: string, extraDeps = '') => {
  const p = dir ? `${dir}/` : '';
  return {
    [`${p}package.json`]: `{"name":"web","dependencies":{"react":"^18.3.1","react-dom":"^18.3.1"},"devDependencies":{"vite":"^5.4.0"${extraDeps}}}`,
    [`${p}index.html`]: '<div id="root"></div>',
    [`${p}src/App.tsx`]: 'export function App() {\n  return <h1>Shop</h1>;\n}\n',
    [`${p}src/main.tsx`]: 'import { App } from "./App";\nrender(<App />);\n',
  };
};

describeRule(rule, {
  fails: [
    {
      name: 'only Playwright specs and their helpers in tests/',
      files: {
        ...viteApp('frontend', ',"@playwright/test":"^1.47.0"'),
        'frontend/tests/login.spec.ts': 'import { test, expect } from "@playwright/test"\ntest("logs in", async ({ page }) => { await page.goto("/") })\n',
        'frontend/tests/config.ts': 'export const firstSuperuser = process.env.FIRST_SUPERUSER as string\n',
        'frontend/tests/utils/random.ts': 'export const randomEmail = () => `user${Date.now()}@example.com`\n',
      },
      findings: ['frontend/package.json'],
    },
    {
      name: 'a Vite React app without tests, next to a tested Python backend',
      files: {
        ...viteApp('web'),
        'api/requirements.txt': 'fastapi==0.111.0\n',
        'api/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
        'api/tests/test_main.py': 'def test_ok():\n    assert True\n',
      },
      findings: ['web/package.json'],
    },
    {
      name: 'only Playwright end-to-end tests',
      files: {
        ...viteApp('', ',"@playwright/test":"^1.45.0"'),
        'e2e/home.spec.ts': 'import { test, expect } from "@playwright/test";\ntest("home", async ({ page }) => { await page.goto("/"); });\n',
        'tests/checkout.spec.ts': 'import { test } from "@playwright/test";\ntest("checkout", async ({ page }) => {});\n',
      },
      findings: ['package.json'],
    },
    {
      name: 'two apps, only one tested',
      files: {
        ...viteApp('apps/shop', ',"vitest":"^2.0.0"'),
        'apps/shop/src/App.test.tsx': 'import { App } from "./App";\ntest("renders", () => {});\n',
        ...viteApp('apps/admin'),
      },
      findings: ['apps/admin/package.json'],
    },
    {
      name: 'Cypress end-to-end specs that visit pages',
      files: {
        ...viteApp(''),
        'cypress/e2e/login.cy.ts': 'describe("login", () => { it("works", () => { cy.visit("/login"); }); });\n',
      },
      findings: ['package.json'],
    },
  ],
  passes: [
    {
      name: 'a Vitest component test next to the component',
      files: {
        ...viteApp('', ',"vitest":"^2.0.0","@testing-library/react":"^16.0.0"'),
        'src/App.test.tsx': 'import { render } from "@testing-library/react";\ntest("renders", () => render(<App />));\n',
      },
    },
    {
      name: 'tests in __tests__',
      files: {
        ...viteApp('web', ',"jest":"^29.7.0"'),
        'web/src/__tests__/App.tsx': 'test("renders", () => {});\n',
      },
    },
    {
      name: 'a Cypress component test',
      files: {
        ...viteApp('', ',"cypress":"^13.0.0"'),
        'src/components/Button.cy.tsx': 'import { Button } from "./Button";\nit("mounts", () => { cy.mount(<Button />); });\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'a backend only',
      files: {
        'package.json': '{"name":"api","dependencies":{"express":"^4.19.2"}}',
        'src/server.js': 'const express = require("express");\n',
      },
    },
    {
      name: 'a React component library without app tooling',
      files: {
        'package.json': '{"name":"ui-kit","peerDependencies":{"react":"^18.0.0"}}',
        'src/Button.tsx': 'export const Button = () => <button />;\n',
      },
    },
  ],
});

describe('testing/no-frontend-tests messages', () => {
  it('says when only end-to-end tests exist and no runner is installed', () => {
    const result = runRule(rule, {
      ...viteApp(''),
      'e2e/home.spec.ts': 'import { test } from "@playwright/test";\n',
    });
    expect(result.findings[0].message).toBe(
      'The react app has 2 source file(s) and no component or unit test: only 1 end-to-end test(s), which do not exercise components one by one; no component test runner (Vitest, Jest, Testing Library) among its dependencies',
    );
  });
});
