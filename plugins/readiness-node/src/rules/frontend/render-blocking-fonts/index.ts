import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { SourceFile } from '../../../snapshot';
import { basename, lineOf } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { isAsidePath } from '../../../facts/paths';
import { appFiles, frontendApps } from '../apps';

/** Hosts that serve font stylesheets, icon fonts (Font Awesome, Material icons…) included. */
const FONT_HOST =
  /^(?:https?:)?\/\/(?:fonts\.googleapis\.(?:com|cn)|fonts\.bunny\.net|use\.typekit\.net|p\.typekit\.net|fonts\.cdnfonts\.com|fast\.fonts\.net|cloud\.typography\.com|api\.fontshare\.com|use\.fontawesome\.com|rsms\.me\/inter|fonts\.xz\.style|fonts\.loli\.net|cdn\.jsdelivr\.net\/npm\/@fontsource|(?:cdnjs\.cloudflare\.com\/ajax\/libs|cdn\.jsdelivr\.net\/npm|unpkg\.com)\/(?:font-?awesome|@fortawesome|bootstrap-icons|@mdi\/font|material-design-icons|material-icons|line-awesome|ionicons)|(?:maxcdn|stackpath|netdna)\.bootstrapcdn\.com\/font-awesome)/i;

/** Files that hold the document head of a frontend app. */
function isDocumentFile(path: string): boolean {
  const name = basename(path);
  return (
    /^(?:index|app)\.html?$/i.test(name) ||
    /^_document\.[jt]sx?$/.test(name) ||
    /(?:^|\/)app\/(?:.*\/)?layout\.[jt]sx?$/.test(path) ||
    /(?:^|\/)app\/root\.[jt]sx?$/.test(path) ||
    /\.astro$/.test(name) ||
    /^nuxt\.config\.[cm]?[jt]s$/.test(name)
  );
}

/** Blanks HTML and JSX comments and <noscript> content, keeping offsets and line breaks. */
function maskInert(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return text
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/\{\s*\/\*[\s\S]*?\*\/\s*\}/g, blank)
    .replace(/<noscript\b[\s\S]*?<\/noscript>/gi, blank);
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(
    `\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|\\{\\s*["'\`]([^"'\`]*)["'\`]\\s*\\}|\\{([^}]*)\\}|([^\\s>]+))`,
    'i',
  ).exec(tag);
  return m ? m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] : undefined;
}

/** Whether a stylesheet link is loaded without blocking render (print-media swap). */
function isNonBlocking(tag: string): boolean {
  const media = attribute(tag, 'media');
  const onload = /\bon[Ll]oad\s*=/.test(tag);
  return (
    (media !== undefined && /^print$/i.test(media.trim()) && onload) ||
    /\bdisabled\b/.test(tag)
  );
}

interface BlockingLink {
  offset: number;
  href: string;
}

function blockingLinks(file: SourceFile): BlockingLink[] {
  const text = maskInert(file.text);
  const out: BlockingLink[] = [];
  for (const m of text.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    const rel = attribute(tag, 'rel')?.toLowerCase().split(/\s+/) ?? [];
    const href = attribute(tag, 'href') ?? '';
    if (
      !rel.includes('stylesheet') ||
      !FONT_HOST.test(href) ||
      isNonBlocking(tag)
    )
      continue;
    out.push({ offset: (m.index ?? 0) + tag.search(/\bhref\b/i), href });
  }
  // Link descriptors as objects: Remix `links()`, Nuxt `app.head.link`, Next metadata.
  for (const m of text.matchAll(
    /\{[^{}]*\brel\s*:\s*['"]stylesheet['"][^{}]*\}/g,
  )) {
    const href = /\bhref\s*:\s*['"`]([^'"`]+)['"`]/.exec(m[0])?.[1] ?? '';
    if (!FONT_HOST.test(href) || /\bmedia\s*:\s*['"]print['"]/.test(m[0]))
      continue;
    out.push({ offset: (m.index ?? 0) + m[0].search(/\bhref\b/), href });
  }
  return out;
}

export default defineRule({
  id: 'frontend/render-blocking-fonts',
  category: 'frontend',
  severity: 'low',
  title: 'Font stylesheets do not block the first render',
  description:
    'Fails for each external font stylesheet (Google Fonts, Adobe Fonts, Bunny Fonts, Font Awesome CDN…) loaded with `<link rel="stylesheet">` in a frontend app\'s document head (index.html, `_document`, root layout). Preloaded or print-media-swapped stylesheets and self-hosted fonts pass.',
  rationale:
    'The browser will not paint until every stylesheet in the head has downloaded. An extra connection to a third-party font host delays first paint, most on slow mobile networks, and makes the page depend on that host being up.',
  remediation:
    'Self-host the fonts (`@fontsource/*`, `next/font`, or the files in your own assets) or load the stylesheet without blocking: `<link rel="preload" as="style" href="…" onload="this.rel=\'stylesheet\'">` or `media="print" onload="this.media=\'all\'"`, with `font-display: swap`.',
  evaluate(facts) {
    const apps = frontendApps(facts);
    if (apps.length === 0) return outcome.notApplicable('no frontend app');
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const app of apps) {
      for (const file of appFiles(facts, app)) {
        if (
          !isDocumentFile(file.path) ||
          isAsidePath(file.path) ||
          seen.has(file.path)
        )
          continue;
        seen.add(file.path);
        for (const link of blockingLinks(file)) {
          const line = file.text.slice(0, link.offset).split('\n').length;
          const host = link.href.replace(/^(?:https?:)?\/\//, '').split('/')[0];
          findings.push({
            path: file.path,
            line,
            excerpt: lineOf(file, line),
            message: `The font stylesheet from ${host} is loaded with a blocking <link rel="stylesheet">: the page cannot paint until it downloads`,
          });
        }
      }
    }
    return outcome.fromFindings(findings);
  },
});
