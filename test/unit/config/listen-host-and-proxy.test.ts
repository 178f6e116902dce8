/** Where the server listens by default, and what MINHU_TRUST_PROXY accepts. */
import { loadConfig } from '../../../src/config/load-config';
import { isLoopback, listenHost } from '../../../src/config/listen-host';
import { DomainError } from '../../../src/shared/errors';

describe('listenHost', () => {
  it('keeps the embedded database and the demo users (one known password) on this machine', () => {
    expect(listenHost({ HOST: undefined }, { embedded: true, demoUsers: false })).toBe('127.0.0.1');
    expect(listenHost({ HOST: undefined }, { embedded: false, demoUsers: true })).toBe('127.0.0.1');
    expect(listenHost({ HOST: undefined }, { embedded: true, demoUsers: true })).toBe('127.0.0.1');
  });

  it('listens on every interface for PostgreSQL without demo users, and HOST always wins', () => {
    expect(listenHost({ HOST: undefined }, { embedded: false, demoUsers: false })).toBe('0.0.0.0');
    expect(listenHost({ HOST: '0.0.0.0' }, { embedded: true, demoUsers: true })).toBe('0.0.0.0');
    expect(listenHost({ HOST: '10.1.2.3' }, { embedded: false, demoUsers: false })).toBe('10.1.2.3');
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.0.1.1', '::1', 'localhost'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '::', '10.0.0.1'].map(isLoopback)).toEqual([false, false, false]);
  });
});

describe('MINHU_TRUST_PROXY', () => {
  const trust = (value?: string) => loadConfig(value === undefined ? {} : { MINHU_TRUST_PROXY: value }).MINHU_TRUST_PROXY;

  it('is off unless set, so a client cannot choose its own address by X-Forwarded-For', () => {
    expect(trust()).toBe(false);
    expect(trust('false')).toBe(false);
  });

  it('takes true, a hop count, or the proxies’ addresses and subnets', () => {
    expect(trust('true')).toBe(true);
    expect(trust('2')).toBe(2);
    expect(trust('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');
  });

  it('refuses anything else by its name', () => {
    let refused: unknown;
    try {
      trust('the load balancer');
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).message).toContain('MINHU_TRUST_PROXY');
  });
});
