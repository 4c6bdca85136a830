import { randomBytes } from 'node:crypto';
import { graphqlError, unauthenticated } from '@zhongtai/subgraph-kit';
import type { MutationResolvers } from '../__generated__/resolvers.ts';
import { DECOY_HASH, hashPassword, verifyPassword } from '../password.ts';
import { insertAddress } from '../repositories/addresses.ts';
import { findUserByEmail, handleExists, insertUser } from '../repositories/users.ts';
import { issueToken } from '../tokens.ts';
import { checkPassword, handleFrom, normalizeEmail, requiredText } from '../validation.ts';

const WRONG_CREDENTIALS = 'The email or password is incorrect.';

export const Mutation: MutationResolvers = {
  signUp: async (_root, { input }, { db, tokens, logger }) => {
    const email = normalizeEmail(input.email);
    const password = checkPassword(input.password);
    const displayName = requiredText(input.displayName, 'displayName', 60);
    const base = handleFrom(displayName, email);
    const suffixed = () => `${base}-${randomBytes(3).toString('hex')}`;
    let handle = (await handleExists(db, base)) ? suffixed() : base;
    const passwordHash = await hashPassword(password);
    let user = await insertUser(db, { email, handle, displayName, passwordHash });
    // Nothing inserted means the email or the handle is taken. Two people signing up at once as
    // "小明" both find the handle free, so a taken handle (the email being free) gets a suffix and
    // another try rather than a wrong "email exists".
    for (let retry = 0; !user && retry < 3 && !(await findUserByEmail(db, email)); retry++) {
      handle = suffixed();
      user = await insertUser(db, { email, handle, displayName, passwordHash });
    }
    if (!user) {
      throw graphqlError('BAD_USER_INPUT', 'An account with this email already exists.', { field: 'email' });
    }
    logger.info({ userId: user.id }, 'user signed up');
    return { token: await issueToken(user.id, tokens), user };
  },

  signIn: async (_root, { email, password }, { db, tokens }) => {
    const user = await findUserByEmail(db, email.trim());
    // Verify against a decoy when the email is unknown so both failures cost the same time.
    const matches = await verifyPassword(password, user?.passwordHash ?? DECOY_HASH);
    if (!user || !matches) throw unauthenticated(WRONG_CREDENTIALS);
    return { token: await issueToken(user.id, tokens), user };
  },

  addAddress: async (_root, { input }, { db, identity }) => {
    if (!identity.userId) throw unauthenticated();
    return insertAddress(db, identity.userId, {
      recipient: requiredText(input.recipient, 'recipient', 60),
      phone: requiredText(input.phone, 'phone', 30),
      province: requiredText(input.province, 'province', 30),
      city: requiredText(input.city, 'city', 30),
      district: requiredText(input.district, 'district', 30),
      line1: requiredText(input.line1, 'line1', 200),
      postalCode: input.postalCode?.trim() || null,
      isDefault: input.isDefault ?? false,
    });
  },
};
