import { GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from './errors.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether a date is one every center can store and send back: years 1 to 9999 in UTC. JavaScript
 * reaches year 275760 and PostgreSQL has no year 0, so the rest failed in the database.
 */
export function isStorableDate(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= 1 && year <= 9999;
}

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && ISO.test(value) ? new Date(value) : null;
  if (date === null || Number.isNaN(date.getTime())) {
    throw badUserInput(
      `DateTime must be an ISO-8601 timestamp with a time zone, got ${JSON.stringify(value)}.`,
    );
  }
  if (!isStorableDate(date)) {
    throw badUserInput(`DateTime must be between years 1 and 9999, got ${JSON.stringify(value)}.`);
  }
  return date;
}

/** ISO-8601 timestamps, always serialized in UTC. */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO-8601 timestamp in UTC, such as 2026-11-23T08:00:00.000Z.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError(`Not a timestamp: ${String(value)}`);
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badUserInput('DateTime must be a string.');
    return parseDateTime(ast.value);
  },
});
