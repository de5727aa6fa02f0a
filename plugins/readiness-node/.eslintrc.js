const fs = require('node:fs');
const path = require('node:path');

// The engine's layers, bottom to top: snapshot → facts → rules → engine → report.
// Each layer imports only the layers below it; a rule imports only its own category.
const categories = fs
  .readdirSync(path.join(__dirname, 'src/rules'), { withFileTypes: true })
  .filter(entry => entry.isDirectory())
  .map(entry => entry.name);

const ruleZones = categories.map(category => ({
  target: `./src/rules/${category}`,
  from: './src/rules',
  except: [`./${category}`, './types.ts', './registry.ts'],
  message: 'A rule imports only its own category, rules/types and rules/registry; shared facts belong in src/facts.',
}));

const layerZones = [
  {
    target: './src/rules',
    from: ['./src/engine', './src/report', './src/extensions.ts', './src/index.ts'],
    message: 'Rules sit below the engine and the reports.',
  },
  {
    target: './src/facts',
    from: ['./src/rules', './src/engine', './src/report', './src/testing', './src/extensions.ts', './src/index.ts'],
    message: 'Facts sit below the rules, the engine and the reports.',
  },
  {
    target: './src/snapshot',
    from: ['./src/facts', './src/rules', './src/engine', './src/report', './src/secrets', './src/testing', './src/extensions.ts', './src/index.ts'],
    message: 'The snapshot is the bottom layer: it imports nothing above it.',
  },
  {
    target: './src/engine',
    from: ['./src/report'],
    message: 'The engine sits below the reports.',
  },
];

const config = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Tests may drive several categories or the whole pipeline; the layering holds for the code they test.
      files: ['src/**/*.ts'],
      excludedFiles: ['**/*.test.ts', '**/*.testutil.ts'],
      rules: {
        'import/no-restricted-paths': ['error', { basePath: __dirname, zones: [...ruleZones, ...layerZones] }],
      },
    },
  ],
});

// The zones are checked on resolved files: resolve the TypeScript sources.
config.settings = {
  ...config.settings,
  'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.json'] } },
};

module.exports = config;
