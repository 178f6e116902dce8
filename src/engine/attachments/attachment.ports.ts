/**
 * Attachments: photos and documents of an order (intake photos, written and sealed replies),
 * stored beside the order so a file commits with the step that uploads it.
 */

/** An attachment without its bytes: what lists, forms and the audit log speak of. */
export interface AttachmentInfo {
  id: string;
  orderId: string;
  city: string;
  /** The file's name as uploaded (cleaned of folders and control characters). */
  name: string;
  /** The media type sniffed from the bytes (never the declared one). */
  type: string;
  size: number;
  uploadedBy: string;
  /** The uploader's unit: a form may attach only what its own unit uploaded. */
  uploadedUnit: string;
  uploadedAt: Date;
}

export interface Attachment extends AttachmentInfo {
  content: Uint8Array;
}

export interface AttachmentStore {
  insert(attachment: Attachment): Promise<void>;
  /** The attachment with its bytes, or null. */
  findById(id: string): Promise<Attachment | null>;
  /** The attachments of these ids that exist, without bytes (one query). */
  findInfoByIds(ids: string[]): Promise<AttachmentInfo[]>;
  /** The order's attachments without bytes, oldest first. */
  listByOrder(orderId: string): Promise<AttachmentInfo[]>;
  countByOrder(orderId: string): Promise<number>;
}
