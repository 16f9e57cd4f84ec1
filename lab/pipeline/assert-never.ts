/** Exhaustiveness check for discriminated unions: a new variant fails to compile here, and an unknown value fails loudly at run time. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
