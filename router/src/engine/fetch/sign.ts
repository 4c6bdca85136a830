import type { RequestSigner } from '@zhongtai/subgraph-kit';
import type { FetchStep } from './types.ts';

/**
 * Adds a token made for this one fetch: the caller's identity as the router established it, the
 * subgraph it is for, and a hash of the exact body, signed with the router's key. A center refuses it
 * anywhere else, with any other body, later, or a second time. The last step before the wire: a
 * shared (de-duplicated) fetch carries one token, and each retry gets a fresh one.
 */
export function signStep(signer: RequestSigner): FetchStep {
  return (call, next) => {
    Object.assign(
      call.headers,
      signer.sign({
        identity: call.context.identity,
        audience: call.subgraph,
        method: 'POST',
        body: call.body,
      }),
    );
    return next(call);
  };
}
