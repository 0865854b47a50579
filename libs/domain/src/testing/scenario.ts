/**
 * Given events / when command / then events (Emmett's DeciderSpecification, pure): the only
 * test shape the aggregates need. Used by specs only.
 */
export interface Decider<C, E, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState(): S;
}

export function scenario<C, E, S>(decider: Decider<C, E, S>) {
  return (given: E[]) => ({
    when(command: C) {
      const run = () => decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
      return {
        then(expected: E[]) {
          expect(run()).toEqual(expected);
        },
        thenEvents(): E[] {
          return run();
        },
        thenThrows(code: string, detail?: RegExp) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toMatchObject({ code });
          if (detail) expect((error as Error).message).toMatch(detail);
          return error as { code: string; message: string; issues: { path: string; message: string }[] };
        },
      };
    },
  });
}

/** A counter-based id source, so expected events can name the ids. */
export function sequentialIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}
