import { Random } from '../random.js';

const adjectives = [
  'rebellious',
  'calm',
  'brave',
  'clever',
  'gentle',
  'honest',
  'jolly',
  'lively',
  'nimble',
  'polite',
  'quiet',
  'sassy',
  'tasteful',
  'upbeat',
  'welcoming',
  'zealous',
];
const nouns = ['fish', 'owl', 'fox', 'hare', 'lark', 'moth', 'newt', 'seal', 'slug', 'toad', 'wasp', 'yak'];

/** Seeded ids in MLflow's formats: 32-hex run ids, `tr-` trace ids, `a-` assessment ids, `adjective-noun-N` names. */
export class EmulatorIds {
  private readonly random: Random;

  constructor(seed: string | number) {
    this.random = new Random(`mlflow-emulator:${seed}`);
  }

  hex32(): string {
    let hex = '';
    for (let i = 0; i < 4; i++)
      hex += Math.floor(this.random.next() * 0x1_0000_0000)
        .toString(16)
        .padStart(8, '0');
    return hex;
  }

  runId(): string {
    return this.hex32();
  }

  traceId(): string {
    return `tr-${this.hex32()}`;
  }

  assessmentId(): string {
    return `a-${this.hex32()}`;
  }

  runName(): string {
    const adjective = adjectives[this.random.int(0, adjectives.length - 1)]!;
    const noun = nouns[this.random.int(0, nouns.length - 1)]!;
    return `${adjective}-${noun}-${this.random.int(0, 999)}`;
  }
}
