import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import { parseDatabricksConfig } from './databricks-config-file.js';
import { authorizationHeader, resolveMlflowConnection } from './resolve-mlflow-connection.js';

describe('resolveMlflowConnection', () => {
  it('takes MLFLOW_TRACKING_URI with its path prefix and no trailing slash', () => {
    const connection = resolveMlflowConnection({ MLFLOW_TRACKING_URI: 'https://ml.example.com/mlflow/' });
    expect(connection).toEqual({
      trackingUri: 'https://ml.example.com/mlflow',
      isDatabricks: false,
      uiUrl: 'https://ml.example.com/mlflow',
    });
  });

  it('sends Bearer MLFLOW_TRACKING_TOKEN, and Basic when username and password are both set (Basic wins)', () => {
    const bearer = resolveMlflowConnection({
      MLFLOW_TRACKING_URI: 'http://h:5000',
      MLFLOW_TRACKING_TOKEN: 'tok-123456789',
    });
    expect(authorizationHeader(bearer.auth)).toBe('Bearer tok-123456789');
    expect(bearer.credentialSource).toBe('MLFLOW_TRACKING_TOKEN (…6789)');
    const basic = resolveMlflowConnection({
      MLFLOW_TRACKING_URI: 'http://h:5000',
      MLFLOW_TRACKING_TOKEN: 'tok-123456789',
      MLFLOW_TRACKING_USERNAME: 'admin',
      MLFLOW_TRACKING_PASSWORD: 'password1234',
    });
    expect(authorizationHeader(basic.auth)).toBe(
      `Basic ${Buffer.from('admin:password1234').toString('base64')}`,
    );
    expect(basic.credentialSource).toContain('MLFLOW_TRACKING_USERNAME');
    expect(basic.credentialSource).not.toContain('password1234');
  });

  it('uses credentials in the URL as Basic auth and strips them from the URL', () => {
    const connection = resolveMlflowConnection({ MLFLOW_TRACKING_URI: 'https://bot:s3cret@ml.example.com' });
    expect(connection.trackingUri).toBe('https://ml.example.com');
    expect(connection.auth).toEqual({ type: 'basic', username: 'bot', password: 's3cret' });
  });

  it('names the missing variables in config errors', () => {
    expect(() => resolveMlflowConnection({}, { path: 'sources.prod', configFile: 'slokit.yaml' })).toThrow(
      /slokit\.yaml: sources\.prod: environment variable MLFLOW_TRACKING_URI is not set/,
    );
    expect(() =>
      resolveMlflowConnection({ MLFLOW_TRACKING_URI: 'http://h', MLFLOW_TRACKING_USERNAME: 'admin' }),
    ).toThrow(/MLFLOW_TRACKING_PASSWORD is not set/);
    expect(() => resolveMlflowConnection({ MLFLOW_TRACKING_URI: 'file:///tmp/mlruns' })).toThrow(ConfigError);
    expect(() => resolveMlflowConnection({ MLFLOW_TRACKING_URI: 'databricks' })).toThrow(
      /DATABRICKS_HOST is not set/,
    );
    expect(() =>
      resolveMlflowConnection({
        MLFLOW_TRACKING_URI: 'databricks',
        DATABRICKS_HOST: 'x.cloud.databricks.com',
      }),
    ).toThrow(/DATABRICKS_TOKEN is not set/);
  });

  it('connects to Databricks with DATABRICKS_HOST and a personal access token', () => {
    const connection = resolveMlflowConnection({
      DATABRICKS_HOST: 'adb-1.azuredatabricks.net',
      DATABRICKS_TOKEN: 'dapi0123456789',
    });
    expect(connection).toMatchObject({
      trackingUri: 'https://adb-1.azuredatabricks.net',
      auth: { type: 'bearer', token: 'dapi0123456789' },
      isDatabricks: true,
    });
    expect(connection.credentialSource).toBe('DATABRICKS_TOKEN (…6789)');
    const byHost = resolveMlflowConnection({
      MLFLOW_TRACKING_URI: 'https://dbc-1.cloud.databricks.com',
      DATABRICKS_TOKEN: 'dapi0123456789',
    });
    expect(byHost).toMatchObject({ isDatabricks: true, auth: { type: 'bearer', token: 'dapi0123456789' } });
  });

  it('reads a databricks:// profile from the config file when the variables are not set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slokit-databricks-'));
    writeFileSync(
      join(dir, '.databrickscfg'),
      '[DEFAULT]\nhost = https://default.cloud.databricks.com\ntoken = dapiDEFAULT0000\n\n[staging]\nhost = https://staging.cloud.databricks.com/\ntoken = dapiSTAGING0000\n',
    );
    const connection = resolveMlflowConnection({ MLFLOW_TRACKING_URI: 'databricks://staging', HOME: dir });
    expect(connection.trackingUri).toBe('https://staging.cloud.databricks.com');
    expect(connection.auth).toEqual({ type: 'bearer', token: 'dapiSTAGING0000' });
    expect(connection.credentialSource).toContain('[staging]');
    expect(resolveMlflowConnection({ MLFLOW_TRACKING_URI: 'databricks', HOME: dir }).trackingUri).toBe(
      'https://default.cloud.databricks.com',
    );
  });
});

describe('parseDatabricksConfig', () => {
  it('reads host and token of every profile, ignoring comments and other keys', () => {
    expect(
      parseDatabricksConfig('# c\n[a]\nhost=h1\ntoken = t1\ncluster_id = x\n[b]\n; note\nHOST = h2\n'),
    ).toEqual({
      a: { host: 'h1', token: 't1' },
      b: { host: 'h2' },
    });
  });
});
