import { parseYamlFile, withoutTemplateTags } from './yamlDoc';

describe('parseYamlFile', () => {
  it('reads a Helm template with template keys without warning on the process', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const file = parseYamlFile('metadata:\n  name: app\n{{ .Values.extra | toYaml }}: x\nspec:\n  replicas: 2\n');
      expect(warn).not.toHaveBeenCalled();
      expect(file.value === undefined || typeof file.value === 'object').toBe(true);
    } finally {
      warn.mockRestore();
    }
  });

  it('reads a project template once its tags are neutralised, lines unchanged', () => {
    const text = [
      'services:',
      '  db:',
      '    image: postgres:16',
      '    environment:',
      '      - POSTGRES_USER={{project_name}}',
      '      - POSTGRES_PASSWORD={{ db_password }}',
      '{% if use_redis %}',
      '  cache:',
      '    image: redis:7',
      '{% endif %}',
      'volumes:',
      '  dbdata:',
      '    name: {{project_name}}_dbdata',
      '',
    ].join('\n');
    const yaml = parseYamlFile(text);
    expect(yaml.error).toBeUndefined();
    const value = yaml.value as { services: Record<string, { environment?: string[] }>; volumes: Record<string, { name: string }> };
    expect(Object.keys(value.services)).toEqual(['db', 'cache']);
    // A templated password reads as a run of x: a stand-in, never a secret.
    expect(value.services.db.environment).toEqual(['POSTGRES_USER=xxxxxxxxxxxxxxxx', 'POSTGRES_PASSWORD=xxxxxxxxxxxxxxxxx']);
    expect(value.volumes.dbdata.name).toBe('xxxxxxxxxxxxxxxx_dbdata');
    expect(yaml.lineAt(['volumes', 'dbdata'])).toBe(12);
  });

  it('leaves valid YAML, GitHub expressions included, as it is', () => {
    const yaml = parseYamlFile('env:\n  TOKEN: ${{ secrets.TOKEN }}\n');
    expect(yaml.value).toEqual({ env: { TOKEN: '${{ secrets.TOKEN }}' } });
  });

  it('keeps the first error when neutralising the tags does not help', () => {
    const yaml = parseYamlFile('a: {{x}}\nb: [unclosed\n');
    expect(yaml.error).toMatch(/line/);
  });

  it('is plain text without tags', () => {
    expect(withoutTemplateTags('a: 1\n')).toBeUndefined();
    expect(withoutTemplateTags('a: {{ x }}\n  {% raw %}\n')).toBe('a: xxxxxxx\n  #        \n');
  });
});
