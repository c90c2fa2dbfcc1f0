/** A problem found in a `.customer-lens/*.yaml` file, reported as a diagnostic and in the log. */
export interface ConfigProblem {
  /** Absolute file-system path of the offending file. */
  readonly file: string;
  /** Zero-based line and character. */
  readonly line: number;
  readonly character: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}
