import type { Facts } from './index';
import { memo } from './memo';
import { dirname, joinPath } from './paths';

/**
 * Cookiecutter project templates: a `cookiecutter.json` holds the questions and their default answers, and the
 * files below it (in a `{{cookiecutter.project_slug}}/` folder) refer to the answers as `{{cookiecutter.name}}`.
 * The project a user gets by accepting the defaults is what the template ships, so a templated value can be
 * read as its default answer.
 */

/** `{{cookiecutter.name}}`, `{{ cookiecutter.name }}`: a plain reference to one answer, no filter or expression. */
const ANSWER = /\{\{-?\s*cookiecutter\.([A-Za-z_][\w]*)\s*-?\}\}/g;

/** The default answers of one cookiecutter.json, by name; a choice list defaults to its first entry. */
type Answers = Map<string, string>;

function parseAnswers(text: string): Answers | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const answers: Answers = new Map();
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' || typeof first === 'number' || typeof first === 'boolean') answers.set(name, String(first));
  }
  return answers;
}

/** The default answers of every cookiecutter.json of the repository, by the directory holding it. */
function templateRoots(facts: Facts): Map<string, Answers> {
  return memo(facts, 'projectTemplates.roots', () => {
    const roots = new Map<string, Answers>();
    for (const file of facts.files) {
      if (!/(^|\/)cookiecutter\.json$/.test(file.path)) continue;
      const answers = parseAnswers(file.text);
      if (answers) roots.set(dirname(file.path), answers);
    }
    return roots;
  });
}

/** Substitutes answers, following answers that refer to others (`"project_name": "{{ cookiecutter.project_slug }}"`). */
function substitute(text: string, answers: Answers, depth = 0): string | undefined {
  let unknown = false;
  const out = text.replace(ANSWER, (_, name: string) => {
    const value = answers.get(name);
    if (value === undefined) {
      unknown = true;
      return '';
    }
    if (!value.includes('{{')) return value;
    const nested = depth < 5 ? substitute(value, answers, depth + 1) : undefined;
    if (nested === undefined) unknown = true;
    return nested ?? '';
  });
  // An answer the template does not define, or any other template expression (a filter, a condition), is unknown.
  if (unknown || /\{\{|\{%/.test(out)) return undefined;
  return out;
}

/**
 * A template file's text as a project made with the template's default answers has it: each
 * `{{cookiecutter.name}}` replaced by the default of the nearest `cookiecutter.json` above the file. Undefined
 * when the text refers to no answer, when the file is in no cookiecutter template, or when an expression is
 * anything but a plain reference to an answer the template defines.
 */
export function withTemplateDefaults(facts: Facts, path: string, text: string): string | undefined {
  if (!/\{\{-?\s*cookiecutter\./.test(text)) return undefined;
  const roots = templateRoots(facts);
  if (roots.size === 0) return undefined;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const answers = roots.get(dir);
    if (answers) return substitute(text, answers);
    if (dir === '') return undefined;
  }
}

/** The path of the `cookiecutter.json` whose answers a template file at `path` uses, if any. */
export function templateAnswersPath(facts: Facts, path: string): string | undefined {
  const roots = templateRoots(facts);
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (roots.has(dir)) return joinPath(dir, 'cookiecutter.json');
    if (dir === '') return undefined;
  }
}
