import { SubgraphFetchError } from './errors.ts';
import { answerBytes } from './http.ts';
import type { FetchStep, SubgraphAnswer } from './types.ts';

function failure(error: unknown): string {
  if (error instanceof SubgraphFetchError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

function firstError(answer: SubgraphAnswer): string | undefined {
  const error = answer.errors?.[0];
  if (!error) return undefined;
  const code = error.extensions?.code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}

/**
 * Times and traces each fetch (a span whose `traceparent` goes to the subgraph) and passes on the
 * request id and the client's name and version, so the subgraph's logs and traces line up with ours.
 * A request that asked for its plan (`x-zhongtai-debug: plan`) also gets each fetch's timing.
 */
export const observeStep: FetchStep = async (call, next) => {
  const { context, headers } = call;
  if (context.requestId) headers['x-request-id'] = context.requestId;
  if (context.clientName) headers['apollographql-client-name'] = context.clientName;
  if (context.clientVersion) headers['apollographql-client-version'] = context.clientVersion;
  const observation = context.telemetry?.fetchStarted(call.subgraph);
  const timed = context.debug?.fetchStarted(call.subgraph, call.body);
  if (!observation && !timed) return next(call);
  if (observation) Object.assign(headers, observation.headers);
  try {
    const answer = await next(call);
    observation?.done();
    timed?.({ responseBytes: answerBytes(answer), error: firstError(answer) });
    return answer;
  } catch (error) {
    observation?.done(error);
    timed?.({ responseBytes: null, error: failure(error) });
    throw error;
  }
};
