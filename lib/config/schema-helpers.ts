import * as z from 'zod';

/** Adds a custom issue when `check` names a problem. */
export function checked<T extends z.ZodType>(schema: T, check: (value: z.output<T>) => string | null): T {
  return schema.superRefine((value, ctx) => {
    const problem = check(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** An empty section (`kafka:` with every child commented out) reads as null: treat it as absent, then default its keys. */
export function section<T extends z.ZodType>(schema: T, empty: z.input<T>) {
  return z.preprocess((value) => (value === null ? undefined : value), schema.prefault(empty));
}

export const text = z.string().trim().min(1);

export const PROMETHEUS_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const prometheusLabelName = checked(z.string(), (label) =>
  PROMETHEUS_LABEL.test(label) ? null : `${JSON.stringify(label)} is not a Prometheus label name: letters, digits and "_", not starting with a digit`,
);

/**
 * An http(s) URL without credentials (fetch refuses those). `secret`: the URL itself may be one
 * (a Slack webhook), so messages never repeat it.
 */
export function httpUrl({ secret, credentialsHint }: { secret: boolean; credentialsHint: string }) {
  return checked(z.string({ error: 'expected an http(s) URL' }).trim(), (url) => {
    const parsed = URL.canParse(url) ? new URL(url) : null;
    const shown = secret ? '' : `, got ${JSON.stringify(url)}`;
    if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:') return `expected an http(s) URL${shown}`;
    if (parsed.username !== '' || parsed.password !== '') return `must not contain credentials: ${credentialsHint}`;
    return null;
  });
}
