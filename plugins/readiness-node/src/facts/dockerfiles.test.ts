import { isDockerfilePath, parseDockerfile, parseImageReference } from './dockerfiles';

const file = (text: string, path = 'Dockerfile') => ({ path, text, size: text.length });

describe('isDockerfilePath', () => {
  it.each([
    'Dockerfile',
    'api/Dockerfile',
    'Dockerfile.prod',
    'Containerfile',
    'docker/api.Dockerfile',
    'build.dockerfile',
    'Dockerfile.template',
    'docker/Dockerfile-web',
    'Containerfile-worker',
  ])('recognises %s', path => {
    expect(isDockerfilePath(path)).toBe(true);
  });

  it.each([
    'Dockerfile.dockerignore',
    'api/Dockerfile.prod.dockerignore',
    '.dockerignore',
    'Dockerfile.md',
    'docs/Dockerfile.txt',
    'src/Api/Dockerfile.original',
    'src/fixes/dockerfile.ts',
    'test/Dockerfile.test.js',
    'tools/dockerfile.py',
    'Dockerfile.bak',
    'Dockerfile.old',
    'dockerfiles.ts',
    'src/Dockerfile.ts.snap/x',
    'docker-compose.yml',
    'Dockerfile-web.md',
    'docker/Dockerfile-api.dockerignore',
    'Dockerfiles/readme',
  ])('does not take %s for a Dockerfile', path => {
    expect(isDockerfilePath(path)).toBe(false);
  });
});

describe('parseImageReference', () => {
  it.each([
    ['python', { imageName: 'python' }],
    ['python:3.12-slim', { imageName: 'python', tag: '3.12-slim' }],
    ['docker.io/library/node:22', { imageName: 'library/node', tag: '22' }],
    ['registry.example.com:5000/team/app', { imageName: 'team/app' }],
    ['registry.example.com:5000/team/app:1.2', { imageName: 'team/app', tag: '1.2' }],
    ['localhost/app:dev', { imageName: 'app', tag: 'dev' }],
    ['golang:1.22@sha256:abc', { imageName: 'golang', tag: '1.22', digest: 'sha256:abc' }],
    ['alpine@sha256:abc', { imageName: 'alpine', digest: 'sha256:abc' }],
    ['mcr.microsoft.com/dotnet/aspnet:8.0', { imageName: 'dotnet/aspnet', tag: '8.0' }],
  ])('splits %s', (image, expected) => {
    expect(parseImageReference(image)).toEqual({ image, ...expected });
  });
});

describe('parseDockerfile', () => {
  it('reads stages, names, tags and instructions with 1-based lines', () => {
    const fact = parseDockerfile(
      file(
        [
          '# syntax=docker/dockerfile:1',
          'FROM --platform=$BUILDPLATFORM golang:1.23 AS build',
          'WORKDIR /src',
          'RUN go build -o /out/app',
          '',
          'FROM gcr.io/distroless/static-debian12:nonroot@sha256:0123',
          'COPY --from=build /out/app /app',
          'USER 65532',
          'HEALTHCHECK CMD ["/app", "health"]',
        ].join('\n'),
        'svc/Dockerfile',
      ),
    );
    expect(fact.error).toBeUndefined();
    expect(fact.dir).toBe('svc');
    expect(fact.stages).toHaveLength(2);
    expect(fact.stages[0]).toMatchObject({
      index: 0,
      name: 'build',
      image: 'golang:1.23',
      imageName: 'golang',
      tag: '1.23',
      fromStage: false,
      variable: false,
      line: 2,
    });
    expect(fact.stages[1]).toMatchObject({
      imageName: 'distroless/static-debian12',
      tag: 'nonroot',
      digest: 'sha256:0123',
      line: 6,
    });
    expect(fact.finalStage).toBe(fact.stages[1]);
    expect(fact.finalStage!.instructions.map(i => [i.keyword, i.line])).toEqual([
      ['FROM', 6],
      ['COPY', 7],
      ['USER', 8],
      ['HEALTHCHECK', 9],
    ]);
    expect(fact.instructions.find(i => i.keyword === 'WORKDIR')).toEqual({
      keyword: 'WORKDIR',
      args: '/src',
      line: 3,
      stage: 0,
    });
  });

  it('marks earlier stages and scratch, whatever their case', () => {
    const fact = parseDockerfile(
      file('FROM node:22 as Builder\nRUN npm ci\nFROM builder\nFROM scratch\nFROM other\n'),
    );
    expect(fact.stages.map(s => s.fromStage)).toEqual([false, true, true, false]);
  });

  it('resolves FROM variables from the ARG defaults declared before the first FROM', () => {
    const fact = parseDockerfile(
      file(
        [
          'ARG PY=3.12',
          'ARG BASE=python:${PY}-slim',
          'ARG UNSET',
          'ARG QUOTED="node:22"',
          'FROM ${BASE} AS app',
          'FROM python:$PY',
          'FROM ${UNSET}',
          'FROM ${UNSET:-alpine:3.20}',
          'FROM $QUOTED',
          'ARG LATE=ignored',
          'FROM ${LATE}',
        ].join('\n'),
      ),
    );
    expect(fact.stages.map(s => s.variable)).toEqual([true, true, true, true, true, true]);
    expect(fact.stages.map(s => s.resolved)).toEqual([
      { image: 'python:3.12-slim', imageName: 'python', tag: '3.12-slim' },
      { image: 'python:3.12', imageName: 'python', tag: '3.12' },
      undefined,
      { image: 'alpine:3.20', imageName: 'alpine', tag: '3.20' },
      { image: 'node:22', imageName: 'node', tag: '22' },
      undefined,
    ]);
  });

  it('treats a variable that resolves to an earlier stage as that stage', () => {
    const fact = parseDockerfile(
      file('ARG FINAL=base\nFROM alpine:3.20 AS base\nFROM ${FINAL}\n'),
    );
    expect(fact.stages[1].fromStage).toBe(true);
  });

  it('leaves instructions before the first FROM out of every stage', () => {
    const fact = parseDockerfile(file('ARG X=1\nFROM alpine:3.20\nRUN true\n'));
    expect(fact.instructions[0]).toMatchObject({ keyword: 'ARG', stage: -1, line: 1 });
    expect(fact.stages[0].instructions.map(i => i.keyword)).toEqual(['FROM', 'RUN']);
  });

  it('follows line continuations', () => {
    const fact = parseDockerfile(
      file('FROM alpine:3.20\nRUN apk add \\\n  curl \\\n  git\nUSER app\n'),
    );
    expect(fact.instructions.map(i => [i.keyword, i.line])).toEqual([
      ['FROM', 1],
      ['RUN', 2],
      ['USER', 5],
    ]);
  });

  describe('on malformed input it reports an error and never throws', () => {
    it.each([
      ['an empty file', ''],
      ['only comments', '# nothing here\n'],
      ['no FROM', 'RUN echo hi\nCMD ["x"]\n'],
      ['a bare FROM', 'FROM\n'],
      ['garbage', '}}}{{{ ::: @@@ \n\t\t\\\n'],
      ['binary-ish text', '\u0000\u0001\u0002\uFFFD\uFFFDELF\u0003\n\u0000FROM\u0000'],
      ['an unterminated heredoc', 'FROM alpine:3.20\nRUN <<EOF\necho hi\n'],
      ['a JSON array left open', 'FROM alpine:3.20\nCMD ["a", "b"\n'],
    ])('%s', (_name, text) => {
      let fact: ReturnType<typeof parseDockerfile> | undefined;
      expect(() => {
        fact = parseDockerfile(file(text));
      }).not.toThrow();
      expect(fact!.path).toBe('Dockerfile');
      expect(Array.isArray(fact!.stages)).toBe(true);
      // Without a stage there is an error and no final stage.
      expect(
        fact!.stages.length > 0 || (Boolean(fact!.error) && fact!.finalStage === undefined),
      ).toBe(true);
    });
  });

  it('keeps going on a very long line', () => {
    const fact = parseDockerfile(file(`FROM alpine:3.20\nRUN ${'x '.repeat(20_000)}\n`));
    expect(fact.stages).toHaveLength(1);
  });
});
