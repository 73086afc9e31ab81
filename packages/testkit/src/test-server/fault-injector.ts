/** Which requests a fault hits, and how many. */
export interface FaultScope {
  /** Requests whose path matches this (see `pathMatch`) or the RegExp; every request when absent. */
  path?: string | RegExp;
  /** GET, POST, ...; any when absent. */
  method?: string;
  /** How many matching requests it hits (`Infinity` for all); the injector's `defaultTimes` when absent. */
  times?: number;
  /** Matching requests let through before it starts; default 0. */
  skip?: number;
}

export interface FaultInjectorOptions {
  /** How a string `path` matches: the path starts with it (the default), or contains it. */
  pathMatch?: 'prefix' | 'substring';
  /** Hits of a fault without `times`; default 1. */
  defaultTimes?: number;
}

interface ActiveFault<F> {
  fault: F;
  seen: number;
  fired: number;
}

/** Decides, request by request, which fault (if any) applies: the first that matches and has hits left. */
export class FaultInjector<F extends FaultScope> {
  private readonly active: ActiveFault<F>[] = [];

  constructor(
    faults: readonly F[] = [],
    private readonly options: FaultInjectorOptions = {},
  ) {
    for (const fault of faults) this.add(fault);
  }

  add(fault: F): void {
    this.active.push({ fault, seen: 0, fired: 0 });
  }

  clear(): void {
    this.active.length = 0;
  }

  /** The fault this request gets; counts the request against every fault it matches up to that one. */
  next(method: string, path: string): F | undefined {
    for (const entry of this.active) {
      const { fault } = entry;
      if (!this.matches(fault, method, path)) continue;
      entry.seen++;
      if (entry.seen <= (fault.skip ?? 0)) continue;
      if (entry.fired >= (fault.times ?? this.options.defaultTimes ?? 1)) continue;
      entry.fired++;
      return fault;
    }
    return undefined;
  }

  private matches(fault: F, method: string, path: string): boolean {
    if (fault.method !== undefined && fault.method.toUpperCase() !== method.toUpperCase()) return false;
    if (fault.path === undefined) return true;
    if (typeof fault.path !== 'string') return fault.path.test(path);
    return this.options.pathMatch === 'substring' ? path.includes(fault.path) : path.startsWith(fault.path);
  }
}
