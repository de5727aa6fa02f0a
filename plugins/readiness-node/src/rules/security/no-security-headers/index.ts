import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { Facts, isTestFile, languageOf, lineOf, matchAll } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { capitalise } from '../../../facts/text';
import { isUnder, serverUnits } from '../../../facts/services';
import { RPC_FRAMEWORKS } from '../../../facts/frameworks';
import { EvidenceSignal, isProse, serverUnitsLacking } from '../../../facts/codeSearch';
import { findingAt } from '../shared';
import { configSettingKeepingOff } from '../../../facts/configClasses';

/** Libraries, middleware and config that set security headers, per ecosystem. */
export const SECURITY_HEADER_SIGNALS: EvidenceSignal[] = [
  { label: 'helmet', deps: ['helmet', 'koa-helmet', '@fastify/helmet', 'fastify-helmet', 'lusca'] },
  { label: 'flask-talisman', deps: ['flask-talisman', 'talisman'], code: /\bTalisman\(/ },
  // Flask-SSLify redirects to HTTPS and sends Strict-Transport-Security.
  { label: 'Flask-SSLify', deps: ['flask-sslify', 'flask_sslify'], code: /\bSSLify\(/ },
  { label: 'secure', deps: ['secure'] },
  { label: 'django-csp', deps: ['django-csp'] },
  { label: 'Spring Security', deps: ['spring-boot-starter-security', 'spring-security-web', 'spring-security-config'] },
  { label: 'unrolled/secure', depPrefixes: ['github.com/unrolled/secure', 'github.com/gin-contrib/secure'] },
  { label: 'NWebsec', depPrefixes: ['nwebsec.'] },
  { label: 'NetEscapades.AspNetCore.SecurityHeaders', deps: ['netescapades.aspnetcore.securityheaders'] },
  { label: 'secure_headers', deps: ['secure_headers'] },
  { label: 'Rails default headers', deps: ['rails'] },
  // The Backstage backend's root HTTP router applies helmet (CSP, HSTS, frame options) to every plugin route.
  { label: 'the Backstage backend (helmet)', deps: ['@backstage/backend-defaults'] },
  { label: 'security middleware in code', code: /\bhelmet\(|\bsecureHeaders\(|csp\.middleware\.CSPMiddleware|\bmiddleware\.Secure(?:WithConfig)?\(|fiber\/v\d\/middleware\/helmet|\bsecure\.New\(|\.UseHsts\(|\.UseSecurityHeaders\(|\.UseXfo\(|\.UseCsp\(|\bSecureHeaders\(/ },
  {
    label: 'security headers set in code or config',
    code: /Content-Security-Policy|Strict-Transport-Security|X-Frame-Options|\bX_FRAME_OPTIONS\s*=|\bframeDeny\b|\bstsSeconds\b|\bcontentSecurityPolicy\b|\bcustomFrameOptionsValue\b/i,
  },
];

/** Flask extensions that set security headers once applied to the app. */
const FLASK_EXTENSIONS: Array<{ label: string; call: RegExp }> = [
  { label: 'flask-talisman', call: /\bTalisman\(/g },
  { label: 'Flask-SSLify', call: /\bSSLify\(/g },
];

/**
 * Flask extensions applied only under a configuration setting that the default and production configuration
 * classes leave off (`if app.config['SSL_REDIRECT']:` with the setting on only in a platform variant): they do not
 * protect the default deployment. Answers each such extension with the setting that keeps it off.
 */
function switchedOffExtensions(facts: Facts): Map<string, string> {
  const off = new Map<string, string>();
  const files = facts.files.filter(f => languageOf(f.path) === 'python' && !isTestFile(f.path) && /\b(?:Talisman|SSLify)\(/.test(f.text));
  for (const { label, call } of FLASK_EXTENSIONS) {
    const calls = files.flatMap(file =>
      matchAll(file, call)
        .filter(({ line }) => !lineOf(file, line).trimStart().startsWith('#'))
        .map(({ line }) => ({ file, line })),
    );
    const settings = calls.map(({ file, line }) => configSettingKeepingOff(facts, file, line));
    if (calls.length > 0 && settings.every(Boolean)) off.set(label, settings[0]!);
  }
  return off;
}

const DJANGO_SECURITY_MIDDLEWARE = /django\.middleware\.security\.SecurityMiddleware/;
/** Settings that make SecurityMiddleware send headers; `SECURE_HSTS_SECONDS = 0` switches HSTS off and does not count. */
const DJANGO_SECURE_SETTINGS =
  /^\s*(?:SECURE_(?!HSTS_SECONDS\s*=\s*0(?![\d.]))[A-Z_]+|X_FRAME_OPTIONS|CSP_[A-Z_]+)\s*=|django\.middleware\.clickjacking\.XFrameOptionsMiddleware/m;

/** Spring Security with its default headers switched off. */
const SPRING_HEADERS_DISABLED =
  /\.headers\(\)\s*\.disable\(\)|\.headers\(\s*(?:AbstractHttpConfigurer::disable|(\w+)\s*->\s*\1\s*\.disable\(\))\s*\)/g;

export default defineRule({
  id: 'security/no-security-headers',
  category: 'security',
  severity: 'medium',
  title: 'Security headers are set',
  description:
    'Fails for each web server with no security-headers middleware or header configuration in its code, its dependencies, the projects it runs, or the proxy configuration outside every server: helmet (and its koa/fastify variants), hono secureHeaders, flask-talisman, Flask-SSLify (HSTS) (a Flask extension applied only under a configuration setting that the default and production configuration classes leave off does not count), Django SecurityMiddleware with SECURE_* settings (SECURE_HSTS_SECONDS above zero) or X-Frame-Options, django-csp, Spring Security (unless its headers are disabled), unrolled/secure, echo/fiber secure middleware, UseHsts or a headers package for ASP.NET Core, or Content-Security-Policy / Strict-Transport-Security / X-Frame-Options set in code or in proxy config. A service that serves only gRPC (or Connect) and no HTTP routes is not judged: these are browser response headers. Not applicable without a server.',
  rationale:
    'Browsers only apply their strongest protections when told to: a Content-Security-Policy limits what injected scripts can do, HSTS stops protocol downgrades and cookie theft over plain HTTP, and X-Frame-Options / frame-ancestors prevent clickjacking. Without them a single XSS or a hostile page framing the app goes much further.',
  remediation:
    'Add the standard middleware for the stack (helmet, flask-talisman, Django SecurityMiddleware with SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF and X_FRAME_OPTIONS, Spring Security defaults, unrolled/secure, UseHsts plus a CSP) or set the headers at the reverse proxy, then tighten the Content-Security-Policy for the application.',
  evaluate(facts) {
    if (facts.stack.servers.length === 0) {
      return outcome.notApplicable('no server application');
    }
    const findings: Finding[] = [];
    // Spring Security that turns its own headers off does not count as evidence.
    let springDisabled = false;
    for (const file of facts.files) {
      if (isTestFile(file.path) || !['java', 'kotlin'].includes(languageOf(file.path) ?? '')) continue;
      if (!file.text.includes('headers')) continue;
      for (const { line } of matchAll(file, SPRING_HEADERS_DISABLED)) {
        springDisabled = true;
        findings.push(findingAt(file, line, 'Spring Security default headers are disabled', lineOf(file, line)));
      }
    }
    const switchedOff = switchedOffExtensions(facts);
    const signals =
      springDisabled || switchedOff.size > 0
        ? SECURITY_HEADER_SIGNALS.filter(s => !(springDisabled && s.label === 'Spring Security') && !switchedOff.has(s.label))
        : SECURITY_HEADER_SIGNALS;
    const { evidence, lacking: missing } = serverUnitsLacking(facts, signals);
    if (missing.length === 0) return outcome.pass(`security headers through ${evidence}`);
    // A server whose Spring Security headers are switched off is reported there, once.
    const disabledAt = findings.map(f => f.path);
    // A gRPC-only service answers RPC clients, not browsers: CSP, HSTS and frame options are browser response headers.
    const rpcOnly = new Set(
      serverUnits(facts)
        .filter(u => u.frameworks.length > 0 && u.frameworks.every(f => RPC_FRAMEWORKS.has(f)))
        .map(u => u.dir),
    );
    let lacking = missing.filter(
      unit => !disabledAt.some(path => unit.dir === undefined || isUnder(path, unit.dir)) && !(unit.dir !== undefined && rpcOnly.has(unit.dir)),
    );
    if (lacking.length === 0 && findings.length === 0) {
      return outcome.pass('no web server lacks security headers; the gRPC services serve no browser');
    }

    // Django: SecurityMiddleware installed and configured (the default project also adds X-Frame-Options).
    if (lacking.length > 0 && facts.stack.servers.includes('django')) {
      const settings = facts.files.filter(
        f => !isTestFile(f.path) && !isProse(f.path) && languageOf(f.path) === 'python' && /\bMIDDLEWARE\s*=/.test(f.text),
      );
      const configured =
        settings.some(f => DJANGO_SECURITY_MIDDLEWARE.test(f.text)) &&
        facts.files.some(f => languageOf(f.path) === 'python' && !isTestFile(f.path) && DJANGO_SECURE_SETTINGS.test(f.text));
      const django = (label: string) => /\bdjango\b/.test(label);
      if (configured) {
        lacking = lacking.filter(unit => !django(unit.label));
        if (lacking.length === 0 && findings.length === 0) return outcome.pass('security headers through Django SecurityMiddleware');
      } else if (settings.length > 0) {
        lacking = lacking.filter(unit => !django(unit.label));
        for (const file of settings) {
          const line = file.text.slice(0, file.text.search(/\bMIDDLEWARE\s*=/)).split('\n').length;
          findings.push(
            findingAt(
              file,
              line,
              DJANGO_SECURITY_MIDDLEWARE.test(file.text)
                ? 'SecurityMiddleware is installed but no SECURE_* or X_FRAME_OPTIONS setting is configured'
                : "MIDDLEWARE does not include Django's SecurityMiddleware",
              lineOf(file, line),
            ),
          );
        }
      }
    }
    const offNote = [...switchedOff].map(([label, setting]) => `; ${label} is applied only when ${setting} allows it, which the default and production configurations do not`).join('');
    for (const unit of lacking) {
      findings.push({
        path: unit.path,
        ...(unit.line !== undefined ? { line: unit.line } : {}),
        message: `${capitalise(unit.label)} sets no security headers: no helmet-style middleware and no CSP, HSTS or X-Frame-Options configuration in its code, its dependencies or the proxy in front of it${offNote}`,
        confidence: 'high',
      });
    }
    return outcome.fail(findings);
  },
});
