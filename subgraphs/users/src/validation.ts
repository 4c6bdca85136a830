import { badUserInput } from '@zhongtai/subgraph-kit';

// Deliberately loose: the only proof that an email works is a message that arrives.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  const trimmed = email.trim();
  if (trimmed.length > 254 || !EMAIL.test(trimmed))
    throw badUserInput('Enter a valid email address.', 'email');
  return trimmed;
}

export function checkPassword(password: string): string {
  if (password.length < 8) throw badUserInput('The password needs at least 8 characters.', 'password');
  if (password.length > 200) throw badUserInput('The password can have at most 200 characters.', 'password');
  return password;
}

/** Trims a required text field and bounds its length. */
export function requiredText(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw badUserInput(`"${field}" must not be empty.`, field);
  if (trimmed.length > max) throw badUserInput(`"${field}" can have at most ${max} characters.`, field);
  return trimmed;
}

/** A handle from a display name or email: lowercase ASCII letters, digits and dashes. */
export function handleFrom(displayName: string, email: string): string {
  const base = (displayName.normalize('NFKD').replace(/[^\w-]+/g, '-') || email.split('@')[0] || 'user')
    .toLowerCase()
    .replace(/_/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 24);
  return base.length >= 2 ? base : `user-${base}`;
}
