import { FAULT_NAMES, type FaultName, type FaultSpec } from './faults';

/** What a client may ask of the fault controller: start one fault, or clear them all ("healthy"). */
export type FaultRequest = { type: 'start'; spec: FaultSpec; forMs: number | null } | { type: 'healthy' };

export type FaultRequestParse = { ok: true; request: FaultRequest } | { ok: false; message: string };

export interface FaultDefaults {
  /** Base production rate; producer-burst defaults to ten times it. */
  baseRatePerSecond: number;
}

const MAX_FOR_MS = 24 * 3_600_000;

interface NumberRule {
  min: number;
  max: number;
  integer: boolean;
}

const UNIT_RATE: NumberRule = { min: 0, max: 1, integer: false };
const PARAM_RULES: Record<FaultName, Record<string, NumberRule>> = {
  'transient-errors': { rate: UNIT_RATE },
  poison: { rate: UNIT_RATE },
  'slow-sink': { latencyMs: { min: 0, max: 120_000, integer: true } },
  rebalance: { intervalMs: { min: 2_000, max: 3_600_000, integer: true } },
  'sink-down': {},
  'consumer-stop': {},
  'producer-burst': { rate: { min: 1, max: 100_000, integer: false } },
  'producer-stop': {},
};

export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}

/** Parses a POST /faults body; every refusal names the field and what would be accepted. */
export function parseFaultRequest(body: unknown, defaults: FaultDefaults): FaultRequestParse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return refuse('body must be a JSON object like {"name":"slow-sink","latencyMs":500,"forMs":60000}');
  }
  const { name, forMs, ...params } = body as Record<string, unknown>;
  if (typeof name !== 'string') return refuse('"name" is required: one of healthy, ' + FAULT_NAMES.join(', '));
  if (name === 'healthy') {
    const extra = Object.keys(params).concat(forMs === undefined ? [] : ['forMs']);
    if (extra.length > 0) return refuse(`healthy takes no parameters (got ${extra.join(', ')})`);
    return { ok: true, request: { type: 'healthy' } };
  }
  if (!isFaultName(name)) return refuse(`unknown fault "${name}"; known faults: healthy, ${FAULT_NAMES.join(', ')}`);

  const rules = PARAM_RULES[name];
  for (const key of Object.keys(params)) {
    if (!(key in rules)) {
      const accepted = [...Object.keys(rules), 'forMs'].join(', ');
      return refuse(`${name} does not take "${key}"; it takes ${accepted}`);
    }
  }
  const values: Record<string, number> = {};
  for (const [key, rule] of Object.entries(rules)) {
    const raw = params[key];
    if (raw === undefined) {
      values[key] = defaultParam(name, key, defaults);
      continue;
    }
    const problem = checkNumber(raw, rule);
    if (problem) return refuse(`${name}: "${key}" ${problem}`);
    values[key] = raw as number;
  }
  let duration: number | null = null;
  if (forMs !== undefined && forMs !== null) {
    const problem = checkNumber(forMs, { min: 1, max: MAX_FOR_MS, integer: true });
    if (problem) return refuse(`"forMs" ${problem}`);
    duration = forMs as number;
  }
  return { ok: true, request: { type: 'start', spec: { name, ...values } as FaultSpec, forMs: duration } };
}

function defaultParam(name: FaultName, key: string, defaults: FaultDefaults): number {
  if (name === 'producer-burst') return defaults.baseRatePerSecond * 10;
  if (name === 'transient-errors') return 0.5;
  if (name === 'poison') return 0.05;
  if (name === 'slow-sink') return 300;
  if (name === 'rebalance') return 8_000;
  throw new Error(`no default for ${name}.${key}`);
}

function checkNumber(raw: unknown, rule: NumberRule): string | null {
  const range = `${rule.integer ? 'a whole number' : 'a number'} from ${rule.min} to ${rule.max}`;
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return `must be ${range} (got ${JSON.stringify(raw)})`;
  if (rule.integer && !Number.isInteger(raw)) return `must be ${range} (got ${raw})`;
  if (raw < rule.min || raw > rule.max) return `must be ${range} (got ${raw})`;
  return null;
}

function refuse(message: string): FaultRequestParse {
  return { ok: false, message };
}
