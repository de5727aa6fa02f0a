#!/usr/bin/env node
/*
 * Writes src/schema/openapi.generated.ts from src/schema/openapi.yaml: the
 * spec as a TypeScript constant (`as const`, so the router's request types
 * are inferred from it) and `createOpenApiRouter`, the validated, typed
 * router of @backstage/backend-openapi-utils built from it.
 *
 *   yarn generate:openapi           writes the file
 *   yarn generate:openapi --check   exits 1 when the file is not what the spec gives
 *
 * The output is formatted with the repository's prettier configuration, so
 * a regenerated file differs from the committed one only where the spec did.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SPEC_PATH = resolve(root, 'src/schema/openapi.yaml');
export const GENERATED_PATH = resolve(root, 'src/schema/openapi.generated.ts');

/** The TypeScript module for the spec's YAML text. */
export async function renderGenerated(yamlText) {
  // Aliases (shared parameter lists) are expanded; the spec is plain JSON.
  const spec = parse(yamlText, { maxAliasCount: -1 });
  const source = `// Generated from openapi.yaml by \`yarn generate:openapi\`; do not edit.
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The REST API's OpenAPI spec (src/schema/openapi.yaml). @public */
export const spec = ${JSON.stringify(spec, null, 2)} as const;

/** A router that validates every request against {@link spec} before its handler runs. */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`;
  const config = (await prettier.resolveConfig(GENERATED_PATH)) ?? {};
  return prettier.format(source, { ...config, filepath: GENERATED_PATH });
}

async function main() {
  const check = process.argv.includes('--check');
  const generated = await renderGenerated(await readFile(SPEC_PATH, 'utf8'));
  if (check) {
    const current = await readFile(GENERATED_PATH, 'utf8').catch(() => '');
    if (current !== generated) {
      console.error(
        'src/schema/openapi.generated.ts is out of date with openapi.yaml; run yarn generate:openapi',
      );
      process.exitCode = 1;
    }
    return;
  }
  await writeFile(GENERATED_PATH, generated);
  console.log(`Wrote ${GENERATED_PATH}`);
}

if (
  process.argv[1] &&
  resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  await main();
}
