import { describeRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'a committed .env at the root',
      files: {
        '.env': 'DATABASE_URL=postgres://app:pw@db/app\nSECRET=abc\n',
        'app.py': '',
      },
      findings: ['.env'],
    },
    {
      name: 'environment-specific files in a subfolder',
      files: {
        'services/api/.env.production': 'API_TOKEN=1\n',
        'services/api/.env.local': 'X=1\n',
      },
      findings: ['services/api/.env.local', 'services/api/.env.production'],
    },
  ],
  passes: [
    { name: 'no env file at all', files: { 'README.md': '# hi' } },
    {
      name: 'documented templates only',
      files: {
        '.env.example': 'SECRET=changeme\n',
        '.env.sample': 'A=1\n',
        '.env.template': 'A=\n',
        '.env.dist': 'A=\n',
        'web/.env.local.example': 'A=\n',
      },
    },
    {
      name: 'files that only look similar',
      files: {
        'env.ts': 'export const env = {}',
        'docs/dotenv.md': 'use a .env file',
        '.envrc': 'use flake',
      },
    },
    {
      name: 'an env file of a sample repository under examples/ (kept as a low-confidence note)',
      files: { 'examples/repos/demo/.env': 'SECRET=abc\n', 'README.md': '# x' },
    },
  ],
});
