import { describeRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'a README Contributing section that only promises a guide',
      files: { 'README.md': '# x\n\n## Contributing\n\nWe are working on a guide for contributing.\n\n## Contact\n\nMessage me.\n' },
      findings: ['.'],
    },
    {
      name: 'nothing',
      files: { 'README.md': '# x\n\n## Usage\n' },
      findings: ['.'],
    },
    {
      name: 'a contributing file in an unrelated folder',
      files: { 'vendor/lib/CONTRIBUTING.md': 'x' },
      findings: ['.'],
    },
    {
      name: 'the word contributing only in prose',
      files: { 'README.md': '# x\n\nContributing is welcome.\n' },
      findings: ['.'],
    },
    {
      name: 'a list of contributors, a design proposal and a questions FAQ',
      files: {
        'README.md': '# x\n\n## Contributors\n\n- Ada\n\n## Design proposal\n\n## Questions\n\n- **Contributing** is open to all.\n',
      },
      findings: ['.'],
    },
    {
      name: 'development workflow sections that only list setup commands',
      files: {
        'README.md':
          '# Shop\n\n## Backend development workflow\n\n```\npip install -r requirements.txt\npython manage.py runserver\n```\n\n## Frontend development workflow\n\n```\nnpm i\nnpm start\n```\n',
      },
      findings: ['.'],
    },
    {
      name: 'a development guide in docs/ that only installs and starts the project',
      files: {
        'README.md': '# x\n',
        'docs/Development.md': '# Development\n\n## Setup\n\n```bash\nnpm install\nnpm run dev\n```\n\nOpen http://localhost:3000.\n',
      },
      findings: ['.'],
    },
    {
      name: 'a development guide in docs/ with a feature-branch workflow and the lint and test commands, but no word on handing a change in',
      files: {
        'docs/development.md':
          '# Development Guide\n\n## Installation\n\n```bash\npnpm install\n```\n\n## Development Workflow\n\n```bash\n# Create feature branch\ngit checkout -b feature/new-feature\n# Run linting\npnpm lint\n# Run tests\npnpm test\n```\n',
      },
      findings: ['.'],
    },
    {
      name: 'a contribute page that only promises a guide',
      files: { 'docs/contribute.md': '# Contribute\n\nComing soon.\n' },
      findings: ['.'],
    },
    {
      name: 'a contribute guide deeper in the tree (a site page, not the repository\'s guide)',
      files: { 'website/docs/contribute.md': '# Contribute\n\nOpen a pull request and run the tests with `make test`.\n' },
      findings: ['.'],
    },
    {
      name: 'a contributing page of an example app inside the docs tree',
      files: { 'docs/examples/app/contributing.md': '# Contributing\n\nFork the repository and open a pull request.\n' },
      findings: ['.'],
    },
    {
      name: 'a contributing page of a documentation site that only promises a guide',
      files: { 'docs/docs/contributing.md': '# Contributing\n\nTBD\n' },
      findings: ['.'],
    },
    {
      name: 'a contributing page more than two folders down the docs tree',
      files: { 'docs/site/pages/guides/contributing.md': '# Contributing\n\nFork the repository and open a pull request.\n' },
      findings: ['.'],
    },
  ],
  passes: [
    {
      name: 'a contributing page of the documentation site in docs/docs/ (fork, clone, report issues)',
      files: {
        'README.md': '# x\n',
        'docs/docs/contributing.md':
          '# Contributing\n\n## Setup\n\n### Fork on GitHub\n\nFork the project, then clone your fork.\n\nIf you run into problems, report them in the issue tracker.\n',
      },
    },
    {
      name: 'docs/development/contributing.rst on running the tests',
      files: { 'docs/development/contributing.rst': 'Contributing\n============\n\nRun the test suite with ``tox`` before sending a change.\n' },
    },
    {
      name: 'doc/contributing.md on branches',
      files: { 'doc/contributing.md': '# Contributing\n\nWork on a branch named after the issue.\n' },
    },
    {
      name: 'docs/Contribute.md on running the server, the linter and the tests',
      files: {
        'README.md': '# x\n',
        'docs/Contribute.md':
          '# Contribute\n\n## Running the server locally\n\n```bash\nmake run-server\n```\n\n## Lint the code\n\n```bash\nmake lint\n```\n\n## Running tests\n\n```bash\nmake unittest\n```\n',
      },
    },
    {
      name: 'docs/DEVELOPMENT.md on branches and pull requests',
      files: { 'docs/DEVELOPMENT.md': '# Development\n\nWork on a feature branch and open a pull request; CI must pass before review.\n' },
    },
    {
      name: 'a README Pull-Requests section stating the contribution policy',
      files: { 'README.md': "# Shop\n\n## Pull-Requests \nMake a contact first! Don't submit PRs for extra features, all new features are planned.\n\n## About\n" },
    },
    {
      name: 'CONTRIBUTING.md at the root',
      files: { 'CONTRIBUTING.md': '# Contributing\n' },
    },
    {
      name: '.github/CONTRIBUTING.md',
      files: { '.github/CONTRIBUTING.md': 'x' },
    },
    { name: 'docs/CONTRIBUTING.rst', files: { 'docs/CONTRIBUTING.rst': 'x' } },
    {
      name: 'a docs/contributing folder',
      files: { 'docs/contributing/index.md': 'x' },
    },
    {
      name: 'a README section',
      files: { 'README.md': '# x\n\n## Contributing\n\nOpen a PR.\n' },
    },
    {
      name: 'a development workflow section on branches and pull requests',
      files: {
        'README.md': '# x\n\n## Development workflow\n\nCreate a feature branch, commit, and open a pull request against main; one review is required.\n',
      },
    },
    {
      name: 'an emoji heading',
      files: { 'README.md': '# x\n\n## 🤝 Contributions\n\nWelcome.\n' },
    },
    {
      name: 'a setext "How to contribute?" heading',
      files: { 'README.md': 'x\n=\n\nHow to contribute?\n------------------\n' },
    },
    {
      name: 'a questions and proposals section',
      files: { 'README.md': '# x\n\n## How to ask a question or propose something?\n\nOpen an issue.\n' },
    },
    {
      name: 'a bold line standing as a title',
      files: { 'README.md': '# x\n\n**Questions / proposing changes**\n\nOpen an issue first.\n' },
    },
    {
      name: 'a reStructuredText README',
      files: { 'README.rst': 'x\n=\n\nContributing\n------------\n\nOpen a PR.\n' },
    },
  ],
});
