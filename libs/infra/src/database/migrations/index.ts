import { EventStore1795768528786 } from './1795768528786-EventStore';
import { ReadModels1795768600000 } from './1795768600000-ReadModels';
import { Propagation1795768700000 } from './1795768700000-Propagation';
import { ForcePending1795768800000 } from './1795768800000-ForcePending';
import { GroupNameKey1795768900000 } from './1795768900000-GroupNameKey';
import { ReadModelGuards1795769000000 } from './1795769000000-ReadModelGuards';
import { IdempotencyPerFace1795769100000 } from './1795769100000-IdempotencyPerFace';
import { NotificationRetention1795769200000 } from './1795769200000-NotificationRetention';
import { AppendFunction1796000000000 } from './1796000000000-AppendFunction';
import { NeutronConventions1796100000000 } from './1796100000000-NeutronConventions';
import { EventHashChain1796200000000 } from './1796200000000-EventHashChain';
import { AuditSigningKey1796200000001 } from './1796200000001-AuditSigningKey';
import { Findings1796300000000 } from './1796300000000-Findings';
import { FindingNotifications1796300000001 } from './1796300000001-FindingNotifications';
import { TenantStateEntries1796400000000 } from './1796400000000-TenantStateEntries';
import { AcceptedSections1796400000001 } from './1796400000001-AcceptedSections';

/**
 * Every migration, oldest first. Listed by class so that the compiled build (dist/, JavaScript)
 * and the tests (TypeScript through swc) load the same set. Add new migrations at the end.
 */
export const MIGRATIONS = [EventStore1795768528786, ReadModels1795768600000, Propagation1795768700000, ForcePending1795768800000, GroupNameKey1795768900000, ReadModelGuards1795769000000, IdempotencyPerFace1795769100000, NotificationRetention1795769200000, AppendFunction1796000000000, NeutronConventions1796100000000, EventHashChain1796200000000, AuditSigningKey1796200000001, Findings1796300000000, FindingNotifications1796300000001, TenantStateEntries1796400000000, AcceptedSections1796400000001];
