import type { Migration } from './migration.types';
import * as definitions from './0001-definitions.migration';
import * as workOrders from './0002-work-orders.migration';
import * as auditEvents from './0003-audit-events.migration';
import * as agendaJobs from './0004-agenda-jobs.migration';
import * as blocksPrecedents from './0005-blocks-precedents.migration';
import * as jobKeyPrefix from './0006-job-key-prefix-index.migration';
import * as accountsKnowledge from './0007-accounts-knowledge.migration';
import * as assessment from './0008-assessment.migration';
import * as duty from './0009-duty.migration';
import * as agendaDueUnlocked from './0010-agenda-due-unlocked-index.migration';
import * as inboxIndexes from './0011-inbox-indexes.migration';
import * as accountLifecycle from './0012-account-lifecycle.migration';
import * as attachments from './0013-attachments.migration';
import * as orderAppeals from './0014-order-appeals.migration';

/**
 * Every migration, in order. Append only: never edit or renumber one that has shipped;
 * write a new one instead.
 */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'definitions', up: definitions.up },
  { version: 2, name: 'work-orders', up: workOrders.up },
  { version: 3, name: 'audit-events', up: auditEvents.up },
  { version: 4, name: 'agenda-jobs', up: agendaJobs.up },
  { version: 5, name: 'blocks-precedents', up: blocksPrecedents.up },
  { version: 6, name: 'job-key-prefix-index', up: jobKeyPrefix.up },
  { version: 7, name: 'accounts-knowledge', up: accountsKnowledge.up },
  { version: 8, name: 'assessment', up: assessment.up },
  { version: 9, name: 'duty', up: duty.up },
  { version: 10, name: 'agenda-due-unlocked-index', up: agendaDueUnlocked.up },
  { version: 11, name: 'inbox-indexes', up: inboxIndexes.up },
  { version: 12, name: 'account-lifecycle', up: accountLifecycle.up },
  { version: 13, name: 'attachments', up: attachments.up },
  { version: 14, name: 'order-appeals', up: orderAppeals.up },
];
