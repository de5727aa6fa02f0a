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
    {
      name: 'an architecture guide whose only "Using" heading is a topic, with code examples and a table of contents',
      files: {
        'README.md': [
          '# Hexagon',
          '',
          '- [Getting started](#getting-started)',
          '- [Using libraries inside the core](#using-libraries-inside-the-core)',
          '',
          '## Using libraries inside the core',
          '',
          'Wrap them in an `anti-corruption` layer; `export default` nothing from the domain.',
          '',
          '```typescript',
          'export class Order {}',
          '```',
          '',
          'Read the [architecture notes](docs/architecture.md) and the [changelog](CHANGELOG.md).',
          '',
        ].join('\n'),
        'docs/architecture.md': '# Architecture\n\n## Layers\n\nDomain, application, infrastructure.\n',
        'CHANGELOG.md': '# Changelog\n\n## 1.0.0\n\n- First release.\n',
      },
      findings: ['README.md:1'],
    },
    {
      name: 'a README that links to a documentation index which only links on to the setup guide',
      files: {
        'README.md': '# Boilerplate\n\n## Description\n\n[Full documentation here](/docs/readme.md)\n\n## Features\n\n- Auth\n',
        'docs/readme.md': '# Documentation\n\n## Table of Contents\n\n- [Installing and Running](installing-and-running.md)\n',
        'docs/installing-and-running.md': '# Installing\n\n```bash\nnpm install\n```\n',
      },
      findings: ['README.md:1'],
    },
    {
      name: 'tool names and file names in code spans are not commands',
      files: { 'README.md': '# Tool\n\nBuilt with `npm` and `docker`; the module file is `go.mod`, see `setup.cfg`.\n', 'setup.cfg': '[metadata]\n' },
      findings: ['README.md:1'],
    },
    {
      name: 'a command of a wrapper script the repository does not have',
      files: { 'README.md': '# Svc\n\n## Database\n\n```\npsake migrate\n```\n', 'tools/psake.cmd': '@echo off\n' },
      findings: ['README.md:1'],
    },
    {
      name: 'links to articles whose titles start with a setup word',
      files: {
        'README.md':
          '# Hexagon\n\n## Ubiquitous language\n\nRead [this article](https://blog.example/@me/developing-the-ubiquitous-language-1382b7) and [that one](https://example.com/posts/running-a-team/?ref=x).\n',
      },
      findings: ['README.md:1'],
    },
    {
      name: 'a title and a description with a setup label but no command under it, and a colon-ended prose line',
      files: {
        'README.md':
          '# Memories\r\n\r\nA social app built with React and Express.\r\n\r\nSetup:\r\nAsk the team for access.\r\n\r\nFeatures:\r\n- run `npm` scripts from the UI\r\n',
      },
      findings: ['README.md:1'],
    },
    {
      name: 'a command-like line under a label that is not about setup',
      files: { 'README.md': '# Svc\n\nA service.\n\nArchitecture:\nnode server talks to mongo\n' },
      findings: ['README.md:1'],
    },
  ],
  passes: [
    {
      name: 'a Setup label with a triple-backtick code span holding the command (CRLF line ends)',
      files: {
        'README.md':
          '# Memories\r\n\r\nA social app.\r\n\r\nSetup:\r\n- run ```npm i && npm start``` for both client and server side\r\n',
      },
    },
    {
      name: 'a Setup label followed by a plain command line',
      files: { 'README.md': '# Memories\n\nA social app.\n\nSetup:\nnpm i && npm start\n' },
    },
    {
      name: 'a double-backtick code span holding a command in the text',
      files: { 'README.md': '# Svc\n\nStart it with ``docker compose up -d`` and open the browser.\n' },
    },
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
    {
      name: "commands of the repository's own scripts and a PowerShell cmdlet in unlabelled blocks",
      files: {
        'README.md': [
          '# University',
          '',
          'This example requires some tools; run `setup.cmd` or `setup.ps1` to install them.',
          '',
          '## Migrating the Database',
          '',
          'From PowerShell:',
          '```',
          'invoke-psake migrate',
          '```',
          '',
          'From CMD:',
          '```',
          'psake migrate',
          '```',
          '',
        ].join('\n'),
        'setup.cmd': '@echo off\npowershell -File setup.ps1\n',
        'setup.ps1': 'Install-Module psake -Force\n',
        'psake.cmd': '@echo off\npowershell -Command "invoke-psake %*"\n',
      },
    },
    {
      name: 'a PowerShell cmdlet alone in an unlabelled block',
      files: { 'README.md': '# Svc\n\n## Database\n\n```\nInvoke-Build migrate\n```\n' },
    },
    {
      name: 'commands with their arguments in the text of a contributing list',
      files: {
        'README.md': '# Guide\n\n## Contributing\n\n1. Clone this repo\n2. Create a branch: `git checkout -b your-feature`\n3. Execute the `yarn prepare` script.\n',
      },
    },
    {
      name: 'a linked overview document with a Get Started section that points to the apps',
      files: {
        'README.md': '# Guide\n\n## Table Of Contents\n\n- [💻 Application Overview](docs/application-overview.md)\n- [🧪 Testing](docs/testing.md)\n',
        'docs/application-overview.md': '# Application Overview\n\n## Get Started\n\nCheck the README of the app you want to run:\n\n- [Web](../apps/web/README.md)\n',
      },
    },
    {
      name: 'a "Using Docker" section',
      files: { 'README.md': '# Svc\n\n## Using Docker\n\nThe compose file starts everything.\n' },
    },
    {
      name: 'a command that starts a script at the root by its name',
      files: {
        'README.md': '# Svc\n\n## Database\n\n```\npsake migrate\n```\n',
        'psake.sh': '#!/usr/bin/env pwsh\ninvoke-psake @args\n',
      },
    },
    {
      name: 'a setup script named in the text',
      files: { 'README.md': '# Svc\n\nRun `setup.cmd` to install the tools, then open the solution.\n', 'setup.cmd': '@echo off\n' },
    },
    {
      name: "a link to a site's development section, by a whole path segment",
      files: { 'README.md': '# Svc\n\nSee [the docs](https://docs.example.com/svc/development/).\n' },
    },
  ],
  notApplicable: [{ name: 'no README', files: { 'main.go': '' } }],
});
