import { describeRule } from '../../../testing';
import rule from '.';

const pkg = JSON.stringify({
  dependencies: { react: '^18', 'react-dom': '^18' },
  devDependencies: { vite: '^5' },
});
const html = (head: string) =>
  `<!doctype html>\n<html>\n  <head>\n${head}\n  </head>\n  <body><div id="root"></div></body>\n</html>\n`;

describeRule(rule, {
  fails: [
    {
      name: 'an icon font stylesheet from a CDN in index.html',
      files: {
        'package.json': pkg,
        'index.html': html(
          '    <link\n      rel="stylesheet"\n      href="https://cdnjs.cloudflare.com/ajax/libs/font-awesome/5.15.4/css/all.min.css"\n    />',
        ),
      },
      findings: ['index.html:6'],
    },
    {
      name: 'Google Fonts stylesheet in index.html',
      files: {
        'package.json': pkg,
        'index.html': html(
          '    <link rel="preconnect" href="https://fonts.googleapis.com" />\n    <link href="https://fonts.googleapis.com/css2?family=Inter&display=swap" rel="stylesheet" />',
        ),
      },
      findings: ['index.html:5'],
    },
    {
      name: 'a multi-line link tag',
      files: {
        'package.json': pkg,
        'index.html': html(
          '    <link\n      href="https://fonts.googleapis.com/css2?family=Inter"\n      rel="stylesheet"\n    />',
        ),
      },
      findings: ['index.html:5'],
    },
    {
      name: 'Adobe Fonts in a Next.js _document',
      files: {
        'package.json': JSON.stringify({
          dependencies: { react: '^18', next: '^14' },
        }),
        'pages/_document.tsx':
          'export default function D() {\n  return (<Html><Head>\n    <link rel="stylesheet" href="https://use.typekit.net/abc.css" />\n  </Head></Html>);\n}\n',
      },
      findings: ['pages/_document.tsx:3'],
    },
    {
      name: 'a Remix links() descriptor',
      files: {
        'package.json': JSON.stringify({
          dependencies: { react: '^18', '@remix-run/react': '^2' },
          devDependencies: { vite: '^5' },
        }),
        'app/root.tsx':
          'export const links = () => [\n  { rel: "stylesheet", href: "https://fonts.googleapis.com/css2?family=Lora" },\n];\n',
      },
      findings: ['app/root.tsx:2'],
    },
  ],
  passes: [
    {
      name: 'a component library stylesheet from the same CDN is not a font',
      files: {
        'package.json': pkg,
        'index.html': html(
          '    <link rel="stylesheet" href="https://cdnjs.cloudflare.com/ajax/libs/normalize/8.0.1/normalize.min.css" />',
        ),
      },
    },
    {
      name: 'preload with onload swap',
      files: {
        'package.json': pkg,
        'index.html': html(
          '    <link rel="preload" as="style" href="https://fonts.googleapis.com/css2?family=Inter" onload="this.rel=\'stylesheet\'" />\n    <noscript><link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter" /></noscript>',
        ),
      },
    },
    {
      name: 'media=print with onload',
      files: {
        'package.json': pkg,
        'index.html': html(
          '    <link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter" media="print" onload="this.media=\'all\'" />',
        ),
      },
    },
    {
      name: 'self-hosted font CSS',
      files: {
        'package.json': pkg,
        'index.html': html(
          '    <link rel="stylesheet" href="/fonts/inter.css" />',
        ),
      },
    },
    {
      name: 'preconnect only',
      files: {
        'package.json': pkg,
        'index.html': html(
          '    <link rel="preconnect" href="https://fonts.gstatic.com" crossorigin />',
        ),
      },
    },
    {
      name: 'a commented-out link',
      files: {
        'package.json': pkg,
        'index.html': html(
          '    <!-- <link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter" /> -->',
        ),
      },
    },
    {
      name: 'next/font in a layout',
      files: {
        'package.json': JSON.stringify({
          dependencies: { react: '^18', next: '^14' },
        }),
        'app/layout.tsx':
          "import { Inter } from 'next/font/google';\nconst inter = Inter({ subsets: ['latin'] });\n",
      },
    },
    {
      name: 'a font link in a docs page is not the app head',
      files: {
        'package.json': pkg,
        'index.html': html(''),
        'docs/demo.html':
          '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
      },
    },
  ],
  notApplicable: [
    {
      name: 'no frontend',
      files: {
        'index.html': html(
          '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
        ),
      },
    },
  ],
});
