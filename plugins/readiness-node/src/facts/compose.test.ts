import { isComposeDocument, isComposePath, parseComposeFile } from './compose';

const file = (text: string, path = 'docker-compose.yml') => ({ path, text, size: text.length });

describe('isComposePath', () => {
  it.each([
    'docker-compose.yml',
    'docker-compose.yaml',
    'compose.yaml',
    'deploy/docker-compose.prod.yml',
    'compose.override.yml',
    'docker-compose-dev.yml',
  ])('recognises %s', path => {
    expect(isComposePath(path)).toBe(true);
  });

  it.each(['compose.ts', 'docker-compose.md', 'my-compose.yml', 'composer.json'])(
    'does not take %s for a compose file',
    path => {
      expect(isComposePath(path)).toBe(false);
    },
  );
});

describe('isComposeDocument', () => {
  it.each([
    ['src/main/docker/app.yml', "version: '2'\nservices:\n  app:\n    image: shop\n    ports:\n      - 8080:8080\n  db:\n    extends:\n      file: mysql.yml\n      service: db\n"],
    ['deploy/stack.yaml', 'services:\n  api:\n    image: acme/api:1.2\n    restart: always\nx-logging: &logging\n  driver: json-file\n'],
    ['ops/local.yml', 'name: shop\nservices:\n  web:\n    build: ./web\n'],
  ])('reads %s as a compose file by its content', (path, text) => {
    expect(isComposeDocument({ path, text, size: text.length })).toBe(true);
  });

  it.each([
    ['a file already named for compose', 'docker-compose.yml', 'services:\n  web:\n    build: .\n'],
    ['Helm values with other top-level keys', 'chart/values.yaml', 'replicaCount: 2\nservices:\n  web:\n    image: acme/web:1\n    ports: [80]\n'],
    ['Helm-style image mappings', 'chart/values.yaml', 'services:\n  web:\n    image:\n      repository: acme/web\n      tag: "1"\n    restart: always\n'],
    ['a services mapping with only image and ports, no version', 'config/services.yml', 'services:\n  web:\n    image: acme/web\n    ports: [80]\n'],
    ['a GitLab CI file (services is a list)', 'ci/build.yml', 'services:\n  - postgres:16\ntest:\n  script: make test\n'],
    ['a service that names nothing to run', 'deploy/app.yml', 'version: "3"\nservices:\n  web:\n    restart: always\n'],
    ['not YAML', 'docs/compose.md', 'services:\n  web:\n    build: .\n'],
  ])('does not take %s for a compose file', (_, path, text) => {
    expect(isComposeDocument({ path, text, size: text.length })).toBe(false);
  });
});

describe('parseComposeFile', () => {
  it('reads the working directory a service starts in', () => {
    const fact = parseComposeFile(file('services:\n  api:\n    image: node:22\n    working_dir: /usr/src/app\n  db:\n    image: postgres:16\n'));
    expect(fact.services.map(s => s.workingDir)).toEqual(['/usr/src/app', undefined]);
  });

  it('reads the env files a service loads, relative to the compose file', () => {
    const fact = parseComposeFile(
      file(
        ['services:', '  api:', '    env_file: ../.env', '  worker:', '    env_file:', '      - .env.worker', '      - path: ./shared.env', '        required: false'].join('\n'),
        'deploy/compose.yml',
      ),
    );
    expect(fact.services.map(s => s.envFiles)).toEqual([['.env'], ['deploy/.env.worker', 'deploy/shared.env']]);
  });

  it('reads services, build contexts, healthchecks, environment and volumes with lines', () => {
    const fact = parseComposeFile(
      file(
        [
          'services:', //                                   1
          '  api:', //                                      2
          '    build:', //                                  3
          '      context: ./api', //                        4
          '      dockerfile: docker/Dockerfile.prod', //    5
          '    environment:', //                            6
          '      DB_HOST: db', //                           7
          '      DB_PASSWORD: ${DB_PASSWORD}', //           8
          '      EMPTY:', //                                9
          '    volumes:', //                                10
          '      - .:/app', //                              11
          '      - data:/var/lib/data', //                  12
          '      - type: bind', //                          13
          '        source: ./src', //                       14
          '        target: /src', //                        15
          '    healthcheck:', //                            16
          '      test: ["CMD", "curl", "-f", "http://localhost/health"]', // 17
          '  db:', //                                       18
          '    image: postgres:16', //                      19
          '    environment:', //                            20
          '      - POSTGRES_PASSWORD_FILE=/run/secrets/pg', // 21
          '      - POSTGRES_USER', //                       22
          'volumes:',
          '  data: {}',
        ].join('\n'),
        'deploy/docker-compose.yml',
      ),
    );
    expect(fact.error).toBeUndefined();
    const [api, db] = fact.services;
    expect(api).toMatchObject({
      name: 'api',
      line: 2,
      buildContext: 'deploy/api',
      dockerfile: 'deploy/api/docker/Dockerfile.prod',
      healthcheck: { line: 16, disabled: false },
    });
    expect(api.environment).toEqual([
      { key: 'DB_HOST', value: 'db', line: 7 },
      { key: 'DB_PASSWORD', value: '${DB_PASSWORD}', line: 8 },
      { key: 'EMPTY', line: 9 },
    ]);
    expect(api.volumes).toEqual([
      { spec: '.:/app', source: '.', target: '/app', type: 'bind', line: 11 },
      { spec: 'data:/var/lib/data', source: 'data', target: '/var/lib/data', type: 'volume', line: 12 },
      { spec: './src:/src', source: './src', target: '/src', type: 'bind', line: 13 },
    ]);
    expect(db).toMatchObject({ name: 'db', line: 18, image: 'postgres:16' });
    expect(db.buildContext).toBeUndefined();
    expect(db.healthcheck).toBeUndefined();
    expect(db.environment).toEqual([
      { key: 'POSTGRES_PASSWORD_FILE', value: '/run/secrets/pg', line: 21 },
      { key: 'POSTGRES_USER', line: 22 },
    ]);
  });

  it('reads the entrypoint and command a service starts with, as one line', () => {
    const fact = parseComposeFile(
      file(['services:', '  api:', '    image: api', '    entrypoint: ["/bin/sh", "-c"]', '    command: go run ./cmd/api', '  db:', '    image: postgres:16'].join('\n')),
    );
    expect(fact.services.map(s => s.command)).toEqual(['/bin/sh -c go run ./cmd/api', undefined]);
  });

  it('reads profiles and the restart policy', () => {
    const fact = parseComposeFile(
      file(
        'services:\n  seed:\n    build: ./seed\n    profiles: [tools, 3]\n    restart: "no"\n  api:\n    build: .\n    restart: unless-stopped\n  bare:\n    image: x:1\n    profiles: tools\n',
      ),
    );
    expect(fact.services.map(s => [s.name, s.profiles, s.restart])).toEqual([
      ['seed', ['tools', '3'], 'no'],
      ['api', [], 'unless-stopped'],
      ['bare', [], undefined],
    ]);
  });

  it('reads the short build form and defaults the Dockerfile name', () => {
    const fact = parseComposeFile(file('services:\n  web:\n    build: .\n', 'compose.yaml'));
    expect(fact.services[0]).toMatchObject({ buildContext: '', dockerfile: 'Dockerfile' });
  });

  it.each([
    ['disable: true', 'healthcheck:\n      disable: true'],
    ['test: NONE', 'healthcheck:\n      test: NONE'],
    ['test: ["NONE"]', 'healthcheck:\n      test: ["NONE"]'],
  ])('sees a disabled healthcheck (%s)', (_name, block) => {
    const fact = parseComposeFile(file(`services:\n  api:\n    build: .\n    ${block}\n`));
    expect(fact.services[0].healthcheck).toEqual({ line: 4, disabled: true });
  });

  it('applies merge keys from extension fields', () => {
    const fact = parseComposeFile(
      file(
        [
          'x-defaults: &defaults',
          '  healthcheck:',
          '    test: ["CMD", "true"]',
          '  environment:',
          '    LOG_LEVEL: info',
          'services:',
          '  api:',
          '    <<: *defaults',
          '    build: .',
        ].join('\n'),
      ),
    );
    expect(fact.error).toBeUndefined();
    expect(fact.services[0].healthcheck?.disabled).toBe(false);
    expect(fact.services[0].environment.map(e => [e.key, e.value])).toEqual([['LOG_LEVEL', 'info']]);
  });

  it('keeps numbers and booleans of the environment as text', () => {
    const fact = parseComposeFile(
      file('services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: 123456\n      DEBUG: false\n'),
    );
    expect(fact.services[0].environment.map(e => e.value)).toEqual(['123456', 'false']);
  });

  it('reads a version 1 file, whose top-level keys are its services, with lines', () => {
    const fact = parseComposeFile(
      file('mysql:\n  image: mysql:5.7\n  environment:\n    - MYSQL_PASSWORD=shop\n  volumes:\n    - ./conf.d:/etc/mysql/conf.d:ro\nweb:\n  build: .\n'),
    );
    expect(fact.error).toBeUndefined();
    expect(fact.services.map(s => [s.name, s.line, s.image, s.buildContext])).toEqual([
      ['mysql', 1, 'mysql:5.7', undefined],
      ['web', 7, undefined, ''],
    ]);
    expect(fact.services[0].environment).toEqual([{ key: 'MYSQL_PASSWORD', value: 'shop', line: 4 }]);
    expect(fact.services[0].volumes.map(v => [v.type, v.line])).toEqual([['bind', 6]]);
  });

  it('takes no top-level mapping for version 1 services unless each names an image or build', () => {
    expect(parseComposeFile(file('x-env:\n  environment:\n    A: b\n')).services).toEqual([]);
    expect(parseComposeFile(file('version: "2"\nweb:\n  image: nginx\n')).services).toEqual([]);
  });

  it('has no services and no error for a file without services', () => {
    expect(parseComposeFile(file('volumes:\n  data: {}\n'))).toEqual({
      path: 'docker-compose.yml',
      services: [],
    });
  });

  describe('on malformed input it reports an error and never throws', () => {
    it.each([
      ['an empty file', '', false],
      ['only a comment', '# nothing yet\n', false],
      ['invalid YAML', 'services:\n  api:\n    image: [unclosed\n  db: :\n', true],
      ['bad indentation', 'services:\n  api:\n image: x\n   build: .\n', true],
      ['services as a list', 'services:\n  - api\n  - db\n', true],
      ['services as a string', 'services: api\n', true],
      ['a list at the top', '- a\n- b\n', true],
      ['a scalar at the top', 'just text\n', true],
      ['garbage', '}}}{{{ ::: @@@ \t\n\t- - -', true],
      ['binary-ish text', '\u0000\u0001\u0002\uFFFD\uFFFD\u0003\n\u0000', true],
      ['alias bombs', 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nservices: {}\n', true],
    ])('%s', (_name, text, hasError) => {
      let fact: ReturnType<typeof parseComposeFile> | undefined;
      expect(() => {
        fact = parseComposeFile(file(text));
      }).not.toThrow();
      expect(fact!.services).toEqual([]);
      expect(Boolean(fact!.error)).toBe(hasError);
    });

    it('tolerates odd service bodies', () => {
      const fact = parseComposeFile(
        file(
          [
            'services:',
            '  empty:',
            '  scalar: hello',
            '  listy: [1, 2]',
            '  odd:',
            '    build: {}',
            '    environment: 42',
            '    volumes: [null, 3, {source: 1}]',
            '    healthcheck: yes',
            '  nums:',
            '    environment: [1, {a: b}, "K=V=W"]',
          ].join('\n'),
        ),
      );
      expect(fact.error).toBeUndefined();
      expect(fact.services.map(s => s.name)).toEqual(['empty', 'scalar', 'listy', 'odd', 'nums']);
      const odd = fact.services[3];
      expect(odd.buildContext).toBe('');
      expect(odd.environment).toEqual([]);
      expect(odd.healthcheck?.disabled).toBe(false);
      expect(fact.services[4].environment).toEqual([
        { key: '1', line: 11 },
        { key: 'K', value: 'V=W', line: 11 },
      ]);
    });
  });
});

describe('compose service ports', () => {
  it('keeps the container side of each published or exposed port, skipping ranges and variables', () => {
    const fact = parseComposeFile(
      file(
        [
          'services:',
          '  api:',
          '    build: .',
          '    ports:',
          '      - "127.0.0.1:8080:8000/tcp"',
          '      - 9000',
          '      - "3000-3005:3000-3005"',
          '      - "${PORT}:${PORT}"',
          '      - target: 9443',
          '        published: 443',
          '    expose: ["7000"]',
          '  db:',
          '    image: postgres:16',
        ].join('\n'),
      ),
    );
    expect(fact.services.map(s => [s.name, s.ports])).toEqual([
      ['api', [8000, 9000, 9443, 7000]],
      ['db', undefined],
    ]);
  });
});
