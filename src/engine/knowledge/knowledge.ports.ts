/** What the knowledge base (HZ-7, HZ-14) needs from storage; `Repositories.knowledge` (ports.ts). */

/** An entry of a city's knowledge base (HZ-7, HZ-14): proposed by anyone of the city, approved by the centre. */
export type KnowledgeStatus = 'proposed' | 'approved' | 'rejected';

export interface KnowledgeEntry {
  id: string;
  city: string;
  title: string;
  answer: string;
  category: string | null;
  topic: string | null;
  status: KnowledgeStatus;
  proposedBy: string;
  proposedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
}

export interface KnowledgeSearch {
  city: string;
  status: KnowledgeStatus;
  /** Words looked for in the title and the answer. */
  text?: string;
  category?: string;
  topic?: string;
  /** Only entries proposed by this user. */
  proposedBy?: string;
  offset: number;
  limit: number;
}

export interface KnowledgeStore {
  insert(entry: KnowledgeEntry): Promise<void>;
  /** The entry with this id, of any city and status (null for an id that is not an entry's). */
  findById(id: string): Promise<KnowledgeEntry | null>;
  /** The approved entry of the city with this id, or null: what an immediate answer may cite. */
  findApproved(city: string, id: string): Promise<KnowledgeEntry | null>;
  /** Matching entries, newest first, and how many match in all. */
  search(query: KnowledgeSearch): Promise<{ entries: KnowledgeEntry[]; total: number }>;
  /** Decides a proposed entry; false when it was no longer proposed (someone decided first). */
  decide(id: string, status: 'approved' | 'rejected', by: string, at: Date): Promise<boolean>;
}
