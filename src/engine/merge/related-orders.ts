import type { WorkOrder } from '../ports';

/** The number as matched: digits only, a mobile without its +86 (as migration 14 indexes it). */
export function phoneKey(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, '');
  return /^861\d{10}$/.test(digits) ? digits.slice(2) : digits;
}

/** An address as compared: without spaces, punctuation and the words that say nothing (号, 栋…). */
function plain(address: string): string {
  return address.replace(/[\s,，.。、;；:：()（）\-—#＃]/g, '');
}

function bigrams(s: string): string[] {
  const chars = [...s];
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

/**
 * Whether two addresses are of one place, near enough for the operator to look: one contains the
 * other, or they share at least half their pairs of characters (Dice coefficient ≥ 0.5), so
 * 龙昆南路某小区3栋 and 龙华区龙昆南路某小区 match and 滨海大道 and 龙昆南路 do not.
 */
export function similarAddress(a: string, b: string): boolean {
  const x = plain(a);
  const y = plain(b);
  if (x.length < 2 || y.length < 2) return false;
  if (x.includes(y) || y.includes(x)) return true;
  const bx = bigrams(x);
  const by = new Map<string, number>();
  for (const g of bigrams(y)) by.set(g, (by.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of bx) {
    const n = by.get(g) ?? 0;
    if (n > 0) {
      shared += 1;
      by.set(g, n - 1);
    }
  }
  return (2 * shared) / (bx.length + bigrams(y).length) >= 0.5;
}

/** An order as the intake lists it beside the form. */
export interface RelatedOrder {
  id: string;
  number: string;
  receivedAt: Date;
  status: WorkOrder['status'];
  title: string;
  unit: string | null;
  /** Still open: a call may be merged into it. */
  open: boolean;
}
