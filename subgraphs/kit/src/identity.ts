/**
 * Who is calling, as the token on the request says: the service that signed it (`router`, or the
 * center calling) and the end user it acts for, if any. Centers never see the client's token: the
 * router verifies it once and signs a per-request token for each subgraph fetch (trust.ts).
 */
export interface Identity {
  userId: string | null;
  scopes: string[];
  /**
   * The service that signed the request. Unset only in-process (tests' `executeAs`), where no token
   * was checked: such an identity is no service and reaches no internal operation.
   */
  service?: string;
}

export const ANONYMOUS: Identity = Object.freeze({ userId: null, scopes: [] }) as Identity;

/** The router's service name: the one signer whose calls reach every public field. */
export const ROUTER_SERVICE = 'router';
