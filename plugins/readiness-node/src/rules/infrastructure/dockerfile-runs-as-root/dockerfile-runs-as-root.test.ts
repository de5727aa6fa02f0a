import { describeRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'the service image beside a test-runner image',
      files: {
        'Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\nCMD ["gunicorn", "app:app"]\n',
        'Dockerfile.test': 'FROM python:3.12-slim\nCOPY . /app\nCMD ["pytest", "-q"]\n',
      },
      findings: ['Dockerfile:1', 'Dockerfile.test:1'],
    },
    {
      name: 'no USER at all',
      files: { Dockerfile: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "app.py"]\n' },
      findings: ['Dockerfile:1'],
    },
    {
      name: 'USER only in the build stage',
      files: {
        Dockerfile:
          'FROM node:22 AS build\nUSER node\nRUN npm ci\n\nFROM node:22-slim\nCOPY --from=build /app /app\nCMD ["node", "/app"]\n',
      },
      findings: ['Dockerfile:5'],
    },
    {
      name: 'switches back to root at the end',
      files: { 'api/Dockerfile': 'FROM alpine:3.20\nUSER app\nRUN true\nUSER root\n' },
      findings: ['api/Dockerfile:4'],
    },
    {
      name: 'numeric root',
      files: { 'Dockerfile.prod': 'FROM alpine:3.20\nUSER 0\n' },
      findings: ['Dockerfile.prod:2'],
    },
  ],
  passes: [
    {
      name: 'test-runner images: named for tests or CI, or whose command runs the test suite',
      files: {
        'Dockerfile.test': 'FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r requirements.txt\n',
        'ci/e2e.Dockerfile': 'FROM mcr.microsoft.com/playwright:v1.45.0\nCOPY . .\nCMD ["npx", "playwright", "test"]\n',
        'tester/Dockerfile': 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nCMD go test ./...\n',
      },
    },
    {
      name: 'non-root user in the final stage',
      files: {
        Dockerfile:
          'FROM golang:1.23 AS build\nRUN go build -o /out/app\nFROM alpine:3.20\nRUN adduser -D app\nUSER app\nCOPY --from=build /out/app /app\n',
      },
    },
    {
      name: 'distroless nonroot base',
      files: { Dockerfile: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n' },
    },
    {
      name: 'a dev container image is developer tooling, not something that ships (low-confidence note)',
      files: {
        '.devcontainer/Dockerfile': 'ARG VARIANT=21\nFROM mcr.microsoft.com/devcontainers/java:${VARIANT}\nRUN apt-get update\n',
        '.devcontainer/devcontainer.json': '{ "build": { "dockerfile": "Dockerfile" } }',
      },
    },
    {
      name: 'numeric uid with group',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER 10001:10001\n' },
    },
  ],
  notApplicable: [
    { name: 'no Dockerfile', files: { 'main.go': 'package main' } },
    { name: 'a file that only mentions docker', files: { 'docs/docker.md': 'FROM x' } },
  ],
});
