/**
 * `task` over `inputs` with at most `limit` in flight, results in input order. After a failure no
 * new task starts, and the call settles only when none is running, so nothing it started (a page
 * still being journaled, a request still in flight) outlives it; then the first failure is thrown.
 */
export async function mapWithLimit<I, O>(inputs: readonly I[], limit: number, task: (input: I) => Promise<O>): Promise<O[]> {
  const results: O[] = new Array<O>(inputs.length);
  let nextIndex = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    for (let index = nextIndex++; index < inputs.length && !failed; index = nextIndex++) {
      try {
        results[index] = await task(inputs[index] as I);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, worker));
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
  return results;
}
