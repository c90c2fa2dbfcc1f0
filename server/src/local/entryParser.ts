import { z } from 'zod';
import type { ConfigProblem } from './problems';
import type { YamlFile } from './yamlFile';

export type ObjectSchema = z.ZodObject<z.ZodRawShape>;

/**
 * Validates one entry of a list. A bad optional field is reported and falls back to its
 * default, so the entry survives; a bad required field skips only that entry. Unknown
 * fields are reported as warnings and ignored, leaving room for the format to grow.
 */
export function parseEntry<S extends ObjectSchema>(
  file: YamlFile,
  path: readonly (string | number)[],
  raw: unknown,
  schema: S,
  describe: string,
  problems: ConfigProblem[],
): z.infer<S> | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(file.problemAt(path, 'error', `${describe}: expected a mapping of fields; entry ignored`));
    return undefined;
  }
  const entry: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  const known = new Set(Object.keys(schema.shape));
  for (const field of Object.keys(entry)) {
    if (!known.has(field)) {
      problems.push(file.problemAt([...path, field], 'warning', `${describe}: unknown field '${field}' is ignored`));
      delete entry[field];
    }
  }
  // Each pass removes at least one bad optional field, so this ends.
  for (let attempt = 0; attempt <= known.size; attempt++) {
    const result = schema.safeParse(entry);
    if (result.success) return result.data;
    let removedOptional = false;
    for (const issue of result.error.issues) {
      const field = issue.path[0];
      const where = [...path, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
      const fieldName = typeof field === 'string' ? field : undefined;
      if (fieldName !== undefined && isOptional(schema, fieldName) && fieldName in entry) {
        problems.push(file.problemAt(where, 'error', `${describe}: '${fieldName}' ${issue.message.toLowerCase()}; using the default`));
        delete entry[fieldName];
        removedOptional = true;
      } else {
        const name = fieldName ?? 'entry';
        const missing = fieldName !== undefined && !(fieldName in entry);
        const message = missing ? `'${name}' is required` : `'${name}' ${issue.message.toLowerCase()}`;
        problems.push(file.problemAt(where, 'error', `${describe}: ${message}; entry ignored`));
        return undefined;
      }
    }
    if (!removedOptional) return undefined;
  }
  return undefined;
}

function isOptional(schema: ObjectSchema, field: string): boolean {
  const fieldSchema = schema.shape[field];
  return fieldSchema !== undefined && z.safeParse(fieldSchema, undefined).success;
}

/** The list under `listKey` at the top of the file, with a problem if the shape is wrong. */
export function topLevelList(file: YamlFile, listKey: string, problems: ConfigProblem[]): unknown[] {
  const root = file.value;
  if (root === null || root === undefined) return [];
  if (typeof root !== 'object' || Array.isArray(root)) {
    problems.push(file.problemAt([], 'error', `expected a mapping with a '${listKey}' list at the top`));
    return [];
  }
  const record = root as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== listKey) problems.push(file.problemAt([key], 'warning', `unknown top-level field '${key}' is ignored`));
  }
  const list = record[listKey];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    problems.push(file.problemAt([listKey], 'error', `'${listKey}' must be a list`));
    return [];
  }
  return list;
}
