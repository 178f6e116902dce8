import fc from 'fast-check';

/**
 * Generated citizens' numbers in the forms people write them, and a checker that knows nothing
 * of the redactor: a secret is its digits (or an address); it leaks when those digits appear in
 * order with nothing but separators between them.
 */
export interface Secret {
  /** As written in the text. */
  written: string;
  /** What must not appear: the digits in order (or the e-mail address). */
  digits: string;
}

const digit = fc.constantFrom(...'0123456789');
const digitsOf = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
const fullWidth = (s: string) => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
/** Some numbers are typed with full-width digits (０-９). */
const maybeFullWidth = (s: string) => fc.boolean().map((fw) => (fw ? fullWidth(s) : s));

export const mobileArb: fc.Arbitrary<Secret> = fc
  .tuple(fc.constantFrom(...'3456789'), digitsOf(9), fc.integer({ min: 0, max: 9 }))
  .chain(([second, rest, form]) => {
    const d = `1${second}${rest}`;
    const [a, b, c] = [d.slice(0, 3), d.slice(3, 7), d.slice(7)];
    const forms = [
      d,
      `${a} ${b} ${c}`,
      `${a}-${b}-${c}`,
      `${a}.${b}.${c}`,
      `tel${d}`,
      `电话${d}`,
      `+86 ${a} ${b} ${c}`,
      `+86${d}`,
      `86-${d}`,
      `（+86）${d}`,
    ];
    return maybeFullWidth(forms[form] ?? d).map((written) => ({ written, digits: d }));
  });

const AREAS = ['010', '020', '021', '0898', '0752', '0412', '0375', '0818'];
export const landlineArb: fc.Arbitrary<Secret> = fc
  .tuple(
    fc.constantFrom(...AREAS),
    fc.constantFrom(...'23456789'),
    digitsOf(7),
    fc.boolean(),
    fc.integer({ min: 0, max: 7 }),
  )
  .chain(([area, first, rest, eight, form]) => {
    const local = `${first}${eight ? rest : rest.slice(0, 6)}`;
    const forms = [
      `${area}-${local}`,
      `${area} ${local}`,
      `(${area})${local}`,
      `（${area}）${local}`,
      `${area}${local}`,
      `+86 ${area.slice(1)} ${local}`,
      `座机：${local}`,
      `联系电话 ${local}`,
    ];
    // a local number alone is secret by its digits; with its area code, by all of them
    const digits = form >= 6 ? local : form === 5 ? `${area.slice(1)}${local}` : `${area}${local}`;
    return maybeFullWidth(forms[form] ?? local).map((written) => ({ written, digits }));
  });

const pad = (n: number) => String(n).padStart(2, '0');
export const idCardArb: fc.Arbitrary<Secret> = fc
  .tuple(
    fc.constantFrom(...'123456'),
    digitsOf(5),
    fc.integer({ min: 1940, max: 2015 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
    digitsOf(3),
    fc.constantFrom(...'0123456789Xx'),
    fc.integer({ min: 0, max: 4 }),
  )
  .chain(([p, region, y, m, day, seq, check, form]) => {
    const born = `${y}${pad(m)}${pad(day)}`;
    const d = form === 4 ? `${p}${region}${born.slice(2)}${seq}` : `${p}${region}${born}${seq}${check}`;
    const written = form === 1 ? `身份证号${d}` : form === 2 ? `ID:${d}` : d;
    return maybeFullWidth(written).map((w) => ({ written: w, digits: d.replace(/[Xx]$/, '') }));
  });

export const emailArb: fc.Arbitrary<Secret> = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._]{2,12}[a-z0-9]$/),
    fc.constantFrom('qq.com', '163.com', 'example.com.cn', 'hainan.gov.cn'),
  )
  .map(([local, domain]) => ({ written: `${local}@${domain}`, digits: `${local}@` }));

export const secretArb: fc.Arbitrary<Secret> = fc.oneof(mobileArb, landlineArb, idCardArb, emailArb);

/** Words of ordinary text, Chinese and ASCII, with numbers that are none of the above. */
const ORDINARY = [
  '小区',
  '路灯不亮',
  '噪音扰民',
  '请尽快处理',
  '物业',
  '3号楼',
  '1203室',
  'Block B',
  'road',
  'please fix',
  'HK-20261122-000001',
  '2026-11-22',
  '2026年11月22日',
  '09:30',
  '1,380.50元',
  '¥200',
  '12345热线',
  '第2期',
  '邮编570100',
  '共38户',
  'v1.2.3',
  '2026-03-02T09:40:00+08:00',
  '3f2b1c4e-9a8d-4f6e-8b7a-138123456789',
];
const ordinaryWord = fc.constantFrom(...ORDINARY);
const joiner = fc.constantFrom(' ', '，', '。', '、', '；', ' - ');
/** Chinese and ASCII around a secret: never a digit right beside it. */
const aroundChars = fc.constantFrom(...'的了在和是我家楼门前abcXYZ,.:：（）!？ ');
const before = fc.array(aroundChars, { maxLength: 6 }).map((c) => c.join(''));
const after = fc.array(aroundChars, { minLength: 1, maxLength: 6 }).map((c) => c.join(''));

export const ordinaryTextArb: fc.Arbitrary<string> = fc
  .array(fc.tuple(ordinaryWord, joiner), { minLength: 1, maxLength: 10 })
  .map((parts) => parts.map(([w, j]) => w + j).join(''));

/** Ordinary text with secrets set into it, and the secrets. */
export const textWithSecretsArb: fc.Arbitrary<{ text: string; secrets: Secret[] }> = fc
  .array(fc.tuple(ordinaryTextArb, before, secretArb, after), { minLength: 1, maxLength: 4 })
  .map((parts) => ({
    text: parts.map(([t, b, s, a]) => `${t}${b}${s.written}${a}`).join(''),
    secrets: parts.map(([, , s]) => s),
  }));

const SEPARATORS = '[\\s\\-.()（）＋+－．]*';
const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Secrets whose digits still appear in the text (full-width digits read as digits). */
export function leakedSecrets(text: string, secrets: Secret[]): Secret[] {
  const ascii = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return secrets.filter((s) => {
    if (s.digits.endsWith('@')) return ascii.includes(s.digits);
    return new RegExp([...s.digits].map(escape).join(SEPARATORS)).test(ascii);
  });
}
