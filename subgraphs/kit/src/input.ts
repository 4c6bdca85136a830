/**
 * Strings a client sends, checked where they enter a center: a NUL byte or a lone UTF-16 surrogate
 * cannot be stored (PostgreSQL refuses both in text), so without this they reached the database and
 * failed there as internal errors. Every argument of every field is checked before its resolver
 * runs, whether it came from a variable or a literal, so the refusal is a field error at that
 * field's path: the router then knows where the null it leaves belongs.
 */
import { defaultFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { badUserInput } from './errors.ts';

/** What is wrong with a string a client sent, or null when nothing is. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL byte';
  // With the u flag a well-formed pair is one code point: only a lone surrogate is in Cs.
  if (/\p{Cs}/u.test(value)) return 'contains a lone UTF-16 surrogate';
  return null;
}

/** The first bad string in a JSON value (a request's variables), with where it is: `input.city`. */
function badString(value: unknown, path: string): { path: string; problem: string } | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path, problem } : null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = badString(item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const bad = textProblem(key) ? { path: `${path}.(key)`, problem: textProblem(key)! } : null;
      const found = bad ?? badString(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/** Wraps every field that takes arguments so a bad string in them is BAD_USER_INPUT at that field. */
export function refuseBadText(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        const bad = badString(args, '');
        if (bad) throw badUserInput(`"${bad.path}" ${bad.problem}.`, bad.path);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
