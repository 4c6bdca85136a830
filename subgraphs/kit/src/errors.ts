import { GraphQLError } from 'graphql';

/** The error codes clients can rely on; each maps to one meaning across every center. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'OUT_OF_STOCK'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/** Codes that mean the same thing to the client whichever center raised them; passed on unchanged. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'OUT_OF_STOCK',
]);

export function graphqlError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badUserInput = (message: string, field?: string) =>
  graphqlError('BAD_USER_INPUT', message, field ? { field } : {});
export const notFound = (message: string) => graphqlError('NOT_FOUND', message);
export const unauthenticated = (message = 'You must be signed in to do this.') =>
  graphqlError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do this.') => graphqlError('FORBIDDEN', message);

/** Raised by loaders when a key has no row; resolvers of nullable fields turn it into `null`. */
export class MissingKeyError extends Error {
  constructor(
    readonly entity: string,
    readonly key: unknown,
  ) {
    super(`${entity} ${String(key)} does not exist`);
    this.name = 'MissingKeyError';
  }
}

/** Awaits a loader result, mapping "no such row" to null (for nullable fields and entity references). */
export async function orNull<T>(value: Promise<T>): Promise<T | null> {
  try {
    return await value;
  } catch (error) {
    if (error instanceof MissingKeyError) return null;
    throw error;
  }
}
