import { createHash } from 'node:crypto';
import type { PaymentMethod } from './db/schema.ts';

export interface CaptureRequest {
  /** Minor units (fen). */
  amount: number;
  currency: string;
  method: PaymentMethod;
  /** Our payment id, for the provider's records and statements. */
  reference: string;
  /**
   * The same for every attempt at one client request (payer and idempotency key), so a provider that
   * deduplicates on it (Alipay's out_trade_no, a card processor's idempotency key) never charges
   * twice when a capture is retried after a lost answer.
   */
  idempotencyKey: string;
}

export type CaptureResult =
  | { status: 'CAPTURED'; providerReference: string }
  | { status: 'FAILED'; providerReference: string; failureReason: string };

export interface RefundRequest {
  /** What the capture returned. */
  providerReference: string;
  amount: number;
  currency: string;
  /** Our payment id. */
  reference: string;
}

export type RefundResult =
  | { status: 'REFUNDED'; providerReference: string }
  | { status: 'FAILED'; providerReference: string; failureReason: string };

/**
 * Where money is actually taken. A real provider (Alipay, WeChat Pay, a card acquirer) plugs in by
 * implementing this; a decline is a result (FAILED), while a provider that cannot be reached throws.
 */
export interface PaymentProvider {
  /** Stored with each payment, so a payment is always refunded through the provider that took it. */
  readonly name: string;
  capture(request: CaptureRequest): Promise<CaptureResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
}

export interface SimulatedProviderOptions {
  /**
   * Amounts whose last two digits (the fen of a yuan) are this are declined, so a FAILED payment can
   * be had on purpose: ¥99.13 fails, ¥99.00 goes through. Null declines nothing.
   */
  declineFen?: number | null;
}

/**
 * A deterministic stand-in for a payment provider, for development and tests: it captures every
 * amount except the ones `declineFen` picks, deduplicates captures by idempotency key as a real
 * provider does, and keeps a log of what it did.
 */
export class SimulatedProvider implements PaymentProvider {
  readonly name = 'simulated';
  private readonly declineFen: number | null;
  private readonly byKey = new Map<string, CaptureResult>();
  /** Every capture that took money, in order; a deduplicated retry does not appear twice. */
  readonly captures: CaptureRequest[] = [];
  readonly refunds: RefundRequest[] = [];

  constructor(options: SimulatedProviderOptions = {}) {
    this.declineFen = options.declineFen === undefined ? 13 : options.declineFen;
  }

  async capture(request: CaptureRequest): Promise<CaptureResult> {
    const known = this.byKey.get(request.idempotencyKey);
    if (known) return known;
    const providerReference = `sim_${createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 24)}`;
    const result: CaptureResult =
      this.declineFen !== null && request.amount % 100 === this.declineFen
        ? { status: 'FAILED', providerReference, failureReason: 'Declined by the simulated provider.' }
        : { status: 'CAPTURED', providerReference };
    this.byKey.set(request.idempotencyKey, result);
    if (result.status === 'CAPTURED') this.captures.push(request);
    return result;
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    this.refunds.push(request);
    return { status: 'REFUNDED', providerReference: `${request.providerReference}_refund` };
  }
}
