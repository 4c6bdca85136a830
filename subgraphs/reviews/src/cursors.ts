import { decodeCursor, encodeCursor, isId } from '@zhongtai/subgraph-kit';

/**
 * Review cursors are `[id]` of the review they point at: ids are time-ordered, so "older than this
 * id" is the next page of a newest-first list. A forged cursor is BAD_USER_INPUT.
 */
export function readReviewCursor(after: string): string {
  return decodeCursor(after, (key) => {
    const [id] = key;
    return key.length === 1 && typeof id === 'string' && isId(id) ? id : null;
  });
}

export const reviewCursor = (row: { id: string }): string => encodeCursor([row.id]);
