import type { RequestAuth } from '../../api/middleware/authenticate';
import { CENTRE_ROLES, UNIT_ROLES } from '../../engine/access/order-access';
import type { AttachmentInfo } from '../../engine/attachments/attachment.ports';
import { formatTime } from '../format';
import { translate } from '../render';

export interface AttachmentItem {
  name: string;
  href: string;
  size: string;
  by: string;
}

export interface OrderAttachmentsModel {
  orderId: string;
  photos: AttachmentItem[];
  documents: AttachmentItem[];
  empty: boolean;
  /** The centre's staff and the handling units may add files; supervisors and auditors only look. */
  canUpload: boolean;
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The order page's 附件 section: images as thumbnails, documents as download links. */
export function orderAttachments(auth: RequestAuth, orderId: string, items: AttachmentInfo[], tz: string, who: (id: string) => string): OrderAttachmentsModel {
  const item = (a: AttachmentInfo): AttachmentItem => ({
    name: a.name,
    href: `/api/attachments/${encodeURIComponent(a.id)}`,
    size: sizeText(a.size),
    by: translate('attachments.by', { unit: a.uploadedUnit, who: who(a.uploadedBy), at: formatTime(a.uploadedAt.toISOString(), tz) }),
  });
  return {
    orderId,
    photos: items.filter((a) => a.type.startsWith('image/')).map(item),
    documents: items.filter((a) => !a.type.startsWith('image/')).map(item),
    empty: items.length === 0,
    canUpload: CENTRE_ROLES.has(auth.user.role) || UNIT_ROLES.has(auth.user.role),
  };
}
