// Injected faults: latency (fixed, uniform or lognormal), an error rate, a forced status for the next N requests,
// dropped connections. The book holds the active rules and their remaining counts; `decide` is what the engine asks
// for each request, with the engine's seeded randomness, so a run of requests fails the same way every time.

export interface FaultRule {
  readonly api?: string;
  readonly operation?: string;
  readonly path?: string;
  readonly latency?: {
    readonly fixedMs?: number;
    readonly uniformMs?: readonly [number, number];
    readonly lognormal?: { readonly medianMs: number; readonly sigma: number };
  };
  readonly errorRate?: number;
  readonly errorStatus?: number;
  readonly forceStatus?: { readonly status: number; readonly count: number };
  readonly drop?: { readonly rate?: number; readonly count?: number };
}

export interface ActiveFault extends FaultRule {
  /** Requests still to be forced or dropped by the `count` parts of the rule. */
  readonly remaining: { readonly forced: number; readonly dropped: number };
}

export interface FaultTarget {
  readonly api: string;
  readonly operation: string | undefined;
  readonly path: string;
}

export type FaultAction = { readonly kind: 'pass' } | { readonly kind: 'error'; readonly status: number } | { readonly kind: 'drop' };

export interface FaultDecision {
  readonly latencyMs: number;
  readonly action: FaultAction;
}

export interface FaultBook {
  list(): readonly ActiveFault[];
  set(rules: readonly FaultRule[]): void;
  add(rule: FaultRule): void;
  clear(): void;
  decide(target: FaultTarget, random: () => number): FaultDecision;
}

export function createFaultBook(initial: readonly FaultRule[] = []): FaultBook {
  let active: ActiveFault[] = [];
  const activate = (rule: FaultRule): ActiveFault => ({ ...rule, remaining: { forced: rule.forceStatus?.count ?? 0, dropped: rule.drop?.count ?? 0 } });
  const book: FaultBook = {
    list: () => active,
    set(rules) {
      active = rules.map(activate);
    },
    add(rule) {
      active = [...active, activate(rule)];
    },
    clear() {
      active = [];
    },
    decide(target, random) {
      let latencyMs = 0;
      let action: FaultAction = { kind: 'pass' };
      active = active.map((rule) => {
        if (!applies(rule, target)) return rule;
        latencyMs = Math.max(latencyMs, latencyOf(rule, random));
        if (action.kind !== 'pass') return rule;
        if (rule.remaining.dropped > 0) {
          action = { kind: 'drop' };
          return { ...rule, remaining: { ...rule.remaining, dropped: rule.remaining.dropped - 1 } };
        }
        if (rule.remaining.forced > 0 && rule.forceStatus) {
          action = { kind: 'error', status: rule.forceStatus.status };
          return { ...rule, remaining: { ...rule.remaining, forced: rule.remaining.forced - 1 } };
        }
        if (rule.drop?.rate !== undefined && random() * 100 < rule.drop.rate) action = { kind: 'drop' };
        else if (rule.errorRate !== undefined && random() * 100 < rule.errorRate) action = { kind: 'error', status: rule.errorStatus ?? 500 };
        return rule;
      });
      return { latencyMs, action };
    },
  };
  book.set(initial);
  return book;
}

function applies(rule: FaultRule, target: FaultTarget): boolean {
  return (
    (rule.api === undefined || rule.api === target.api) &&
    (rule.operation === undefined || rule.operation === target.operation) &&
    (rule.path === undefined || target.path.startsWith(rule.path))
  );
}

function latencyOf(rule: FaultRule, random: () => number): number {
  const latency = rule.latency;
  if (!latency) return 0;
  if (latency.fixedMs !== undefined) return latency.fixedMs;
  if (latency.uniformMs) {
    const [min, max] = latency.uniformMs;
    return min + random() * Math.max(0, max - min);
  }
  if (latency.lognormal) {
    // Box-Muller: a standard normal from two uniforms.
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.min(60_000, latency.lognormal.medianMs * Math.exp(latency.lognormal.sigma * normal));
  }
  return 0;
}
