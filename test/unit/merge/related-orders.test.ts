import { phoneKey, similarAddress } from '../../../src/engine/merge/related-orders';

describe('the intake lookup of a caller and a place', () => {
  it('matches a phone on its digits, a mobile with or without +86', () => {
    expect(phoneKey('+86 139-0756-0001')).toBe('13907560001');
    expect(phoneKey('8613907560001')).toBe('13907560001');
    expect(phoneKey('0898-66668888')).toBe('089866668888');
  });

  it('finds addresses of one place similar, others not', () => {
    expect(similarAddress('龙昆南路某小区3栋', '龙华区龙昆南路某小区')).toBe(true);
    expect(similarAddress('龙华区龙昆南路某小区', '龙华区 龙昆南路 某小区')).toBe(true);
    expect(similarAddress('滨海大道', '龙华区龙昆南路某小区')).toBe(false);
    expect(similarAddress('1', '1')).toBe(false);
  });
});
