import type { OrderStatus, Requester, WorkOrder } from '../ports';

/**
 * 诉求 of a merged call (并单处理, 国办函〔2025〕66号): someone called about a matter an open order
 * already carries, and instead of a second order the call became an appeal of that order.
 */
export interface OrderAppeal {
  id: string;
  city: string;
  /** The order the call was merged into. */
  orderId: string;
  /** The order that was recorded for the call and then merged (null: merged at intake, no order). */
  sourceOrderId: string | null;
  requester: Requester;
  channel: string;
  content: string;
  /** When the requester called (the source order's receipt time, or the merge at intake). */
  calledAt: Date;
  mergedBy: string;
  mergedAt: Date;
  /** The merge marked the order a repeat (HK-11): undoing it takes the mark away again. */
  countedRepeat: boolean;
  /** What undoing the merge of a source order restores: its status and the tasks the merge cancelled. */
  restore: { status: OrderStatus; taskIds: string[] } | null;
  undoneBy: string | null;
  undoneAt: Date | null;
}

/** What the intake looks up as the operator types: the caller's orders, open orders on the matter nearby. */
export interface NearbyQuery {
  city: string;
  district: string;
  topic?: string;
  category?: string;
  since: Date;
}

export interface AppealStore {
  insert(appeal: OrderAppeal): Promise<void>;
  /** The appeals of an order still in force (not undone), oldest call first. */
  findByOrder(orderId: string): Promise<OrderAppeal[]>;
  /** The merge of this order that is in force, or null. */
  findBySource(sourceOrderId: string): Promise<OrderAppeal | null>;
  markUndone(id: string, by: string, at: Date): Promise<void>;
  /**
   * The city's orders of this normalized phone (`phoneKey`), as their requester or as the caller
   * of an appeal in force, newest first; orders merged away are left out (their target stands).
   */
  findByPhone(city: string, phoneKey: string, limit: number): Promise<WorkOrder[]>;
  /** Open orders (not merged away) of the district received since, on the topic or of the category, newest first. */
  findOpenNearby(q: NearbyQuery, limit: number): Promise<WorkOrder[]>;
}
