import { describeRule, runRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'a production variant on a moving tag, beside a development Dockerfile on one (a note)',
      files: { 'Dockerfile': 'FROM node:lts\n', 'Dockerfile.prod': 'FROM node:latest\n' },
      findings: ['Dockerfile:1', 'Dockerfile.prod:1'],
    },
    {
      name: 'no tag',
      files: { Dockerfile: 'FROM python\nCOPY . /app\n' },
      findings: ['Dockerfile:1'],
    },
    {
      name: ':latest',
      files: { 'api/Dockerfile': 'FROM node:latest\nUSER node\n' },
      findings: ['api/Dockerfile:1'],
    },
    {
      name: 'a registry with a port but no tag',
      files: { Dockerfile: 'FROM registry.example.com:5000/team/base\n' },
      findings: ['Dockerfile:1'],
    },
    {
      name: 'moving tags that name no version',
      files: {
        Dockerfile: 'FROM node:lts-alpine AS build\nRUN npm ci\nFROM nginx:stable-alpine\nFROM python:slim\n',
      },
      findings: ['Dockerfile:1', 'Dockerfile:3', 'Dockerfile:4'],
    },
    {
      name: 'the build stage of a multi-stage build is unpinned',
      files: {
        Dockerfile:
          'FROM golang AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n',
      },
      findings: ['Dockerfile:1'],
    },
    {
      name: 'an ARG default that is unpinned',
      files: { Dockerfile: 'ARG BASE=python:latest\nFROM ${BASE}\n' },
      findings: ['Dockerfile:2'],
    },
    {
      name: 'latest beside a word that is no version, and an ARG default that is a real image with an expansion left in its name only',
      files: {
        Dockerfile: 'FROM eclipse-temurin:jdk-latest\n',
        'worker/Dockerfile': 'ARG ARCH=${TARGETPLATFORM/\\//-}\nFROM ghcr.io/acme/runtime-${ARCH}\n',
      },
      findings: ['Dockerfile:1', 'worker/Dockerfile:2'],
    },
    {
      name: 'an ARG default with no tag, through nested ARGs',
      files: { Dockerfile: 'ARG REGISTRY=ghcr.io/acme\nARG BASE=$REGISTRY/runtime\nFROM ${BASE} AS run\n' },
      findings: ['Dockerfile:3'],
    },
  ],
  passes: [
    {
      name: 'development images: beside a pinned production variant, or named for development (low-confidence notes)',
      files: {
        'Dockerfile': 'FROM node:lts\n',
        'prod.Dockerfile': 'FROM node:22.11-alpine\n',
        'worker/Dockerfile.debug': 'FROM python\n',
      },
    },
    {
      name: 'an unpinned example Dockerfile is only a low-confidence note',
      files: { 'examples/quickstart/Dockerfile': 'FROM ubuntu\n' },
    },
    {
      name: 'explicit versions',
      files: {
        Dockerfile: 'FROM python:3.12-slim\n',
        'web/Dockerfile': 'FROM node:22-alpine AS build\nFROM nginx:1.27-alpine\n',
        'db/Dockerfile': 'FROM debian:bookworm-20240701\n',
      },
    },
    {
      name: 'tags that lead with a version: the latest of a version line, a variant of a major',
      files: {
        'db/Dockerfile': 'FROM mcr.microsoft.com/mssql/server:2022-latest\n',
        Dockerfile: 'FROM node:20-lts\nFROM python:3-alpine\n',
      },
    },
    {
      name: 'ARG defaults that are placeholders the build must replace, or a tag only the build can expand',
      files: {
        Dockerfile: [
          'ARG GO_VERSION=PLEASE_PROVIDE_GO_VERSION',
          'ARG PLATFORM_DASHES=${TARGETPLATFORM/\\//-}',
          'FROM acme/build:${GO_VERSION}-${PLATFORM_DASHES} AS builder',
          'FROM debian:bookworm-slim',
          '',
        ].join('\n'),
        'tools/Dockerfile': 'ARG BASE_IMAGE=CHANGE_ME\nFROM ${BASE_IMAGE}\n',
        'arm/Dockerfile': 'ARG PLATFORM_DASHES=${TARGETPLATFORM/\\//-}\nFROM acme/base:1.4-${PLATFORM_DASHES}\n',
      },
    },
    {
      name: 'digests, with or without a tag',
      files: {
        Dockerfile:
          'FROM alpine@sha256:1e42bbe2508154c9126d48c2b8a75420c3544343bf86fd041fb7527e017a4b4a\nFROM node:lts@sha256:1e42bbe2508154c9126d48c2b8a75420c3544343bf86fd041fb7527e017a4b4a\n',
      },
    },
    {
      name: 'earlier stages and scratch',
      files: {
        Dockerfile:
          'FROM golang:1.23 AS builder\nRUN go build -o /app\nFROM builder AS test\nRUN go test ./...\nFROM scratch\nCOPY --from=builder /app /app\n',
      },
    },
    {
      name: 'ARG-based images with pinned defaults',
      files: {
        Dockerfile:
          'ARG PYTHON_VERSION=3.12\nARG BASE=python:${PYTHON_VERSION}-slim\nFROM ${BASE} AS app\nFROM python:$PYTHON_VERSION\nFROM ${RUNTIME_IMAGE:-node:22}\n',
      },
    },
    {
      name: 'an ARG without default is supplied at build time',
      files: { Dockerfile: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n' },
    },
    {
      name: 'platform flags and a lower-case as',
      files: { Dockerfile: 'FROM --platform=$BUILDPLATFORM golang:1.23.2 as build\nFROM build\n' },
    },
    {
      name: 'vendored Dockerfiles and comments are ignored',
      files: {
        Dockerfile: '# FROM ubuntu\nFROM ubuntu:24.04\n',
        'vendor/tool/Dockerfile': 'FROM ubuntu\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'a Gitpod workspace image on an untagged base',
      files: { '.gitpod.Dockerfile': 'FROM gitpod/workspace-full\nRUN brew install gh\n', '.gitpod.yml': 'image:\n  file: .gitpod.Dockerfile\n' },
    },
    { name: 'no Dockerfile', files: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres\n' } },
  ],
});

describe('infrastructure/unpinned-base-image findings', () => {
  it('explain an ARG default and mark examples with low confidence', () => {
    const result = runRule(rule, {
      Dockerfile: 'ARG BASE=node\nFROM $BASE\n',
      'docs/Dockerfile': 'FROM node:latest\n',
    });
    expect(result.findings).toEqual([
      expect.objectContaining({
        path: 'Dockerfile',
        line: 2,
        excerpt: 'FROM $BASE',
        confidence: 'high',
        message: expect.stringContaining('ARG default `node`'),
      }),
      expect.objectContaining({ path: 'docs/Dockerfile', confidence: 'low' }),
    ]);
  });
});
