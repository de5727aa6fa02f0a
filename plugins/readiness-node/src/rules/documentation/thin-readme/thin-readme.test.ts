import { describeRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'a French README with only a description section (near miss)',
      files: { 'README.md': '# Gestion des films\n\n## Description\n\nUne application de démonstration.\n' },
      findings: ['README.md:1'],
    },
    {
      name: 'a title that names the project with a setup word, a badge and a course link',
      files: {
        'README.md':
          '# Test-Driven Development with Flask and Docker\n\n![CI](https://example.com/badge.svg)\n\nhttps://example.com/courses/flask/\n',
      },
    },
    {
      name: 'a README that points to a book whose title and host hold setup words',
      files: {
        'README.md': [
          'Shop',
          '====',
          '',
          'The code examples of my book [Web Development with Go](https://www.development-books.example).',
          'Read the section "How to Work with the Example Code" in the book for instructions.',
          '',
          'Older edition',
          '-------------',
          '',
          'See [https://git.example/me/shop-first-edition](https://git.example/me/shop-first-edition).',
          '',
        ].join('\n'),
      },
      findings: ['README.md:1'],
    },
    {
      name: 'a README with only a title',
      files: { 'README.md': '# payments-service\n' },
      findings: ['README.md:1'],
    },
    {
      name: 'prose that mentions usage but no section or command',
      files: {
        'README.md':
          '# Orders API\n\nThis service manages orders. Usage is described by the team wiki.\n\n## Architecture\n\nFlask and Postgres.\n',
      },
      findings: ['README.md:1'],
    },
    {
      name: 'a JSON example is not a command',
      files: {
        'README.md': '# API\n\n## Response format\n\n```json\n{"id": 1}\n```\n',
      },
    },
    {
      name: 'a heading inside a code fence does not count',
      files: { 'README.md': '# Tool\n\n```text\n# Installation\n```\n' },
    },
  ],
  passes: [
    {
      name: 'a French README with a launch section',
      files: { 'readme.md': "# Gestion des utilisateurs\n\n## Lancement du projet\n\n1. Installer les modules de requirements.txt\n2. Lancer run_mon_app.py\n" },
    },
    {
      name: 'a German README with an Inbetriebnahme section',
      files: { 'README.md': '# Dienst\n\n## Inbetriebnahme\n\nAbhängigkeiten installieren und den Server starten.\n' },
    },
    {
      name: 'an Installation heading',
      files: {
        'README.md': '# Svc\n\n## Installation\n\nAsk the platform team.\n',
      },
    },
    {
      name: 'a single top heading that is itself the setup section, under a second title',
      files: { 'README.md': '# Svc\n\nA service.\n\n# Installation\n\nRun the installer.\n' },
    },
    {
      name: 'Getting started',
      files: { 'README.md': '# Svc\n\n### Getting Started\n' },
    },
    {
      name: 'a Quick start section',
      files: { 'README.md': '# Svc\n\n## Quickstart\n' },
    },
    {
      name: 'a shell block without a setup heading',
      files: { 'README.md': '# Svc\n\n```sh\nmake run\n```\n' },
    },
    {
      name: 'an unlabelled block with a command',
      files: { 'README.md': '# Svc\n\n```\n$ docker compose up\n```\n' },
    },
    {
      name: 'an indented command block',
      files: { 'README.md': '# Svc\n\nStart it with:\n\n    npm start\n' },
    },
    {
      name: 'a setext heading',
      files: { 'README.md': 'Svc\n===\n\nUsage\n-----\n\nRun it.\n' },
    },
    {
      name: 'reStructuredText',
      files: { 'README.rst': 'Svc\n===\n\nDevelopment\n-----------\n' },
    },
    {
      name: 'AsciiDoc',
      files: { 'README.adoc': '= Svc\n\n== Running locally\n' },
    },
    {
      name: 'a link to a setup guide',
      files: {
        'README.md': '# Svc\n\nSee [the guide](docs/getting-started.md).\n',
      },
    },
    {
      name: 'a link to a setup guide on a site, by the path of its URL',
      files: { 'README.md': '# Svc\n\nSee [the docs](https://docs.example.com/svc/installation).\n' },
    },
    {
      name: 'a link whose text names a development guide',
      files: { 'README.md': '# Svc\n\nRead the [development guide](https://wiki.example.com/page/42) first.\n' },
    },
  ],
  notApplicable: [{ name: 'no README', files: { 'main.go': '' } }],
});
