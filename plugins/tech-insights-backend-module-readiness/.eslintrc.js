module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The module reads the readiness plugin's own store, which the readiness
    // backend package exports; it imports no plugin registration from it.
    '@backstage/no-mixed-plugin-imports': 'off',
  },
  overrides: [
    {
      // Test helpers: only tests import them, so they may use devDependencies.
      files: ['src/testing/**'],
      rules: { '@backstage/no-undeclared-imports': 'off' },
    },
  ],
});
