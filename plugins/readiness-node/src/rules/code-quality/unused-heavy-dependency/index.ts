import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../snapshot';
import { dirname, extname, Facts, joinPath, languageOf, lineOf } from '../../../facts';
import { isUnder, manifestProjectDir } from '../../../facts/projects';
import { maskSource } from '../../../facts/sourceText';
import { defineRule, outcome } from '../../types';
import { inLowConfidenceFolder } from '../shared';

/** Heavy distributions and the module each is imported as. */
const HEAVY: Record<string, string> = {
  torch: 'torch',
  torchvision: 'torchvision',
  torchaudio: 'torchaudio',
  tensorflow: 'tensorflow',
  'tensorflow-cpu': 'tensorflow',
  'tensorflow-gpu': 'tensorflow',
  'tensorflow-macos': 'tensorflow',
  'tensorflow-intel': 'tensorflow',
  'tf-nightly': 'tensorflow',
  transformers: 'transformers',
  'sentence-transformers': 'sentence_transformers',
  'scikit-learn': 'sklearn',
  sklearn: 'sklearn',
  pandas: 'pandas',
  'opencv-python': 'cv2',
  'opencv-python-headless': 'cv2',
  'opencv-contrib-python': 'cv2',
  'opencv-contrib-python-headless': 'cv2',
  scipy: 'scipy',
  matplotlib: 'matplotlib',
  keras: 'keras',
  spacy: 'spacy',
  nltk: 'nltk',
  xgboost: 'xgboost',
  lightgbm: 'lightgbm',
  catboost: 'catboost',
  jax: 'jax',
  jaxlib: 'jax',
  pyspark: 'pyspark',
};

/**
 * Libraries that need a heavy dependency at run time without the project
 * importing it (a backend, a required peer): importing them uses it.
 */
const USED_THROUGH: Record<string, string[]> = {
  torch: ['transformers', 'sentence_transformers', 'torchvision', 'torchaudio', 'accelerate', 'lightning', 'pytorch_lightning', 'timm', 'diffusers', 'peft', 'ultralytics', 'easyocr', 'whisper', 'torchmetrics', 'skorch', 'fastai', 'detectron2'],
  tensorflow: ['keras', 'tf_keras', 'tensorflow_hub', 'tensorflow_text', 'tensorflow_datasets', 'transformers'],
  jax: ['flax', 'optax', 'haiku', 'equinox'],
  scipy: ['sklearn', 'statsmodels', 'xgboost', 'lightgbm', 'catboost', 'gensim', 'librosa', 'skimage', 'umap', 'hdbscan'],
  matplotlib: ['seaborn', 'plotnine', 'mplfinance'],
  pandas: ['seaborn', 'statsmodels', 'geopandas', 'pandera', 'dask', 'prophet', 'plotly'],
};

const normalize = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

/**
 * Heavy (native BLAS libraries, tens of megabytes), but needed by most of the scientific stack and by many other
 * libraries: a project often declares it only to pin what another package needs. Judged only in a pyproject.toml
 * whose lock file beside it shows that no other locked package depends on it.
 */
const HEAVY_IF_DIRECT: Record<string, string> = { numpy: 'numpy' };

/** Lock files that list each package's dependencies (uv, Poetry, PDM). */
const LOCK_FILES = ['uv.lock', 'poetry.lock', 'pdm.lock'];

/**
 * Whether a lock file shows a package other than the repository's own projects depending on the distribution:
 * uv `{ name = "numpy" }`, Poetry `numpy = ">=1.22"` under `[package.dependencies]`, PDM `"numpy>=1.22"`.
 * The projects of the repository itself (uv's `source = { editable | virtual = … }`) declare it, as the manifest does.
 */
function lockedDependents(lock: SourceFile, name: string): boolean {
  const dist = normalize(name).replace(/-/g, '[-_.]');
  const dependency = new RegExp(`\\{\\s*name\\s*=\\s*"${dist}"|^\\s*${dist}\\s*=|["']${dist}\\s*(?:[<>=!~;\\[]|["'])`, 'im');
  return lock.text.split(/^\[\[package\]\]\s*$/m).slice(1).some(block => {
    const own = /^\s*name\s*=\s*"([^"]+)"/m.exec(block)?.[1];
    if (!own || normalize(own) === normalize(name)) return false;
    if (/^\s*source\s*=\s*\{\s*(?:editable|virtual)\s*=/m.test(block)) return false;
    return dependency.test(block);
  });
}

/** Top-level modules a Python file or notebook imports. */
function importsOf(file: SourceFile): string[] {
  const found: string[] = [];
  if (extname(file.path) === '.ipynb') {
    for (const m of file.text.matchAll(/(?:^|[\s"'])(?:from|import)\s+([A-Za-z_][\w.]*)/g)) {
      found.push(m[1].split('.')[0]);
    }
    return found;
  }
  const { code } = maskSource(file);
  for (const m of code.matchAll(/^[ \t]*import[ \t]+([^\n#;]+)/gm)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().replace(/[()\\]/g, '').split(/\s+/)[0];
      if (name) found.push(name.split('.')[0]);
    }
  }
  for (const m of code.matchAll(/^[ \t]*from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b/gm)) {
    found.push(m[1].split('.')[0]);
  }
  for (const m of file.text.matchAll(/\b(?:import_module|__import__)\(\s*['"]([\w.]+)['"]/g)) {
    found.push(m[1].split('.')[0]);
  }
  return found;
}

interface Declared {
  manifest: string;
  name: string;
  module: string;
  line?: number;
  /** The lock file that shows nothing else needs it, for a package judged only then. */
  lock?: string;
}

function declaredHeavy(facts: Facts): Declared[] {
  const out: Declared[] = [];
  for (const req of facts.manifests.requirements) {
    for (const entry of req.entries) {
      const module = HEAVY[normalize(entry.name)];
      if (module) out.push({ manifest: req.path, name: entry.name, module, line: entry.line });
    }
  }
  for (const py of facts.manifests.pyprojects) {
    const file = facts.file(py.path);
    for (const dep of py.dependencies) {
      let module = HEAVY[normalize(dep)];
      let lock: SourceFile | undefined;
      if (!module && HEAVY_IF_DIRECT[normalize(dep)]) {
        lock = LOCK_FILES.map(name => facts.file(joinPath(dirname(py.path), name))).find((f): f is SourceFile => !!f);
        if (!lock || lockedDependents(lock, dep)) continue;
        module = HEAVY_IF_DIRECT[normalize(dep)];
      }
      if (!module) continue;
      let line: number | undefined;
      if (file) {
        const escaped = dep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[-_.]/g, '[-_.]');
        const pattern = new RegExp(`(^|["'\\s])${escaped}\\s*([=<>~!\\[;"']|$)`, 'i');
        const index = file.text.split('\n').findIndex(l => pattern.test(l));
        if (index !== -1) line = index + 1;
      }
      out.push({ manifest: py.path, name: dep, module, ...(line !== undefined ? { line } : {}), ...(lock ? { lock: lock.path } : {}) });
    }
  }
  return out;
}

export default defineRule({
  id: 'code-quality/unused-heavy-dependency',
  category: 'code-quality',
  severity: 'medium',
  title: 'No unused heavy dependencies',
  description:
    'Fails when a heavy Python dependency (torch, tensorflow, transformers, scikit-learn, pandas, opencv, scipy, matplotlib, keras, spacy, nltk, xgboost, lightgbm, jax…) is declared in a requirements file or pyproject.toml but never imported by the Python code or notebooks of that project. numpy, which most of these and many other libraries need, is judged only in a pyproject.toml whose lock file (uv.lock, poetry.lock, pdm.lock) shows that no other package depends on it.',
  rationale:
    'Heavy libraries add hundreds of megabytes to every image and minutes to every build and cold start, and widen the attack surface with native code nobody uses.',
  remediation:
    'Remove the dependency from the manifest, or move it to an optional extra or a separate requirements file for the job that really needs it (training, notebooks, analysis).',
  evaluate(facts) {
    const declared = declaredHeavy(facts);
    if (declared.length === 0) {
      return outcome.notApplicable('no heavy Python dependency declared');
    }
    const pythonFiles = facts.files.filter(
      f => languageOf(f.path) === 'python' || extname(f.path) === '.ipynb',
    );
    const imports = new Map<string, Set<string>>(
      pythonFiles.map(f => [f.path, new Set(importsOf(f))]),
    );
    // `python -m spacy download …` in a Dockerfile, Makefile, script or CI file uses the package too.
    const commandModules = new Set<string>();
    for (const f of facts.files) {
      if (languageOf(f.path) === 'python') continue;
      for (const m of f.text.matchAll(/\bpython[\d.]*\s+(?:-\w+\s+)*-m\s+([\w.]+)/g)) {
        commandModules.add(m[1].split('.')[0]);
      }
    }
    const findings: Finding[] = [];
    for (const dep of declared) {
      // The code a manifest serves: its project folder, or the nearest parent holding Python code.
      let scope = manifestProjectDir(dep.manifest);
      const inScope = (s: string) => pythonFiles.filter(f => isUnder(f.path, s));
      while (scope !== '' && inScope(scope).length === 0) scope = dirname(scope);
      const used = new Set<string>();
      for (const f of inScope(scope)) imports.get(f.path)!.forEach(m => used.add(m));
      const users = [dep.module, ...(USED_THROUGH[dep.module] ?? [])];
      if (users.some(u => used.has(u) || commandModules.has(u))) continue;
      const file = facts.file(dep.manifest);
      const count = inScope(scope).length;
      findings.push({
        path: dep.manifest,
        ...(dep.line !== undefined ? { line: dep.line } : {}),
        ...(dep.line !== undefined && file ? { excerpt: lineOf(file, dep.line) } : {}),
        message: `\`${dep.name}\` is declared but never imported${
          normalize(dep.name) === normalize(dep.module) ? '' : ` (as \`${dep.module}\`)`
        } by the ${count} Python file(s)${scope ? ` under ${scope}/` : ''}${dep.lock ? `, and no other package of ${dep.lock} needs it` : ''}`,
        ...(inLowConfidenceFolder(dep.manifest) ? { confidence: 'low' as const } : {}),
      });
    }
    return outcome.fromFindings(findings);
  },
});
