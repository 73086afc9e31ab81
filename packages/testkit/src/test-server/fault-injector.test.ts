import { describe, expect, it } from 'vitest';
import { FaultInjector, type FaultScope } from './fault-injector.js';

type Fault = FaultScope & { name: string };

describe('FaultInjector', () => {
  it('hits matching requests after `skip`, `times` times (default 1), first fault first', () => {
    const faults = new FaultInjector<Fault>([
      { name: 'a', path: '/runs', skip: 1, times: 2 },
      { name: 'b', method: 'post' },
    ]);
    const hits = ['/runs', '/runs', '/other', '/runs', '/runs'].map((path) => faults.next('GET', path)?.name);
    expect(hits).toEqual([undefined, 'a', undefined, 'a', undefined]);
    expect(faults.next('POST', '/runs')?.name).toBe('b');
    expect(faults.next('POST', '/runs')).toBeUndefined();
  });

  it('matches paths by prefix or, when asked, by substring; a RegExp either way', () => {
    const prefix = new FaultInjector<Fault>([{ name: 'p', path: '/runs', times: Infinity }]);
    expect(prefix.next('GET', '/api/runs')).toBeUndefined();
    expect(prefix.next('GET', '/runs/query')?.name).toBe('p');
    const substring = new FaultInjector<Fault>([{ name: 's', path: '/runs', times: Infinity }], {
      pathMatch: 'substring',
    });
    expect(substring.next('GET', '/api/runs')?.name).toBe('s');
    const regex = new FaultInjector<Fault>([{ name: 'r', path: /by-name$/ }]);
    expect(regex.next('GET', '/experiments/get-by-name')?.name).toBe('r');
  });

  it('uses the default number of hits, and forgets every fault on clear', () => {
    const faults = new FaultInjector<Fault>([{ name: 'x' }], { defaultTimes: Infinity });
    expect([1, 2, 3].map(() => faults.next('GET', '/')?.name)).toEqual(['x', 'x', 'x']);
    faults.clear();
    expect(faults.next('GET', '/')).toBeUndefined();
  });
});
