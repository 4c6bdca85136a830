import { badUserInput } from '@zhongtai/subgraph-kit';

export const MAX_TITLE_LENGTH = 120;
export const MAX_BODY_LENGTH = 5000;

/** Stars are whole numbers from 1 to 5. */
export function checkRating(rating: number): number {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw badUserInput(`"rating" must be a whole number from 1 to 5, got ${rating}.`, 'rating');
  }
  return rating;
}

/**
 * Trims a required text field and bounds its length in characters (code points, so an emoji or a
 * rare CJK character counts as one, as a reader would count it).
 */
export function requiredText(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  const length = [...trimmed].length;
  if (length === 0) throw badUserInput(`"${field}" must not be empty.`, field);
  if (length > max) throw badUserInput(`"${field}" can have at most ${max} characters.`, field);
  return trimmed;
}
