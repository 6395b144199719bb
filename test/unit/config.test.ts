import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { sha256Hex } from '../../src/persisted-manifest.js';

const DOCUMENT = '{ __typename }';
/** A manifest file (graphql-codegen's format) holding `DOCUMENT`, or `text` as it is. */
function manifestFile(text = JSON.stringify({ [`sha256:${sha256Hex(DOCUMENT)}`]: DOCUMENT })) {
  const path = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'persisted-documents.json');
  writeFileSync(path, text);
  return path;
}

/** The message `loadConfig` throws for `env`, or '' when it accepts it. */
function failure(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
    return '';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

describe('loadConfig', () => {
  it('fills every default from an empty environment', () => {
    expect(loadConfig({})).toEqual({
      http: { host: '0.0.0.0', port: 4000, shutdownGraceMs: 10_000, corsOrigins: [] },
      upstream: {
        url: undefined,
        token: undefined,
        apiVersion: '2025-10-21',
        connections: 64,
        concurrency: 64,
        retries: 2,
        cacheTtls: new Map(),
      },
      limits: {
        requestTimeoutMs: 30_000,
        maxUpstreamCalls: 500,
        maxEstimatedUpstreamCalls: 2000,
        maxRequestBytes: 1_048_576,
      },
      live: { pollMs: 1000, maxSubscriptionsPerCredential: 50 },
      persistedOperations: { mode: 'off', manifest: undefined },
      redis: { url: undefined, keyPrefix: 'membrane-gateway:' },
      exposeSecrets: false,
      explain: false,
      graphiql: true,
      introspection: true,
      logLevel: 'info',
    });
  });

  it('treats empty strings as unset', () => {
    const blank = Object.fromEntries(
      ['HOST', 'PORT', 'MEMBRANE_API_URL', 'MEMBRANE_API_TOKEN', 'EXPOSE_SECRETS', 'GRAPHIQL'].map(
        (k) => [k, ''],
      ),
    );
    expect(loadConfig({ ...blank, REQUEST_TIMEOUT_MS: '', LOG_LEVEL: '' })).toEqual(loadConfig({}));
  });

  it('reads every variable', () => {
    const manifest = manifestFile();
    const config = loadConfig({
      PERSISTED_OPERATIONS: 'require',
      PERSISTED_OPERATIONS_MANIFEST: manifest,
      HOST: '127.0.0.1',
      PORT: '8080',
      MEMBRANE_API_URL: 'https://api.getmembrane.com/',
      MEMBRANE_API_TOKEN: 'tok',
      MEMBRANE_API_VERSION: 'legacy',
      EXPOSE_SECRETS: 'true',
      EXPLAIN: 'true',
      GRAPHIQL: 'false',
      INTROSPECTION: '0',
      LOG_FORMAT: 'pretty',
      REQUEST_TIMEOUT_MS: '1500',
      UPSTREAM_CONNECTIONS: '8',
      UPSTREAM_CONCURRENCY: '4',
      UPSTREAM_RETRIES: '0',
      UPSTREAM_CACHE_TTL_MS: '60000',
      UPSTREAM_CACHE_RESOURCES: 'integrations, flows=2000, customers=0',
      MAX_UPSTREAM_CALLS: '50',
      MAX_ESTIMATED_UPSTREAM_CALLS: '100',
      MAX_REQUEST_BYTES: '65536',
      SHUTDOWN_GRACE_MS: '2500',
      SUBSCRIPTION_POLL_MS: '250',
      MAX_SUBSCRIPTIONS_PER_CREDENTIAL: '5',
      LOG_LEVEL: 'silent',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      REDIS_URL: 'rediss://:secret@redis.example:6380/2',
      REDIS_KEY_PREFIX: 'gw-eu:',
    });
    expect(config).toEqual({
      http: {
        host: '127.0.0.1',
        port: 8080,
        shutdownGraceMs: 2500,
        corsOrigins: ['https://a.example', 'https://b.example'],
      },
      upstream: {
        url: 'https://api.getmembrane.com',
        token: 'tok',
        apiVersion: 'legacy',
        connections: 8,
        concurrency: 4,
        retries: 0,
        cacheTtls: new Map([
          ['integrations', 60_000],
          ['flows', 2000],
        ]),
      },
      limits: {
        requestTimeoutMs: 1500,
        maxUpstreamCalls: 50,
        maxEstimatedUpstreamCalls: 100,
        maxRequestBytes: 65_536,
      },
      live: { pollMs: 250, maxSubscriptionsPerCredential: 5 },
      persistedOperations: {
        mode: 'require',
        manifest: new Map([[sha256Hex(DOCUMENT), DOCUMENT]]),
      },
      redis: { url: 'rediss://:secret@redis.example:6380/2', keyPrefix: 'gw-eu:' },
      exposeSecrets: true,
      explain: true,
      graphiql: false,
      introspection: false,
      logFormat: 'pretty',
      logLevel: 'silent',
    });
  });

  it('keeps a path prefix of the upstream URL and strips trailing slashes', () => {
    expect(loadConfig({ MEMBRANE_API_URL: 'http://127.0.0.1:4010/api//' }).upstream.url).toBe(
      'http://127.0.0.1:4010/api',
    );
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads EXPOSE_SECRETS=%s as %s', (value, expected) => {
    expect(loadConfig({ EXPOSE_SECRETS: value }).exposeSecrets).toBe(expected);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
    ['', true],
  ])('reads GRAPHIQL and INTROSPECTION=%s as %s (default on)', (value, expected) => {
    const config = loadConfig({ GRAPHIQL: value, INTROSPECTION: value });
    expect([config.graphiql, config.introspection]).toEqual([expected, expected]);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['MEMBRANE_API_URL', 'not a url'],
    ['MEMBRANE_API_URL', 'ftp://example.com'],
    ['EXPOSE_SECRETS', 'yes'],
    ['GRAPHIQL', 'off'],
    ['INTROSPECTION', 'no'],
    ['REQUEST_TIMEOUT_MS', '0'],
    ['REQUEST_TIMEOUT_MS', 'soon'],
    ['UPSTREAM_CONNECTIONS', '0'],
    ['UPSTREAM_CONCURRENCY', '1.5'],
    ['UPSTREAM_RETRIES', '-1'],
    ['MAX_UPSTREAM_CALLS', '0'],
    ['MAX_ESTIMATED_UPSTREAM_CALLS', 'many'],
    ['MAX_REQUEST_BYTES', '0'],
    ['SHUTDOWN_GRACE_MS', '-1'],
    ['SUBSCRIPTION_POLL_MS', '0'],
    ['MAX_SUBSCRIPTIONS_PER_CREDENTIAL', '0'],
    ['LOG_LEVEL', 'loud'],
    ['PERSISTED_OPERATIONS', 'on'],
    ['UPSTREAM_CACHE_TTL_MS', '-1'],
    ['UPSTREAM_CACHE_RESOURCES', 'integration'],
    ['UPSTREAM_CACHE_RESOURCES', 'flows=soon'],
  ])('rejects %s=%s with a message naming the variable', (name, value) => {
    const message = failure({ [name]: value });
    expect(message).toMatch(/^Invalid configuration:\n/);
    const lines = message.split('\n').slice(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.startsWith(`${name}: `)).toBe(true);
  });

  it('PERSISTED_OPERATIONS=require needs a manifest; allow and off do not', () => {
    expect(failure({ PERSISTED_OPERATIONS: 'require' })).toBe(
      'Invalid configuration:\nPERSISTED_OPERATIONS_MANIFEST: required when PERSISTED_OPERATIONS=require (the documents that may run)',
    );
    expect(loadConfig({ PERSISTED_OPERATIONS: 'allow' }).persistedOperations).toEqual({
      mode: 'allow',
      manifest: undefined,
    });
  });

  it.each([
    [
      'a missing file',
      '/nonexistent/persisted-documents.json',
      'cannot read /nonexistent/persisted-documents.json (ENOENT)',
    ],
    ['a file that is not JSON', manifestFile('{ nope'), 'is not JSON'],
    [
      'a document whose key is not its SHA-256',
      manifestFile(JSON.stringify({ [`sha256:${sha256Hex('x')}`]: DOCUMENT })),
      'is not the SHA-256 of its document',
    ],
  ])('a manifest that cannot serve stops the start: %s', (_, path, reason) => {
    const message = failure({ PERSISTED_OPERATIONS: 'allow', PERSISTED_OPERATIONS_MANIFEST: path });
    expect(message).toMatch(/^Invalid configuration:\nPERSISTED_OPERATIONS_MANIFEST: /);
    expect(message).toContain(reason);
    // read whenever it is set, so a broken file never waits for the mode to change
    expect(failure({ PERSISTED_OPERATIONS_MANIFEST: path })).toBe(message);
  });

  it('UPSTREAM_CACHE_TTL_MS=0 (the default) turns the cache off, whatever it names', () => {
    expect(loadConfig({ UPSTREAM_CACHE_RESOURCES: 'flows=5000' }).upstream.cacheTtls).toEqual(
      new Map(),
    );
    expect(loadConfig({ UPSTREAM_CACHE_TTL_MS: '30000' }).upstream.cacheTtls).toEqual(
      new Map([['integrations', 30_000]]),
    );
    expect(failure({ UPSTREAM_CACHE_RESOURCES: 'integrations,tenants' })).toBe(
      'Invalid configuration:\nUPSTREAM_CACHE_RESOURCES: "tenants" is not one of integrations, flows, flow-runs, connections, customers (or name=ms)',
    );
  });

  it('names every bad variable in one message', () => {
    const message = failure({ PORT: 'x', LOG_LEVEL: 'loud', UPSTREAM_RETRIES: '-3' });
    const names = message
      .split('\n')
      .slice(1)
      .map((line) => line.split(':')[0]);
    expect(names.sort()).toEqual(['LOG_LEVEL', 'PORT', 'UPSTREAM_RETRIES']);
  });

  it('never echoes the token in an error message', () => {
    const message = failure({ MEMBRANE_API_TOKEN: 'secret-token-value', PORT: 'nope' });
    expect(message).toContain('PORT');
    expect(message).not.toContain('secret-token-value');
  });
});

describe('REDIS_URL', () => {
  it('a malformed one does not stop the start: it is checked when connecting (/readyz fails)', () => {
    expect(loadConfig({ REDIS_URL: 'not a url' }).redis).toEqual({
      url: 'not a url',
      keyPrefix: 'membrane-gateway:',
    });
  });
});
