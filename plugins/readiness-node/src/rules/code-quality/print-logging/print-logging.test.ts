import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

const flaskApp = {
  'requirements.txt': 'flask==3.0.3\n',
  'app.py': [
    'from flask import Flask',
    'app = Flask(__name__)',
    '',
    'if __name__ == "__main__":',
    '    print("Server starting on port 5000")',
    '    app.run()',
    '',
  ].join('\n'),
};

const ordersWithPrints = [
  'from flask import jsonify',
  'import traceback',
  '',
  'def create_order():',
  '    try:',
  '        save()',
  '    except Exception as e:',
  '        # tell someone',
  '        print("create order failed",',
  '              e)',
  '        return jsonify({"error": "internal"}), 500',
  '',
  'def cancel_order():',
  '    try:',
  '        cancel()',
  '    except (KeyError, ValueError): traceback.print_exc()',
  '',
].join('\n');

describeRule(rule, {
  fails: [
    {
      name: 'a gRPC servicer that prints the error of a failed send in an except block',
      files: {
        'emailservice/requirements.txt': 'grpcio==1.76.0\n',
        'emailservice/server.py': [
          'import grpc',
          'from concurrent import futures',
          '',
          'class EmailService:',
          '    def Send(self, request, context):',
          '        try:',
          '            client.send(request.email)',
          '        except ApiError as err:',
          '            print(err.message)',
          '            context.set_code(grpc.StatusCode.INTERNAL)',
          '',
          'def start():',
          '    server = grpc.server(futures.ThreadPoolExecutor(max_workers=10))',
          '    server.start()',
          '',
          'if __name__ == "__main__":',
          '    import argparse',
          '    argparse.ArgumentParser().parse_args()',
          '    start()',
          '',
        ].join('\n'),
      },
      findings: ['emailservice/server.py:9'],
    },
    {
      name: 'a deprecated helper that still prints an error when the send fails, and a deprecation print inside except',
      files: {
        ...flaskApp,
        'shop/mail.py': [
          'import logging',
          '',
          'def sendmail(addr, text):',
          '    ok = provider.send(addr, text)',
          '    if not ok:',
          '        print("sendmail failed for", addr)',
          '    try:',
          '        legacy.send(addr)',
          '    except Exception:',
          '        print("legacy send is deprecated")',
          '',
        ].join('\n'),
      },
      findings: ['shop/mail.py:6', 'shop/mail.py:10'],
    },
    {
      name: 'print and print_exc in except blocks of Flask routes',
      files: { ...flaskApp, 'routes/orders.py': ordersWithPrints },
      findings: ['routes/orders.py:9', 'routes/orders.py:16'],
    },
    {
      name: 'a FastAPI service printing errors outside except',
      files: {
        'pyproject.toml': '[project]\nname = "api"\ndependencies = ["fastapi>=0.111"]\n',
        'api/main.py': [
          'import sys',
          'from fastapi import FastAPI',
          'app = FastAPI()',
          '',
          '@app.post("/charge")',
          'def charge(req):',
          '    result = gateway.charge(req)',
          '    if not result.ok:',
          '        print(f"Charge failed: {result.code}")',
          '        print("retrying", file=sys.stderr)',
          '    print("charged", result.id)',
          '    return result',
          '',
        ].join('\n'),
      },
      findings: ['api/main.py:9', 'api/main.py:10'],
    },
    {
      name: 'a Django view detected from requirements/ folder files',
      files: {
        'requirements/base.txt': 'Django==5.0.6\n',
        'shop/views.py': 'from django.http import JsonResponse\n\ndef export(request):\n    try:\n        build()\n    except OSError as exc:\n        print(exc)\n    return JsonResponse({})\n',
      },
      findings: ['shop/views.py:7'],
    },
    {
      name: 'a Flask configuration that warns about a missing secret with print() and keeps running',
      files: {
        ...flaskApp,
        'config.py': [
          'import os',
          '',
          "if os.path.exists('config.env'):",
          "    print('Importing environment from config.env')",
          '',
          'class Config:',
          "    if os.environ.get('SECRET_KEY'):",
          "        SECRET_KEY = os.environ.get('SECRET_KEY')",
          '    else:',
          "        SECRET_KEY = 'placeholder'",
          "        print('SECRET_KEY env var not set! Sessions are signed with a placeholder')",
          '',
          'class DevelopmentConfig(Config):',
          '    @classmethod',
          '    def init_app(cls, app):',
          "        print('Debug mode on: you should not see this in production')",
          '',
          'class UnixConfig(Config):',
          '    @classmethod',
          '    def init_app(cls, app):',
          '        import logging',
          '        app.logger.addHandler(logging.handlers.SysLogHandler())',
          '',
          "config = {'development': DevelopmentConfig, 'production': Config, 'unix': UnixConfig, 'default': DevelopmentConfig}",
          '',
        ].join('\n'),
      },
      findings: ['config.py:11', 'config.py:16'],
    },
    {
      name: 'a request handler that prints an error and exits the process',
      files: {
        ...flaskApp,
        'routes/admin.py': 'import sys\n\ndef shutdown():\n    if not allowed():\n        print("Error: not allowed")\n        sys.exit(1)\n',
      },
      findings: ['routes/admin.py:5'],
    },
  ],
  passes: [
    {
      name: 'a settings warning printed before logging is set up, in a project that configures logging',
      files: {
        'requirements.txt': 'django==5.0.6\n',
        'shop/settings/production.py': [
          'import os',
          '',
          "if 'SECRET_KEY' in os.environ:",
          "    SECRET_KEY = os.environ['SECRET_KEY']",
          'else:',
          '    print("WARNING: SECRET_KEY not set. Generating an ephemeral key.")',
          '    SECRET_KEY = os.urandom(32).hex()',
          '',
          "LOGGING = {'version': 1}",
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a deprecation notice printed by an old helper before it delegates to its replacement',
      files: {
        ...flaskApp,
        'shop/mail.py': [
          'import logging',
          'from shop.providers import SmtpProvider',
          '',
          'def sendmail(addr, text):',
          '    print(',
          '        "shop.mail.sendmail will raise an exception in a future minor release and then be removed"',
          '    )',
          '    return SmtpProvider.sendmail(addr, text)',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a fatal start-up message printed at import time right before the process exits',
      files: {
        ...flaskApp,
        'project/celery.py': [
          'import os',
          'import sys',
          '',
          'settings_module = os.environ.get("SETTINGS_MODULE")',
          'if settings_module is None:',
          '    print(',
          '        "Error: no SETTINGS_MODULE found. Will NOT start. "',
          '        "Create the .env file first."',
          '    )',
          '    sys.exit(1)',
          'try:',
          '    import celery',
          'except ImportError:',
          '    pass',
          'if celery is None:',
          '    print("Error: celery is missing")',
          '    raise SystemExit(2)',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'logging in except blocks, print only for start-up',
      files: {
        ...flaskApp,
        'routes/orders.py': [
          'import logging',
          'logger = logging.getLogger(__name__)',
          '',
          'def create_order():',
          '    try:',
          '        save()',
          '    except Exception:',
          '        # print(e) was here',
          '        logger.exception("create order failed")',
          '        message = "print(e) in a string"',
          '        pprint(state)',
          '        self.print(state)',
          '    print("created")',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'print in except of a command-line script, a tooling script and tests',
      files: {
        ...flaskApp,
        'cli.py': 'import argparse\n\ndef main():\n    try:\n        run()\n    except Exception as e:\n        print(f"error: {e}")\n\nif __name__ == "__main__":\n    main()\n',
        'scripts/backfill.py': 'try:\n    go()\nexcept Exception as e:\n    print("failed", e)\n',
        'tests/test_orders.py': 'def test_x():\n    try:\n        go()\n    except Exception as e:\n        print("failed", e)\n',
      },
    },
    {
      name: 'a worker without a web framework beside a clean server',
      files: {
        'api/requirements.txt': 'flask==3.0.3\n',
        'api/app.py': 'from flask import Flask\napp = Flask(__name__)\n',
        'worker/requirements.txt': 'celery==5.4.0\n',
        'worker/tasks.py': 'def run():\n    try:\n        go()\n    except Exception as e:\n        print("failed", e)\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'a gRPC client script that only opens a channel',
      files: {
        'requirements.txt': 'grpcio==1.76.0\n',
        'client.py': 'import grpc\n\ndef call():\n    try:\n        stub.Get(grpc.insecure_channel("x"))\n    except Exception as err:\n        print(err)\n',
      },
    },
    { name: 'a Node server', files: { 'package.json': '{"dependencies":{"express":"^4.19.2"}}', 'server.js': 'console.error("x")' } },
    {
      name: 'a Python library without a web server',
      files: { 'pyproject.toml': '[project]\nname = "lib"\ndependencies = ["requests>=2"]\n', 'lib/core.py': 'try:\n    x()\nexcept Exception as e:\n    print(e)\n' },
    },
  ],
});

describe('code-quality/print-logging messages', () => {
  it('points at the except block', () => {
    const result = runRule(rule, { ...flaskApp, 'routes/orders.py': ordersWithPrints });
    expect(findingsOf(result)[0]).toEqual({
      path: 'routes/orders.py',
      line: 9,
      excerpt: 'print("create order failed",',
      message:
        '`print()` reports an error in an `except` block (line 7); use `logger.exception(...)` so the error reaches the logs with its stack trace',
    });
  });
});
