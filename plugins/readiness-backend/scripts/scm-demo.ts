/**
 * Serves the sample repositories as GitHub repositories on the local SCM
 * server and writes the app config that points the app at them; runs until
 * stopped. Started by `./scripts/start.sh --scm`:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/readiness-backend/scripts/scm-demo.ts <repository root> <work dir>
 *
 * Prints the path of the config file once the server answers.
 */
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { startScmDemo } from '../src/testing/scmDemo';

async function main() {
  const [root, workDir] = process.argv.slice(2);
  if (!root || !workDir) {
    throw new Error('usage: scm-demo.ts <repository root> <work dir>');
  }
  const demo = await startScmDemo({ root, workDir });
  const configFile = join(resolve(workDir), 'app-config.scm.yaml');
  await fs.writeFile(
    configFile,
    `# Written by plugins/readiness-backend/scripts/scm-demo.ts for ./scripts/start.sh --scm\n${stringify(
      demo.config,
    )}`,
  );
  process.stdout.write(`${configFile}\n`);
  const stop = () => {
    demo.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch(e => {
  process.stderr.write(`scm-demo: ${e instanceof Error ? e.message : e}\n`);
  process.exit(1);
});
