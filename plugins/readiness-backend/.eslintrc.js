module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Test helpers: only tests import them, so they may use devDependencies.
      files: ['src/testing/**'],
      rules: { '@backstage/no-undeclared-imports': 'off' },
    },
  ],
});
