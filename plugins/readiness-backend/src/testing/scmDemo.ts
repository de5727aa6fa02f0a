import { JsonObject } from '@backstage/types';
import { promises as fs } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { FixtureFiles, FixtureGitRepo } from './fixtureGit';
import { ScmServer, startScmServer } from './scmServer';

/**
 * The sample catalog on GitHub-style URLs: the sample repositories of
 * `examples/repos` committed to fixture git repositories and served by the
 * local SCM server as GitHub repositories, the sample components' source
 * locations rewritten to GitHub URLs on a demo host, and the app config
 * that points `integrations.github` at the server. `./scripts/start.sh --scm`
 * runs the app with it.
 */

/** The GitHub host of the demo; its `apiBaseUrl` is the local SCM server. */
export const DEMO_GITHUB_HOST = 'github.readiness.localhost';
/** The GitHub owner of the sample repositories. */
export const DEMO_OWNER = 'readiness-samples';

const SOURCE_LOCATION = 'backstage.io/source-location';

/** Every file under `dir` by its relative path, without `.git`. */
export async function readDirectoryFiles(dir: string): Promise<FixtureFiles> {
  const files: FixtureFiles = {};
  const walk = async (current: string) => {
    for (const entry of await fs.readdir(current, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        files[relative(dir, path).split('\\').join('/')] = await fs.readFile(
          path,
        );
      }
    }
  };
  await walk(dir);
  return files;
}

/**
 * The sample catalog with each component whose source location is a sample
 * repository (`dir:./repos/<name>/`) pointing at that repository on the demo
 * GitHub host instead; everything else as written. Returns the YAML and the
 * repository names it points at.
 */
export function githubDemoCatalog(entitiesYaml: string): {
  yaml: string;
  repositories: string[];
} {
  const repositories: string[] = [];
  const documents = parseAllDocuments(entitiesYaml).map(doc => {
    if (doc.errors.length > 0) throw doc.errors[0];
    const location = doc.getIn(['metadata', 'annotations', SOURCE_LOCATION]);
    if (doc.get('kind') !== 'Component' || typeof location !== 'string') {
      return doc;
    }
    const target = location.replace(/^dir:/, '');
    const segments = target.split('/').filter(s => s && s !== '.');
    if (
      !location.startsWith('dir:') ||
      segments.length !== 2 ||
      segments[0] !== 'repos'
    ) {
      return doc;
    }
    repositories.push(segments[1]);
    doc.setIn(
      ['metadata', 'annotations', SOURCE_LOCATION],
      `url:https://${DEMO_GITHUB_HOST}/${DEMO_OWNER}/${segments[1]}`,
    );
    return doc;
  });
  return {
    yaml: documents.map(doc => doc.toString()).join(''),
    repositories,
  };
}

/** A running demo: the SCM server, its repositories and the config to start the app with. */
export interface ScmDemo {
  scm: ScmServer;
  /** By repository name. */
  repos: Map<string, FixtureGitRepo>;
  /** The rewritten sample catalog. */
  entitiesFile: string;
  /** `integrations.github`, `catalog.locations` and a database of its own, over the app's own config. */
  config: JsonObject;
  stop(): Promise<void>;
}

/**
 * Builds the demo from the repository at `root`: one fixture git repository
 * per directory of `examples/repos`, served as `readiness-samples/<name>`,
 * and the rewritten catalog in `workDir`.
 */
export async function startScmDemo(options: {
  root: string;
  workDir: string;
}): Promise<ScmDemo> {
  const root = resolve(options.root);
  const examples = join(root, 'examples');
  await fs.mkdir(options.workDir, { recursive: true });
  const catalog = githubDemoCatalog(
    await fs.readFile(join(examples, 'entities.yaml'), 'utf8'),
  );
  const scm = await startScmServer();
  const repos = new Map<string, FixtureGitRepo>();
  try {
    for (const name of catalog.repositories) {
      const repo = await FixtureGitRepo.create(
        await readDirectoryFiles(join(examples, 'repos', name)),
      );
      repos.set(name, repo);
      scm.addGithubRepo(`${DEMO_OWNER}/${name}`, repo);
    }
  } catch (e) {
    await scm.stop();
    for (const repo of repos.values()) await repo.remove();
    throw e;
  }
  const entitiesFile = join(resolve(options.workDir), 'entities.yaml');
  await fs.writeFile(entitiesFile, catalog.yaml);
  const config: JsonObject = {
    backend: {
      // A database of its own, so the default start keeps its scorecards.
      database: {
        client: 'better-sqlite3',
        connection: { directory: join(root, '.readiness', 'scm-db') },
      },
    },
    integrations: {
      github: [{ host: DEMO_GITHUB_HOST, apiBaseUrl: scm.githubApiBaseUrl }],
    },
    catalog: {
      // The app's own locations, with the sample components on GitHub.
      locations: [
        { type: 'file', target: entitiesFile },
        {
          type: 'file',
          target: join(examples, 'org.yaml'),
          rules: [{ allow: ['User', 'Group'] }],
        },
        { type: 'file', target: join(root, 'catalog-info.yaml') },
      ],
    },
  };
  return {
    scm,
    repos,
    entitiesFile,
    config,
    stop: async () => {
      await scm.stop();
      for (const repo of repos.values()) await repo.remove();
    },
  };
}
