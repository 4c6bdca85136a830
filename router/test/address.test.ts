import type { IncomingMessage } from 'node:http';
import { describe, expect, test } from 'vitest';
import { clientAddress } from '../src/address.ts';

const request = (forwardedFor?: string | string[]) =>
  ({
    socket: { remoteAddress: '10.0.0.9' },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('the address a request came from', () => {
  test('without trusted proxies it is the socket peer, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('203.0.113.5'), 0)).toBe('10.0.0.9');
  });

  test('behind N proxies it is the Nth X-Forwarded-For entry from the right', () => {
    const chain = 'spoofed-by-client, 203.0.113.5, 172.16.0.3';
    expect(clientAddress(request(chain), 1)).toBe('172.16.0.3');
    expect(clientAddress(request(chain), 2)).toBe('203.0.113.5');
  });

  test('a chain shorter than the proxies gives its leftmost entry, and none gives the peer', () => {
    expect(clientAddress(request('203.0.113.5'), 3)).toBe('203.0.113.5');
    expect(clientAddress(request(), 1)).toBe('10.0.0.9');
    expect(clientAddress(request(' , '), 1)).toBe('10.0.0.9');
  });

  test('repeated headers read as one list, in order', () => {
    expect(clientAddress(request(['203.0.113.5', '172.16.0.3, 172.16.0.4']), 2)).toBe('172.16.0.3');
  });
});
