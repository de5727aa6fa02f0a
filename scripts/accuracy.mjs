#!/usr/bin/env node
// Scores audits against the hand-made labels in docs/accuracy/labels/<slug>.json.
//
//   node scripts/accuracy.mjs --corpus <dir> [--split tuned|held-back|all] [--json out.json]
//                             [--findings findings.json] [--quiet] [slug…]
//
// <dir>/<slug> holds the tree of each labelled repository at its pinned commit (fetched by hand: the
// labels name the repository and commit). Each tree is audited with the CLI; every rule result is then
// compared with its label. A positive is a rule reporting `fail`: TP = fail on a FAIL label, FP = fail
// on a PASS or NA label, FN = FAIL label and no fail, TN = the rest. Graded rules are compared only
// where labelled. Prints the totals, the per-rule counts and every disagreement with the label's note.
// --findings writes every finding of a failing rule (low-confidence notes left out) for judging by hand.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const labelsDir = path.join(root, 'docs/accuracy/labels');
const cli = path.join(root, 'packages/readiness-cli/bin/readiness');

function parseArgs(argv) {
  const opts = { corpus: undefined, split: 'all', json: undefined, findings: undefined, quiet: false, slugs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--corpus') opts.corpus = argv[++i];
    else if (a === '--split') opts.split = argv[++i];
    else if (a === '--json') opts.json = argv[++i];
    else if (a === '--findings') opts.findings = argv[++i];
    else if (a === '--quiet') opts.quiet = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.slugs.push(a);
  }
  if (!opts.corpus) throw new Error('--corpus <dir> is required (the folder holding one tree per labelled slug)');
  if (!['tuned', 'held-back', 'all'].includes(opts.split)) throw new Error(`--split must be tuned, held-back or all`);
  return opts;
}

const verdictOf = status => (status === 'fail' ? 'FAIL' : status === 'pass' ? 'PASS' : 'NA');

export function compare(labels, results) {
  const byRule = new Map(results.map(r => [r.ruleId, r]));
  const rows = [];
  for (const [ruleId, label] of Object.entries(labels)) {
    const result = byRule.get(ruleId);
    const engine = result ? verdictOf(result.status) : 'NA';
    const positive = engine === 'FAIL';
    const truth = label.verdict === 'FAIL';
    const outcome = positive ? (truth ? 'TP' : 'FP') : truth ? 'FN' : 'TN';
    rows.push({ ruleId, label: label.verdict, engine, outcome, note: label.note, result });
  }
  return rows;
}

function tally(rows) {
  const t = { TP: 0, FP: 0, FN: 0, TN: 0 };
  for (const r of rows) t[r.outcome]++;
  t.precision = t.TP + t.FP ? t.TP / (t.TP + t.FP) : null;
  t.recall = t.TP + t.FN ? t.TP / (t.TP + t.FN) : null;
  t.naAgreement = rows.filter(r => r.label === 'NA').length
    ? rows.filter(r => r.label === 'NA' && r.engine === 'NA').length / rows.filter(r => r.label === 'NA').length
    : null;
  return t;
}

const fmt = x => (x === null ? '—' : x.toFixed(3));

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const files = fs.readdirSync(labelsDir).filter(f => f.endsWith('.json')).sort();
  const all = [];
  const perRepo = [];
  const judged = [];
  for (const file of files) {
    const slug = file.replace(/\.json$/, '');
    if (opts.slugs.length && !opts.slugs.includes(slug)) continue;
    const doc = JSON.parse(fs.readFileSync(path.join(labelsDir, file), 'utf8'));
    if (opts.split !== 'all' && doc.split !== opts.split) continue;
    const dir = path.join(opts.corpus, slug, doc.subdir ?? '');
    if (!fs.existsSync(dir)) {
      console.error(`skip ${slug}: no tree at ${dir} (fetch ${doc.repo} at ${doc.commit})`);
      continue;
    }
    let report;
    try {
      // The trees are extracted archives, as the backend reads url: sources: every file in them was committed.
      const out = execFileSync(process.execPath, [cli, 'audit', dir, '--format', 'json', '--no-gitignore'], {
        maxBuffer: 256 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      report = JSON.parse(out.toString('utf8'));
    } catch (e) {
      // The CLI exits non-zero when the verdict is below its gate; its JSON is still on stdout.
      if (e.stdout?.length) report = JSON.parse(e.stdout.toString('utf8'));
      else throw e;
    }
    const rows = compare(doc.labels, report.results).map(r => ({ ...r, slug, split: doc.split }));
    all.push(...rows);
    for (const result of report.results.filter(r => r.status === 'fail')) {
      for (const f of result.findings.filter(x => x.confidence !== 'low')) {
        judged.push({ slug, ruleId: result.ruleId, severity: result.severity, path: f.path, line: f.line, message: f.message, excerpt: f.excerpt });
      }
    }
    perRepo.push({ slug, split: doc.split, score: report.score, ...tally(rows) });
  }

  console.log('repository | split | score | TP | FP | FN | TN | precision | recall');
  for (const r of perRepo) {
    console.log(`${r.slug} | ${r.split} | ${r.score} | ${r.TP} | ${r.FP} | ${r.FN} | ${r.TN} | ${fmt(r.precision)} | ${fmt(r.recall)}`);
  }
  const total = tally(all);
  console.log(`\nall | TP ${total.TP} FP ${total.FP} FN ${total.FN} TN ${total.TN} | precision ${fmt(total.precision)} recall ${fmt(total.recall)} | NA agreement ${fmt(total.naAgreement)}`);
  const byCategory = new Map();
  for (const r of all) {
    const c = r.ruleId.split('/')[0];
    byCategory.set(c, [...(byCategory.get(c) ?? []), r]);
  }
  for (const [c, rows] of [...byCategory].sort()) {
    const t = tally(rows);
    console.log(`  ${c}: TP ${t.TP} FP ${t.FP} FN ${t.FN} TN ${t.TN} precision ${fmt(t.precision)} recall ${fmt(t.recall)}`);
  }

  const byRule = new Map();
  for (const r of all) byRule.set(r.ruleId, [...(byRule.get(r.ruleId) ?? []), r]);
  if (!opts.quiet) {
    console.log('\nper rule (TP/FP/FN/TN):');
    for (const [id, rows] of [...byRule].sort()) {
      const t = tally(rows);
      console.log(`  ${id} ${t.TP}/${t.FP}/${t.FN}/${t.TN}`);
    }
    console.log('\ndisagreements:');
    for (const r of all.filter(x => x.outcome === 'FP' || x.outcome === 'FN')) {
      const where = (r.result?.findings ?? []).slice(0, 3).map(f => `${f.path}${f.line ? `:${f.line}` : ''} ${f.message ?? ''}`);
      console.log(`- ${r.outcome} ${r.slug} ${r.ruleId}: label ${r.label}, engine ${r.engine}. label note: ${r.note}`);
      for (const w of where) console.log(`    ${w.slice(0, 220)}`);
    }
  }
  if (opts.findings) fs.writeFileSync(opts.findings, JSON.stringify(judged, null, 2));
  if (opts.json) {
    const perRule = Object.fromEntries([...byRule].sort().map(([id, rows]) => [id, tally(rows)]));
    fs.writeFileSync(opts.json, JSON.stringify({ perRepo, total, perRule }, null, 2));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (e) {
    console.error(`accuracy: ${e.message}`);
    process.exit(2);
  }
}
