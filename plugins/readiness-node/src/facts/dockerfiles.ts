import { DockerfileParser } from 'dockerfile-ast';
import { SourceFile } from '../engine/snapshot';
import { basename, dirname } from './paths';

/** @public */
export interface DockerInstruction {
  keyword: string;
  args: string;
  /** 1-based. */
  line: number;
  /** Index of the stage the instruction belongs to; -1 before the first FROM. */
  stage: number;
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

/** Whether a path names a Dockerfile. */
export function isDockerfilePath(path: string): boolean {
  const name = basename(path);
  return (
    /^(Dockerfile|Containerfile)(\.[\w.-]+)?$/i.test(name) ||
    /\.(dockerfile|containerfile)$/i.test(name)
  );
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
    const froms = dockerfile.getFROMs();
    for (const [index, from] of froms.entries()) {
      const image = from.getImage() ?? '';
      const imageName = from.getImageName() ?? image;
      const name = from.getBuildStage() ?? undefined;
      const tag = from.getImageTag() ?? undefined;
      const digest = from.getImageDigest() ?? undefined;
      fact.stages.push({
        index,
        ...(name ? { name } : {}),
        image,
        imageName: imageName.toLowerCase(),
        ...(tag ? { tag } : {}),
        ...(digest ? { digest } : {}),
        fromStage: stageNames.has(image.toLowerCase()),
        variable: image.includes('$'),
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
