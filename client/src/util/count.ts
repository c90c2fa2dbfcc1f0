const numberFormat = new Intl.NumberFormat('en-US');

/** `1 item`, `1,240 items`: a number with its noun, for status texts and tooltips. */
export function count(value: number, singular: string, plural = `${singular}s`): string {
  return `${numberFormat.format(value)} ${value === 1 ? singular : plural}`;
}
