import { ConfigError, resolveConfig } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import { fillEnvReferences } from './fill-env-references.js';

// biome-ignore-start lint/suspicious/noTemplateCurlyInString: `${VAR}` is the syntax under test
const config = resolveConfig(
  {
    sources: {
      'weave-evals': { type: 'weave', project: '${WANDB_ENTITY:-demo-team}/${WANDB_PROJECT:-support-bot}' },
    },
    slos: [{ name: 'a', sli: { evalMetric: 'x' }, objective: { target: 1 } }],
    channels: {
      hook: { type: 'webhook', url: '${HOOK_URL}', secret: ['${OLD_SECRET}', '${NEW_SECRET}'] },
    },
    routes: [{ to: ['hook'] }],
  },
  { baseDir: '/app', file: 'slokit.config.ts' },
);
// biome-ignore-end lint/suspicious/noTemplateCurlyInString: end of the config under test

describe('fillEnvReferences', () => {
  it('fills references in sources and channels, with defaults, and keeps everything else', () => {
    const filled = fillEnvReferences(config, {
      WANDB_PROJECT: 'bot',
      HOOK_URL: 'https://ops.example.com/hook',
      OLD_SECRET: 'whsec_old',
      NEW_SECRET: 'whsec_new',
    });
    expect(filled.sources['weave-evals']).toEqual({ type: 'weave', project: 'demo-team/bot' });
    expect(filled.channels.hook).toEqual({
      type: 'webhook',
      url: 'https://ops.example.com/hook',
      secret: ['whsec_old', 'whsec_new'],
    });
    expect(filled.slos).toBe(config.slos);
    expect(filled.file).toBe('slokit.config.ts');
  });

  it('treats an empty variable as unset and names every missing one with its config path', () => {
    let error: unknown;
    try {
      fillEnvReferences(config, { HOOK_URL: '', NEW_SECRET: 'whsec_new' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      [
        'slokit.config.ts: channels.hook.url: environment variable HOOK_URL is not set',
        'slokit.config.ts: channels.hook.secret[0]: environment variable OLD_SECRET is not set',
      ].join('\n'),
    );
  });
});
