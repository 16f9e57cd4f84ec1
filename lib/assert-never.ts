/**
 * Exhaustiveness check for discriminated unions: a new variant fails to compile where it is not
 * handled, and an unknown value from outside the type system fails loudly at run time.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unknown ${what} ${JSON.stringify(value)}`);
}
