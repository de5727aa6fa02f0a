import { buildFacts } from '.';
import { snapshotFromFiles } from '../snapshot';
import { templateAnswersPath, withTemplateDefaults } from './projectTemplates';

const facts = (files: Record<string, string>) => buildFacts(snapshotFromFiles(files));

describe('withTemplateDefaults', () => {
  const repo = facts({
    'cookiecutter.json': JSON.stringify({
      project_slug: 'shop',
      project_name: '{{ cookiecutter.project_slug }}-api',
      database: ['postgres', 'mysql'],
      debug: false,
    }),
    '{{cookiecutter.project_slug}}/compose.yml': '',
    'other/compose.yml': '',
  });

  it('replaces each reference with its default answer, following answers that refer to others and taking the first choice', () => {
    expect(withTemplateDefaults(repo, '{{cookiecutter.project_slug}}/compose.yml', '{{cookiecutter.project_name}} on {{ cookiecutter.database }}, debug {{cookiecutter.debug}}')).toBe(
      'shop-api on postgres, debug false',
    );
    expect(templateAnswersPath(repo, '{{cookiecutter.project_slug}}/compose.yml')).toBe('cookiecutter.json');
  });

  it('gives nothing for text without references, unknown answers, filters or other tags', () => {
    const path = '{{cookiecutter.project_slug}}/compose.yml';
    expect(withTemplateDefaults(repo, path, 'plain')).toBeUndefined();
    expect(withTemplateDefaults(repo, path, '{{cookiecutter.missing}}')).toBeUndefined();
    expect(withTemplateDefaults(repo, path, '{{ cookiecutter.project_slug | upper }}')).toBeUndefined();
    expect(withTemplateDefaults(repo, path, '{{cookiecutter.project_slug}}{% if x %}y{% endif %}')).toBeUndefined();
  });

  it('gives nothing outside a cookiecutter template', () => {
    const plain = facts({ 'compose.yml': '' });
    expect(withTemplateDefaults(plain, 'compose.yml', '{{cookiecutter.project_slug}}')).toBeUndefined();
    expect(templateAnswersPath(plain, 'compose.yml')).toBeUndefined();
  });
});
