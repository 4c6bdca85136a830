import type { FetchStep } from './types.ts';

/**
 * Times and traces each fetch (a span whose `traceparent` goes to the subgraph) and passes on the
 * request id and the client's name and version, so the subgraph's logs and traces line up with ours.
 */
export const observeStep: FetchStep = async (call, next) => {
  const { context, headers } = call;
  if (context.requestId) headers['x-request-id'] = context.requestId;
  if (context.clientName) headers['apollographql-client-name'] = context.clientName;
  if (context.clientVersion) headers['apollographql-client-version'] = context.clientVersion;
  const observation = context.telemetry?.fetchStarted(call.subgraph);
  if (!observation) return next(call);
  Object.assign(headers, observation.headers);
  try {
    const answer = await next(call);
    observation.done();
    return answer;
  } catch (error) {
    observation.done(error);
    throw error;
  }
};
