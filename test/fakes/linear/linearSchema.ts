import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';

/**
 * Linear's public GraphQL schema (MIT; vendored with its licence in ./schema), built once per
 * process: building it takes a few hundred milliseconds.
 */
let cached: GraphQLSchema | undefined;

/** The vendored copy; compiled tests run from out/test/fakes/linear, the file stays in the sources. */
export function schemaFile(): string {
  const candidates = [process.env['LINEAR_SCHEMA'], path.resolve(__dirname, '../../../../test/fakes/linear/schema/linear-schema.graphql')];
  const found = candidates.find((candidate): candidate is string => candidate !== undefined && existsSync(candidate));
  if (found) return found;
  throw new Error('Linear schema not found: test/fakes/linear/schema/linear-schema.graphql (or set LINEAR_SCHEMA)');
}

export function linearSchema(): GraphQLSchema {
  cached ??= buildSchema(readFileSync(schemaFile(), 'utf8'));
  return cached;
}
