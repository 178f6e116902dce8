import fc from 'fast-check';
import { isPersonalSearchWord, maskPhone, redactText, redactValue } from '../../../src/shared/redact-text';
import { leakedSecrets, ordinaryTextArb, secretArb, textWithSecretsArb } from '../../helpers/personal-numbers';

describe('redactText', () => {
  it('leaves no phone, ID-card number or e-mail address in generated texts', () => {
    fc.assert(
      fc.property(textWithSecretsArb, ({ text, secrets }) => {
        expect(leakedSecrets(text, secrets)).toEqual(secrets); // the checker sees them before
        expect(leakedSecrets(redactText(text), secrets)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves ordinary text as it was: order numbers, dates, times, amounts, UUIDs', () => {
    fc.assert(fc.property(ordinaryTextArb, (text) => expect(redactText(text)).toBe(text)), { numRuns: 1000 });
  });

  it('masks each kind as documented', () => {
    expect(redactText('电话138 1234 5678，座机（0898）66668888')).toBe('电话138****5678，座机0898-****8888');
    expect(redactText('+86 139-1234-5678 tel１３８１２３４５６７８')).toBe('139****5678 tel138****5678');
    expect(redactText('来电 6666 8888；工单HK-20261122-000001；金额20261122元')).toBe('来电 ****8888；工单HK-20261122-000001；金额20261122元');
    expect(redactText('身份证46010019900101123X，旧证460100900101123')).toBe(`身份证4${'*'.repeat(16)}X，旧证4${'*'.repeat(13)}3`);
    expect(redactText('邮件 zhang.san@example.com 谢谢')).toBe('邮件 z***@example.com 谢谢');
  });

  it('redacts every string of a value, keys untouched', () => {
    expect(redactValue({ contact: ['13912345678'], n: 13912345678, '13912345678': { note: 'a@b.cn' } })).toEqual({
      contact: ['139****5678'],
      n: 13912345678,
      '13912345678': { note: 'a***@b.cn' },
    });
  });
});

describe('maskPhone (the requester field)', () => {
  it('masks as the text does, so a number reads the same in both', () => {
    fc.assert(
      fc.property(secretArb, (s) => {
        if (s.digits.endsWith('@')) return;
        expect(leakedSecrets(maskPhone(s.written), [s])).toEqual([]);
      }),
    );
    expect(maskPhone('13812340000')).toBe('138****0000');
    expect(maskPhone('+8613812340000')).toBe('138****0000');
    expect(maskPhone('0898-66668888')).toBe('0898-****8888');
    expect(maskPhone('66668888')).toBe('****8888');
  });
});

describe('isPersonalSearchWord', () => {
  it('is true for any piece of a phone or ID-card number or an address, not for an order number', () => {
    for (const w of ['13812345678', '1234', '５６７８', '0898-6666', 'a@', '4601001990']) expect(isPersonalSearchWord(w)).toBe(true);
    for (const w of ['HK-20261122-000001', '路灯', '3号楼', '138', '12月']) expect(isPersonalSearchWord(w)).toBe(false);
  });
});
