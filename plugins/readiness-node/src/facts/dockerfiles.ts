import { DockerfileParser } from 'dockerfile-ast';
import { SourceFile } from '../snapshot';
import { basename, dirname } from './paths';
import { nameWords } from './secretNames';

/** @public */
export interface DockerInstruction {
  keyword: string;
  args: string;
  /** 1-based. */
  line: number;
  /** Index of the stage the instruction belongs to; -1 before the first FROM. */
  stage: number;
}

/** An image reference split into its parts. @public */
export interface ImageReference {
  /** The reference as resolved, e.g. `python:3.12-slim`. */
  image: string;
  /** Image name without registry, tag or digest, e.g. `python` or `team/app`. */
  imageName: string;
  tag?: string;
  digest?: string;
}

/** @public */
export interface DockerStage {
  index: number;
  name?: string;
  /** Image reference as written, e.g. `python:3.11-slim`. */
  image: string;
  /** Image name without registry, tag or digest, e.g. `python`. */
  imageName: string;
  tag?: string;
  digest?: string;
  /** True when `image` names an earlier stage or `scratch`. */
  fromStage: boolean;
  /** True when the reference holds a build variable, e.g. `${BASE}`. */
  variable: boolean;
  /**
   * For a variable reference, the image with the defaults of the ARGs declared
   * before the first FROM substituted; absent when a variable has no default.
   */
  resolved?: ImageReference;
  line: number;
  instructions: DockerInstruction[];
}

/** @public */
export interface DockerfileFact {
  path: string;
  /** Directory of the Dockerfile: the usual build context. */
  dir: string;
  stages: DockerStage[];
  instructions: DockerInstruction[];
  /** The stage that produces the image (the last one). */
  finalStage?: DockerStage;
  error?: string;
}

/**
 * Files named after a Dockerfile that are not one: its ignore file, notes about it, and backup copies an editor
 * or an IDE leaves beside it (`Dockerfile.original` when container support is added, `.bak`, `.old`).
 */
const NOT_A_DOCKERFILE = /\.(dockerignore|md|mdx|rst|adoc|txt|orig|original|bak|backup|old|rej|swp)$/i;
/** Source files named after Dockerfiles: `dockerfile.ts` (code that reads or writes them), `Dockerfile.test.js`. */
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|py|go|java|kt|cs|rb|rs|php|json|snap|sh)$/i;

/** Whether a path names a Dockerfile. */
export function isDockerfilePath(path: string): boolean {
  const name = basename(path);
  if (NOT_A_DOCKERFILE.test(name) || SOURCE_FILE.test(name)) return false;
  return (
    // `Dockerfile.prod`, and `Dockerfile-web` beside `Dockerfile-worker` in an images folder.
    /^(Dockerfile|Containerfile)([.-][\w.-]+)?$/i.test(name) ||
    /\.(dockerfile|containerfile)$/i.test(name)
  );
}

/**
 * Splits an image reference (`registry:5000/team/app:1.2@sha256:…`) into its
 * name (without registry), tag and digest.
 * @public
 */
export function parseImageReference(image: string): ImageReference {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1) || undefined;
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1) || undefined;
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  // The first part is a registry when it has a dot or a port, or is localhost.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
  return {
    image: image.trim(),
    imageName: parts.join('/').toLowerCase(),
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
  };
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Substitutes build variables from the given defaults; undefined when a
 * variable has neither a value nor an inline default.
 */
function substitute(text: string, values: Map<string, string>): string | undefined {
  let unresolved = false;
  const out = text.replace(
    VARIABLE,
    (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const name = (braced ?? bare)!;
      const value = values.get(name);
      const set = value !== undefined && (value !== '' || op === '-' || op === '+');
      if (op === ':-' || op === '-') {
        if (set) return value!;
        if (word !== undefined && !word.includes('$')) return word;
      } else if (op === ':+' || op === '+') {
        return set ? (word ?? '') : '';
      } else if (value !== undefined) {
        return value;
      }
      unresolved = true;
      return '';
    },
  );
  return unresolved ? undefined : out;
}

/** Parses a Dockerfile with a real Dockerfile parser; never throws. */
export function parseDockerfile(file: SourceFile): DockerfileFact {
  const fact: DockerfileFact = {
    path: file.path,
    dir: dirname(file.path),
    stages: [],
    instructions: [],
  };
  try {
    const dockerfile = DockerfileParser.parse(file.text);
    const stageNames = new Set<string>(['scratch']);
    // Only ARGs declared before the first FROM apply to FROM lines.
    const globalArgs = new Map<string, string>();
    for (const arg of dockerfile.getInitialARGs()) {
      const property = arg.getProperty();
      if (!property) continue;
      const raw = property.getValue();
      const value =
        raw === null ? undefined : substitute(raw.replace(/^(["'])(.*)\1$/, '$2'), globalArgs);
      if (value !== undefined) globalArgs.set(property.getName(), value);
      else globalArgs.delete(property.getName());
    }
    const froms = dockerfile.getFROMs();
    for (const [index, from] of froms.entries()) {
      const image = from.getImage() ?? '';
      const imageName = from.getImageName() ?? image;
      const name = from.getBuildStage() ?? undefined;
      const tag = from.getImageTag() ?? undefined;
      const digest = from.getImageDigest() ?? undefined;
      const variable = image.includes('$');
      const resolvedImage = variable ? substitute(image, globalArgs) : undefined;
      const resolved = resolvedImage ? parseImageReference(resolvedImage) : undefined;
      fact.stages.push({
        index,
        ...(name ? { name } : {}),
        image,
        imageName: imageName.toLowerCase(),
        ...(tag ? { tag } : {}),
        ...(digest ? { digest } : {}),
        fromStage:
          stageNames.has(image.toLowerCase()) ||
          (resolved !== undefined && stageNames.has(resolved.image.toLowerCase())),
        variable,
        ...(resolved ? { resolved } : {}),
        line: from.getRange().start.line + 1,
        instructions: [],
      });
      if (name) stageNames.add(name.toLowerCase());
    }
    let stage = -1;
    for (const instruction of dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword().toUpperCase();
      const line = instruction.getRange().start.line + 1;
      if (keyword === 'FROM') {
        stage += 1;
      }
      const item: DockerInstruction = {
        keyword,
        args: (instruction.getArgumentsContent() ?? '').trim(),
        line,
        stage,
      };
      fact.instructions.push(item);
      if (stage >= 0 && fact.stages[stage]) {
        fact.stages[stage].instructions.push(item);
      }
    }
    if (fact.stages.length === 0) {
      fact.error = 'no FROM instruction';
    }
    fact.finalStage = fact.stages[fact.stages.length - 1];
  } catch (e) {
    fact.error = `could not parse Dockerfile: ${(e as Error).message}`;
  }
  return fact;
}

/** The command of a CMD or ENTRYPOINT as one line, from its exec (JSON array) or shell form. */
export function instructionCommandLine(args: string): string {
  const text = args.trim();
  if (!text.startsWith('[')) return text;
  try {
    const parts: unknown = JSON.parse(text);
    return Array.isArray(parts) ? parts.map(String).join(' ') : text;
  } catch {
    return text;
  }
}

const PRODUCTION_WORD = /^(?:prod|production)$/;
const productionWords = (path: string) => nameWords(basename(path).replace(/dockerfile|containerfile/gi, ' ')).some(w => PRODUCTION_WORD.test(w));

/** The words of a folder's name other than production words (`app-prod` → `app`), and whether it had one. */
function folderWords(dir: string): { rest: string; production: boolean } {
  const words = nameWords(basename(dir));
  return { rest: words.filter(w => !PRODUCTION_WORD.test(w)).join(' '), production: words.some(w => PRODUCTION_WORD.test(w)) };
}

/**
 * Whether a Dockerfile not named for production has a production variant beside it, so that it builds the
 * development image: in its folder (`Dockerfile` next to `Dockerfile.prod`, `Dockerfile-prod` or `prod.Dockerfile`),
 * or in a sibling folder named like its own plus a production word (`docker/app/Dockerfile` next to
 * `docker/app-prod/Dockerfile`).
 * @public
 */
export function besideProductionVariant(dockerfiles: DockerfileFact[], path: string): boolean {
  if (productionWords(path)) return false;
  const dir = dirname(path);
  const own = folderWords(dir);
  return dockerfiles.some(d => {
    if (d.path === path || !d.finalStage) return false;
    if (dirname(d.path) === dir) return productionWords(d.path);
    if (!dir || own.production || dirname(dirname(d.path)) !== dirname(dir)) return false;
    const other = folderWords(dirname(d.path));
    return other.production && other.rest === own.rest && own.rest !== '';
  });
}
