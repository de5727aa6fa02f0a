import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

const app = 'from flask import Flask\napp = Flask(__name__)\n';

/** A uv project declaring numpy, with the lock's packages (name and dependency names) after the project's own entry. */
const uvProject = (packages: Array<[string, string[]]>) => ({
  'pyproject.toml': '[project]\nname = "site"\ndependencies = [\n  "django>5.0",\n  "numpy",\n  "requests",\n]\n',
  'uv.lock': [
    'version = 1\nrequires-python = ">=3.12"\n',
    '[[package]]\nname = "site"\nversion = "1.0"\nsource = { virtual = "." }\ndependencies = [\n    { name = "django" },\n    { name = "numpy" },\n    { name = "requests" },\n]\n',
    ...packages.map(
      ([name, deps]) =>
        `[[package]]\nname = "${name}"\nversion = "1.0"\nsource = { registry = "https://pypi.org/simple" }\n${
          deps.length ? `dependencies = [\n${deps.map(d => `    { name = "${d}" },\n`).join('')}]\n` : ''
        }`,
    ),
  ].join('\n'),
  'site/views.py': 'from django.http import JsonResponse\nimport requests\n',
});

describeRule(rule, {
  fails: [
    {
      name: 'pandas declared, never imported (a comment does not count)',
      files: {
        'requirements.txt': 'flask==3.0.3\npandas==2.2.2\n',
        'app.py': `${app}# we used to import pandas here\n"""import pandas as pd"""\n`,
      },
      findings: ['requirements.txt:2'],
    },
    {
      name: 'several heavy packages in pyproject.toml, one used',
      files: {
        'pyproject.toml': '[project]\nname = "svc"\ndependencies = [\n  "fastapi>=0.111",\n  "torch>=2.3",\n  "opencv-python-headless==4.10.0.84",\n  "scikit-learn>=1.5",\n]\n',
        'svc/main.py': 'import torch.nn as nn\nfrom fastapi import FastAPI\n',
        'svc/images.py': 'import skimage\n',
      },
      findings: ['pyproject.toml:6', 'pyproject.toml:7'],
    },
    {
      name: 'each service of a monorepo on its own',
      files: {
        'ml/requirements.txt': 'torch==2.3.1\n',
        'ml/train.py': 'import torch\n',
        'api/requirements.txt': 'flask==3.0.3\ntorch==2.3.1\n',
        'api/app.py': app,
      },
      findings: ['api/requirements.txt:2'],
    },
    {
      name: 'a Poetry dependency table',
      files: {
        'pyproject.toml': '[tool.poetry]\nname = "x"\n\n[tool.poetry.dependencies]\npython = "^3.12"\nmatplotlib = "^3.9"\n',
        'x/core.py': 'import json\n',
      },
      findings: ['pyproject.toml:6'],
    },
    {
      name: 'numpy declared in a uv project whose lock shows no other package needing it',
      files: uvProject([['django', ['asgiref']], ['numpy', []], ['requests', ['urllib3']]]),
      findings: ['pyproject.toml:5'],
    },
  ],
  passes: [
    {
      name: 'submodule imports and aliases',
      files: {
        'requirements.txt': 'torch==2.3.1\nscikit-learn==1.5.0\nopencv-python==4.10.0.84\npandas==2.2.2\nscipy==1.13.1\n',
        'model.py': 'import torch.nn as nn\nfrom sklearn.model_selection import train_test_split\nimport os, cv2\n\ndef load():\n    import pandas as pd\n    return pd\n',
        'stats.py': 'from scipy import stats\n',
      },
    },
    {
      name: 'backends used through the library that needs them',
      files: {
        'requirements.txt': 'transformers==4.41.2\ntorch==2.3.1\ntensorflow==2.16.1\nkeras==3.3.3\n',
        'nlp.py': 'from transformers import pipeline\nfrom keras import layers\n',
      },
    },
    {
      name: 'notebooks, -m commands and dynamic imports',
      files: {
        'requirements.txt': 'pandas==2.2.2\nnltk==3.8.1\nxgboost==2.0.3\n',
        'analysis/explore.ipynb': '{"cells":[{"cell_type":"code","source":["import pandas as pd\\n","df = pd.read_csv(\\"x.csv\\")"]}]}',
        Dockerfile: 'FROM python:3.12-slim\nRUN python -m nltk.downloader punkt\n',
        'models.py': 'import importlib\nxgb = importlib.import_module("xgboost")\n',
      },
    },
    {
      name: 'requirements in a requirements/ folder serve the code above it',
      files: {
        'requirements/base.txt': 'Django==5.0.6\npandas==2.2.2\n',
        'reports/export.py': 'import pandas\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'numpy declared in a uv project where a locked package needs it (a pin of a transitive dependency)',
      files: uvProject([['django', ['asgiref']], ['numpy', []], ['pgvector', ['numpy']], ['requests', ['urllib3']]]),
    },
    {
      name: 'numpy declared in a Poetry project whose lock shows a package depending on it',
      files: {
        'pyproject.toml': '[tool.poetry]\nname = "x"\n\n[tool.poetry.dependencies]\npython = "^3.12"\nnumpy = "^1.26"\nshapely = "^2.0"\n',
        'poetry.lock': '[[package]]\nname = "numpy"\nversion = "1.26.4"\n\n[[package]]\nname = "shapely"\nversion = "2.0.4"\n\n[package.dependencies]\nnumpy = ">=1.14,<3"\n',
        'x/geo.py': 'import shapely\n',
      },
    },
    { name: 'no heavy dependency (numpy in a requirements file is not judged)', files: { 'requirements.txt': 'flask==3.0.3\nnumpy==2.0.0\n', 'app.py': app } },
    {
      name: 'numpy in a pyproject.toml without a lock file',
      files: { 'pyproject.toml': '[project]\nname = "site"\ndependencies = ["numpy>=2"]\n', 'site/app.py': app },
    },
    { name: 'no Python manifest', files: { 'package.json': '{"dependencies":{"@tensorflow/tfjs":"^4.0.0"}}' } },
  ],
});

describe('code-quality/unused-heavy-dependency messages', () => {
  it('names the module looked for and the files searched', () => {
    const result = runRule(rule, { 'api/requirements.txt': 'pandas==2.2.2\n', 'api/app.py': app, 'api/db.py': 'x = 1\n' });
    expect(findingsOf(result)[0]).toEqual({
      path: 'api/requirements.txt',
      line: 1,
      excerpt: 'pandas==2.2.2',
      message: '`pandas` is declared but never imported by the 2 Python file(s) under api/',
    });
  });

  it('names the import of a distribution with another module name', () => {
    const result = runRule(rule, { 'requirements.txt': 'opencv-python==4.10.0.84\n', 'app.py': 'import json\n' });
    expect(result.findings[0].message).toBe(
      '`opencv-python` is declared but never imported (as `cv2`) by the 1 Python file(s)',
    );
  });

  it('says that no locked package needs numpy', () => {
    const result = runRule(rule, uvProject([['numpy', []]]));
    expect(result.findings[0].message).toBe(
      '`numpy` is declared but never imported by the 1 Python file(s), and no other package of uv.lock needs it',
    );
  });
});
