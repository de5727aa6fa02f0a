import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'one Dockerfile that builds on one JDK and runs on another',
      files: {
        'ads/Dockerfile':
          'FROM --platform=$BUILDPLATFORM eclipse-temurin:24.0.2_12-jdk-noble AS builder\nRUN ./gradlew installDist\n\nFROM eclipse-temurin:25.0.3_9-jre-alpine\nCOPY --from=builder /app /app\n',
        'cart/Dockerfile': 'FROM python:3.12-slim\n',
      },
      findings: ['ads/Dockerfile:1'],
    },
    {
      name: 'python 3.9 and python 3.11 in two services',
      files: {
        'api/Dockerfile': 'FROM python:3.11-slim\n',
        'worker/Dockerfile': 'FROM python:3.11\n',
        'legacy/Dockerfile': 'FROM python:3.9-slim-bullseye\n',
      },
      findings: ['legacy/Dockerfile:1'],
    },
    {
      name: 'different node majors, one through an ARG default and a registry',
      files: {
        'web/Dockerfile': 'ARG NODE=20\nFROM docker.io/library/node:${NODE}-alpine AS build\nFROM nginx:1.27\n',
        'api/Dockerfile': 'FROM node:22-slim\n',
        'bff/Dockerfile': 'FROM node:22.11-bookworm\n',
      },
      findings: ['web/Dockerfile:2'],
    },
    {
      name: 'openjdk and eclipse-temurin are the same runtime',
      files: {
        'ledger/Dockerfile': 'FROM maven:3.9 AS build\nFROM eclipse-temurin:21-jre\n',
        'billing/Dockerfile': 'FROM openjdk:17-jdk-slim\n',
        'notify/Dockerfile': 'FROM eclipse-temurin:21.0.4_7-jre-alpine\n',
      },
      findings: ['billing/Dockerfile:1'],
    },
    {
      name: '.NET images from mcr and go minors',
      files: {
        'a/Dockerfile':
          'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\n',
        'b/Dockerfile': 'FROM mcr.microsoft.com/dotnet/aspnet:6.0-alpine\n',
        'c/Dockerfile': 'FROM golang:1.21 AS build\nFROM scratch\n',
        'd/Dockerfile': 'FROM golang:1.23-alpine AS build\nFROM scratch\n',
      },
      findings: ['b/Dockerfile:1', 'c/Dockerfile:1'],
    },
  ],
  passes: [
    {
      name: 'an example Dockerfile that lags behind is only a low-confidence note',
      files: {
        Dockerfile: 'FROM ruby:3.3-slim\n',
        'examples/demo/Dockerfile': 'FROM ruby:3.1\n',
        'worker/Dockerfile': 'FROM ruby:3.3\n',
      },
    },
    {
      name: 'the same major.minor with different variants and patches',
      files: {
        'api/Dockerfile': 'FROM python:3.12-slim\n',
        'worker/Dockerfile': 'FROM python:3.12.7-bookworm AS build\nFROM python:3.12-alpine\n',
      },
    },
    {
      name: 'a bare major does not contradict a precise version',
      files: {
        'api/Dockerfile': 'FROM node:22\n',
        'web/Dockerfile': 'FROM node:22.11-alpine\n',
      },
    },
    {
      name: 'different runtimes, stages and scratch are not compared',
      files: {
        'api/Dockerfile': 'FROM golang:1.23 AS build\nFROM build AS test\nFROM scratch\n',
        'web/Dockerfile': 'FROM node:22 AS build\nFROM nginx:1.27-alpine\n',
        'ml/Dockerfile': 'FROM python:3.12\n',
        'tools/Dockerfile': 'FROM python:3.12-slim\n',
      },
    },
    {
      name: 'images named like a runtime but not the runtime, and tags without a version',
      files: {
        'a/Dockerfile': 'FROM acme/node-base:18\n',
        'b/Dockerfile': 'FROM node:22\n',
        'c/Dockerfile': 'FROM node:lts-alpine\n',
        'd/Dockerfile': 'ARG NODE_IMAGE\nFROM ${NODE_IMAGE}\n',
        'e/Dockerfile': 'FROM node:22-slim\n',
      },
    },
    {
      name: 'vendored Dockerfiles are left out',
      files: {
        'api/Dockerfile': 'FROM php:8.3-fpm\n',
        'admin/Dockerfile': 'FROM php:8.3-apache\n',
        'vendor/lib/Dockerfile': 'FROM php:7.4\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'one Dockerfile whose build and runtime stages agree on the runtime (a near miss)',
      files: { Dockerfile: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM golang:1.22-alpine\nCOPY --from=build /app /app\n' },
    },
    { name: 'no Dockerfile', files: { 'main.py': '' } },
    { name: 'one Dockerfile', files: { Dockerfile: 'FROM node:20 AS build\nFROM node:22-slim\n' } },
    {
      name: 'the second Dockerfile uses a look-alike image or a tag without a version',
      files: {
        'a/Dockerfile': 'FROM acme/node-base:18\n',
        'b/Dockerfile': 'FROM node:22\n',
        'c/Dockerfile': 'FROM node:lts-alpine\n',
      },
    },
    {
      name: 'two Dockerfiles with different runtimes',
      files: { 'a/Dockerfile': 'FROM python:3.9\n', 'b/Dockerfile': 'FROM node:22\n' },
    },
  ],
});

describe('infrastructure/runtime-version-mismatch findings', () => {
  it('say which Dockerfiles use the reference version', () => {
    const result = runRule(rule, {
      'api/Dockerfile': 'FROM python:3.11-slim\n',
      'legacy/Dockerfile': 'FROM python:3.9\n',
      'worker/Dockerfile': 'FROM python:3.11\n',
    });
    expect(findingsOf(result)).toEqual([
      {
        path: 'legacy/Dockerfile',
        line: 1,
        excerpt: 'FROM python:3.9',
        message: 'Builds on python 3.9 while api/Dockerfile:1, worker/Dockerfile:1 use python 3.11',
        confidence: 'high',
      },
    ]);
  });

  it('keep an example that lags behind as a low-confidence note', () => {
    const result = runRule(rule, {
      Dockerfile: 'FROM ruby:3.3-slim\n',
      'examples/demo/Dockerfile': 'FROM ruby:3.1\n',
      'worker/Dockerfile': 'FROM ruby:3.3\n',
    });
    expect(result.status).toBe('pass');
    expect(findingsOf(result)).toEqual([
      expect.objectContaining({ path: 'examples/demo/Dockerfile', line: 1, confidence: 'low' }),
    ]);
  });
});
