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

const blazorClient = (dir: string) => ({
  [`${dir}/Shop.Client.csproj`]:
    '<Project Sdk="Microsoft.NET.Sdk.BlazorWebAssembly">\n  <ItemGroup>\n    <PackageReference Include="Microsoft.AspNetCore.Components.WebAssembly" Version="8.0.0" />\n    <ProjectReference Include="..\\Shop.Components\\Shop.Components.csproj" />\n  </ItemGroup>\n</Project>\n',
  [`${dir}/Pages/Cart.razor`]: '@page "/cart"\n<h1>Cart</h1>\n',
  [`${dir}/Program.cs`]: 'var builder = WebAssemblyHostBuilder.CreateDefault(args);\nawait builder.Build().RunAsync();\n',
});
const componentLibrary = {
  'src/Shop.Components/Shop.Components.csproj': '<Project Sdk="Microsoft.NET.Sdk.Razor"></Project>\n',
  'src/Shop.Components/CartLine.razor': '<li>@Name</li>\n',
};
const serverHost = {
  'src/Shop.Server/Shop.Server.csproj':
    '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <PackageReference Include="Microsoft.AspNetCore.Components.WebAssembly.Server" Version="8.0.0" />\n    <ProjectReference Include="..\\Shop.Client\\Shop.Client.csproj" />\n  </ItemGroup>\n</Project>\n',
  'src/Shop.Server/Program.cs': 'var app = WebApplication.CreateBuilder(args).Build();\napp.UseBlazorFrameworkFiles();\napp.Run();\n',
};
const testProject = (dir: string, reference: string, packages = ['Microsoft.NET.Test.Sdk', 'xunit']) => ({
  [`${dir}/${dir.split('/').pop()}.csproj`]: `<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n${packages
    .map(p => `    <PackageReference Include="${p}" Version="1.0.0" />\n`)
    .join('')}    <ProjectReference Include="${reference}" />\n  </ItemGroup>\n</Project>\n`,
  [`${dir}/CartTests.cs`]: 'public class CartTests { [Fact] public void Renders() { } }\n',
});

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
      name: 'a package with a main field and react as a peer that still has an app page',
      files: {
        'widget/package.json': '{"name":"widget","main":"dist/index.js","peerDependencies":{"react":"^18"},"devDependencies":{"vite":"^5"}}',
        'widget/index.html': '<div id="root"></div>',
        'widget/src/Widget.tsx': 'export const Widget = () => <div />;\n',
      },
      findings: ['widget/package.json'],
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
    {
      name: 'a file named as a test that only exports fakes for other tests, beside Playwright tests',
      files: {
        ...viteApp('', ',"@playwright/test":"^1.47.0"'),
        'src/api/fakes.test.ts': 'import { FakeClient } from "./fake-client";\n\nexport const ordersClient = new FakeClient({ orders: [] });\n',
        'tests/e2e/checkout.test.ts': 'import { test, expect } from "@playwright/test";\ntest("checks out", async ({ page }) => { await page.goto("/"); });\n',
      },
      findings: ['package.json'],
    },
    {
      name: 'a Blazor WebAssembly app whose only test project tests the API',
      files: {
        ...blazorClient('src/Shop.Client'),
        ...componentLibrary,
        'src/Shop.Api/Shop.Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n',
        'src/Shop.Api/Program.cs': 'var app = WebApplication.CreateBuilder(args).Build();\napp.MapGet("/items", () => new[] { 1 });\napp.Run();\n',
        ...testProject('tests/Shop.Api.Tests', '..\\..\\src\\Shop.Api\\Shop.Api.csproj'),
      },
      findings: ['src/Shop.Client/Shop.Client.csproj'],
    },
    {
      name: 'a hosted Blazor WebAssembly app whose test project references only the server hosting it',
      files: {
        ...blazorClient('src/Shop.Client'),
        ...serverHost,
        ...testProject('tests/Shop.Server.Tests', '..\\..\\src\\Shop.Server\\Shop.Server.csproj'),
      },
      findings: ['src/Shop.Client/Shop.Client.csproj'],
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
    {
      name: 'table-driven and focused tests count: test.each, it.only',
      files: {
        ...viteApp('', ',"vitest":"^2.0.0"'),
        'src/price.test.ts': 'import { price } from "./price";\ntest.each([[1, "1.00"]])("formats %s", (n, s) => expect(price(n)).toBe(s));\n',
        'src/cart.spec.ts': 'it.only("adds", () => {});\n',
      },
    },
    {
      name: 'a Blazor WebAssembly app with a bUnit test project referencing it',
      files: {
        ...blazorClient('src/Shop.Client'),
        ...componentLibrary,
        ...serverHost,
        ...testProject('tests/Shop.Client.Tests', '..\\..\\src\\Shop.Client\\Shop.Client.csproj', ['bunit', 'xunit', 'Microsoft.NET.Test.Sdk']),
      },
    },
    {
      name: 'a Blazor WebAssembly app whose component library is tested',
      files: {
        ...blazorClient('src/Shop.Client'),
        ...componentLibrary,
        ...testProject('tests/Shop.Components.Tests', '..\\..\\src\\Shop.Components\\Shop.Components.csproj', ['bunit', 'NUnit']),
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
      name: 'a server hosting Blazor WebAssembly files, with no client project in the repository, and a Razor component library',
      files: { ...serverHost, ...componentLibrary },
    },
    {
      name: 'a React component library without app tooling',
      files: {
        'package.json': '{"name":"ui-kit","peerDependencies":{"react":"^18.0.0"}}',
        'src/Button.tsx': 'export const Button = () => <button />;\n',
      },
    },
    {
      name: 'a workspace component library that publishes a bundle and peers on react-dom',
      files: {
        'charts/package.json':
          '{"name":"@acme/charts","main":"dist/charts.js","scripts":{"build":"babel src --out-dir lib && webpack"},"peerDependencies":{"react-dom":">=17"},"dependencies":{"react":"^18"},"devDependencies":{"webpack":"^5"}}',
        'charts/src/index.ts': 'export { Chart } from "./Chart";\n',
        'charts/src/Chart.tsx': 'export function Chart() {\n  return <div />;\n}\n',
      },
    },
  ],
});

describe('testing/no-frontend-tests messages', () => {
  it('names the Blazor WebAssembly app and what would test it', () => {
    const result = runRule(rule, { ...blazorClient('src/Shop.Client'), ...componentLibrary });
    expect(result.findings[0].message).toBe(
      'The Blazor WebAssembly app in src/Shop.Client/ has 2 source file(s) and no component or unit test: no test project references it or its component libraries (bUnit, xUnit, NUnit, MSTest)',
    );
  });
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
