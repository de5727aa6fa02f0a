import { parseImageReference } from './dockerfiles';
import { imageUserOf, isRootUser } from './imageUsers';

const userOf = (reference: string) => imageUserOf(parseImageReference(reference));

describe('imageUserOf', () => {
  it('knows published images that run as an unprivileged user by default', () => {
    expect(userOf('grafana/grafana:5.2.4')).toEqual({ user: '472', byDefault: true });
    expect(userOf('docker.io/grafana/grafana-oss:11.1.0-ubuntu')).toEqual({ user: '472', byDefault: true });
    expect(userOf('prom/prometheus:v2.4.2')).toEqual({ user: 'nobody', byDefault: true });
    expect(userOf('quay.io/prometheus/alertmanager:v0.27.0')).toEqual({ user: 'nobody', byDefault: true });
    expect(userOf('prom/node-exporter')).toEqual({ user: 'nobody', byDefault: true });
    expect(userOf('nginxinc/nginx-unprivileged:stable-alpine')).toEqual({ user: '101', byDefault: true });
    expect(userOf('gcr.io/distroless/java21-debian12:nonroot@sha256:0123')).toEqual({ user: '65532:65532', byDefault: true });
    expect(userOf('cgr.dev/chainguard/static')).toEqual({ user: '65532:65532', byDefault: true });
  });

  it('knows images that ship an unprivileged user without switching to it', () => {
    expect(userOf('node:22-alpine')).toEqual({ user: 'node', byDefault: false });
    expect(userOf('docker.io/library/node:22')).toEqual({ user: 'node', byDefault: false });
  });

  it('knows nothing of releases from before the image set its user', () => {
    expect(userOf('grafana/grafana:5.0.4')).toBeUndefined();
    expect(userOf('prom/prometheus:v1.8.2')).toBeUndefined();
    expect(userOf('prom/alertmanager:v0.15.3')).toBeUndefined();
    expect(userOf('prom/node-exporter:v0.14.0')).toBeUndefined();
  });

  it('knows nothing of look-alike names, other registries, tags without nonroot, or generic images', () => {
    expect(userOf('example/grafana:11.1.0')).toBeUndefined();
    expect(userOf('registry.example.com/prom/prometheus:v2.53.0')).toBeUndefined();
    expect(userOf('prometheus/prometheus:v2.53.0')).toBeUndefined();
    expect(userOf('gcr.io/distroless/static-debian12')).toBeUndefined();
    expect(userOf('gcr.io/distroless/static-debian12:debug')).toBeUndefined();
    expect(userOf('cgr.dev/chainguard/wolfi-base')).toBeUndefined();
    expect(userOf('nginx:1.27')).toBeUndefined();
    expect(userOf('python:3.12-slim')).toBeUndefined();
    expect(userOf('debian:bookworm')).toBeUndefined();
    expect(imageUserOf(undefined)).toBeUndefined();
  });
});

describe('isRootUser', () => {
  it('reads the user part of a USER argument', () => {
    for (const root of ['root', 'ROOT', '0', '0:0', 'root:root', '0:1000', ' root ']) expect(isRootUser(root)).toBe(true);
    for (const user of ['app', '10001', '10001:0', 'app:root', 'nobody', 'rootless']) expect(isRootUser(user)).toBe(false);
  });
});
