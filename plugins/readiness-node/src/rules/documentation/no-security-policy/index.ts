import { defineRule, outcome } from '../../types';
import { fixSecurityPolicy } from './fix';

export default defineRule({
  id: 'documentation/no-security-policy',
  category: 'documentation',
  severity: 'low',
  title: 'A security policy explains how to report vulnerabilities',
  description:
    'Fails when there is no SECURITY.md (at the root, in .github/ or in docs/) that tells how to report a vulnerability (a report, disclosure or contact about vulnerabilities or security issues, an address, GitHub advisories or private reporting, supported versions, or a file titled "Security Policy" that gives any channel for reports) and no security.txt. A page of security guidance for the code (auth, XSS) is not a policy.',
  rationale:
    'People who find a vulnerability need a private way to report it and to know what response to expect. Without one, reports arrive as public issues or not at all.',
  remediation:
    'Add SECURITY.md with the supported versions, a private reporting channel (security mailbox or GitHub private vulnerability reporting) and the expected response time.',
  evaluate(facts) {
    if (facts.docs.securityPolicy)
      return outcome.pass(`security policy ${facts.docs.securityPolicy.path}`);
    const txt = facts.files.find(f =>
      /(^|\/)\.well-known\/security\.txt$/.test(f.path),
    );
    if (txt) return outcome.pass(`security contact ${txt.path}`);
    return outcome.fail([
      {
        path: '.',
        message: 'No SECURITY.md describing how to report a vulnerability',
      },
    ]);
  },
  fix: fixSecurityPolicy,
});
