import type { Identity } from '@zhongtai/subgraph-kit';
import type { RequestDebug } from './debug/recorder.ts';
import type { RequestTelemetry } from './telemetry.ts';

/** What the router knows about a request; the executor turns it into headers for the subgraphs. */
export interface RouterContext {
  identity: Identity;
  requestId: string;
  clientName: string | null;
  clientVersion: string | null;
  /** When the whole request must be answered by (epoch ms): later subgraph queries get what is left. */
  deadline?: number | undefined;
  /** Times and traces the request's subgraph fetches (absent outside an HTTP request). */
  telemetry?: RequestTelemetry | undefined;
  /** Present when the request asked for its plan and fetch timings (`x-zhongtai-debug: plan`) and may. */
  debug?: RequestDebug | undefined;
}
