import { test } from 'vitest';
import { loadRouterConfig } from '../../src/config.ts';

export type Engine = 'apollo' | 'native';

/** The engine a router config asks for; configs from before ROUTER_ENGINE existed mean apollo's. */
export function engineOf(config: object): Engine {
  return (config as { ROUTER_ENGINE?: Engine }).ROUTER_ENGINE ?? 'apollo';
}

/**
 * The engines the router can run: ['apollo', 'native'] once its config accepts ROUTER_ENGINE=native,
 * ['apollo'] before. Suites parametrized over it turn the native engine's cases on by themselves.
 */
export function availableEngines(): Engine[] {
  return engineOf(loadRouterConfig({ ROUTER_ENGINE: 'native' })) === 'native'
    ? ['apollo', 'native']
    : ['apollo'];
}

/** An answer reduced to what two engines must agree on: status, data exactly, errors by path and code. */
export interface Comparable {
  status: number;
  data: unknown;
  errors: string[];
}

export interface Answer {
  status: number;
  body: {
    data?: unknown;
    errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

export function comparable({ status, body }: Answer): Comparable {
  const errors = (body.errors ?? [])
    .map(
      (error) =>
        `${(error.path ?? []).join('.') || '(root)'} ${String(error.extensions?.code ?? '(no code)')}`,
    )
    .sort();
  return { status, data: body.data, errors };
}

/**
 * How two answers to one request differ, or undefined when they agree. Data is compared as JSON
 * text, so the order of keys (the order of the client's selection) counts too; error messages may
 * differ, their paths and codes may not.
 */
export function difference(left: Answer, right: Answer): string | undefined {
  const a = comparable(left);
  const b = comparable(right);
  const lines: string[] = [];
  if (a.status !== b.status) lines.push(`status: ${a.status} vs ${b.status}`);
  const dataA = JSON.stringify(a.data);
  const dataB = JSON.stringify(b.data);
  if (dataA !== dataB) lines.push(`data:\n  ${dataA}\n  vs\n  ${dataB}`);
  if (a.errors.join('\n') !== b.errors.join('\n')) {
    lines.push(`errors:\n  ${a.errors.join(', ') || '(none)'}\n  vs\n  ${b.errors.join(', ') || '(none)'}`);
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/**
 * `test` for an answer the specs give, or `test.fails` on the engines known to answer otherwise:
 * the expectation stays the spec's, the deviation is recorded where it is and turns the run red
 * the day that engine starts to follow the spec (then drop it from the list).
 */
export function specTest(engine: Engine, deviating: readonly Engine[] = []) {
  return deviating.includes(engine) ? test.fails : test;
}
