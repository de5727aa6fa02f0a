/**
 * Blazor WebAssembly apps: .NET projects compiled to WebAssembly and run in the browser, each with its own build.
 * Their components are tested from a separate test project (bUnit with xUnit, NUnit or MSTest) that references the
 * app, or a Razor component library the app uses.
 */
import type { Facts } from '../../../facts';
import { dirname, extname, isTestFile } from '../../../facts';

/** A Blazor WebAssembly app, by its project file. */
export interface BlazorClient {
  /** The project file. */
  path: string;
  dir: string;
  /** Its `.razor` and `.cs` files. */
  sources: number;
  /** The project files it references (repository paths). */
  references: string[];
}

/** The WebAssembly SDK, as the project's `Sdk` attribute or an `<Sdk Name="…">` element. */
const WASM_SDK = /\bSdk\s*=\s*"Microsoft\.NET\.Sdk\.BlazorWebAssembly"|<Sdk\s+Name\s*=\s*"Microsoft\.NET\.Sdk\.BlazorWebAssembly"/i;
/** The package that runs components in the browser (the `.Server` package hosts such an app; it is not one). */
const WASM_PACKAGE = 'microsoft.aspnetcore.components.webassembly';
/** Packages of a .NET test project. */
const TEST_PACKAGE = /^(microsoft\.net\.test\.sdk|xunit(\.[\w.]+)?|nunit|mstest(\.testframework)?|bunit(\.[\w.]+)?)$/;

function isTestProject(packages: string[]): boolean {
  return packages.some(p => TEST_PACKAGE.test(p.toLowerCase()));
}

/** The repository's Blazor WebAssembly apps (test projects and projects under test folders are not apps). */
export function blazorClients(facts: Facts): BlazorClient[] {
  const out: BlazorClient[] = [];
  for (const project of facts.manifests.csprojs) {
    if (isTestProject(project.packages) || isTestFile(project.path)) continue;
    const text = facts.file(project.path)?.text ?? '';
    if (!WASM_SDK.test(text) && !project.packages.some(p => p.toLowerCase() === WASM_PACKAGE)) continue;
    const dir = dirname(project.path);
    const sources = facts.files.filter(
      f => (dir === '' || f.path.startsWith(`${dir}/`)) && (extname(f.path) === '.razor' || extname(f.path) === '.cs') && !isTestFile(f.path),
    ).length;
    out.push({ path: project.path, dir, sources, references: project.projectReferences });
  }
  return out;
}

/**
 * Whether a test project references the app, or a component library it references (a project holding `.razor`
 * components). A test project that references only the server hosting the app tests the server, not the components.
 */
export function isBlazorClientTested(facts: Facts, client: BlazorClient): boolean {
  const holdsComponents = (projectPath: string) => {
    const dir = dirname(projectPath);
    return facts.files.some(f => extname(f.path) === '.razor' && (dir === '' || f.path.startsWith(`${dir}/`)));
  };
  const tested = new Set([client.path, ...client.references.filter(holdsComponents)]);
  return facts.manifests.csprojs.some(p => isTestProject(p.packages) && p.projectReferences.some(r => tested.has(r)));
}
