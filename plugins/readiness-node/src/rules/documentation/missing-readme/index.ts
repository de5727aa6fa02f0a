import { defineRule, outcome } from '../../types';

export default defineRule({
  id: 'documentation/missing-readme',
  category: 'documentation',
  severity: 'high',
  title: 'The repository has a README',
  description:
    'Fails when there is no README (README.md, README.rst, README.adoc, README.txt or README) at the repository root, or when it is empty.',
  rationale:
    "The README is where a new engineer, an on-call responder or an auditor starts. Without it, what the service does, who owns it and how to run it lives only in people's heads.",
  remediation:
    'Add a README.md at the root that says what the service does, who owns it, how to install, configure, run and test it, and where its deeper documentation lives.',
  evaluate(facts) {
    const readme = facts.docs.readme;
    if (!readme) {
      return outcome.fail([
        { path: '.', message: 'No README at the repository root' },
      ]);
    }
    if (!readme.text.trim()) {
      return outcome.fail([
        { path: readme.path, message: `${readme.path} is empty` },
      ]);
    }
    return outcome.pass();
  },
});
