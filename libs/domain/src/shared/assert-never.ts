/** Ends an exhaustive switch: adding a case to a union without handling it fails to compile. */
export function assertNever(x: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(x)}`);
}
