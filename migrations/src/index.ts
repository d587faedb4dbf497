import { PlatformFoundation1763900000000 } from './1763900000000-platform-foundation.js';
import { AuditTrail1763910000000 } from './1763910000000-audit-trail.js';
import { OrgStructure1763910000001 } from './1763910000001-org-structure.js';
import { OrgIdentity1763910000002 } from './1763910000002-org-identity.js';
import { OrgAccessNotify1763910000003 } from './1763910000003-org-access-notify.js';
import { EventBus1763920000000 } from './1763920000000-event-bus.js';
import { AuditCausation1763930000000 } from './1763930000000-audit-causation.js';
import { SeedRunsPerSeeder1764000000000 } from './1764000000000-seed-runs-per-seeder.js';
import { AuditClientCorrelation1764000000001 } from './1764000000001-audit-client-correlation.js';
import { Notifications1764000000002 } from './1764000000002-notifications.js';
import { SignInAddresses1764100000000 } from './1764100000000-sign-in-addresses.js';
import { LeaversLeadNoMore1764100000001 } from './1764100000001-leavers-lead-no-more.js';
import { SearchAndPinyin1764200000000 } from './1764200000000-search-and-pinyin.js';
import { OrgPositionLevel1764400000000 } from './1764400000000-org-position-level.js';
import { PlatformFiles1764400000001 } from './1764400000001-platform-files.js';
import { PlatformFileContentOnDisk1764600000200 } from './1764600000200-platform-file-content-on-disk.js';
import { OaApprovals1764400000002 } from './1764400000002-oa-approvals.js';
import { WritePath1764500000100 } from './1764500000100-write-path.js';
import { EventBusRoundTrips1764500000200 } from './1764500000200-event-bus-round-trips.js';
import { Crm1764510000000 } from './1764510000000-crm.js';
import { ErpProducts1764520000000 } from './1764520000000-erp-products.js';
import { ErpSalesOrders1764520000001 } from './1764520000001-erp-sales-orders.js';
import { CrmContracts1764520000002 } from './1764520000002-crm-contracts.js';
import { OaWorkCalendar1764600000100 } from './1764600000100-oa-work-calendar.js';
import { OaLeave1764600000101 } from './1764600000101-oa-leave.js';
import { OaExpense1764600000102 } from './1764600000102-oa-expense.js';

/**
 * Every migration, oldest first. Listed by hand (not globbed) so the same list loads
 * under Node, Jest and the TypeORM CLI; a unit spec fails if a file is missing here.
 * One per line, so that two changes adding migrations merge without a fight.
 */
export const ALL_MIGRATIONS = [
  PlatformFoundation1763900000000,
  AuditTrail1763910000000,
  OrgStructure1763910000001,
  OrgIdentity1763910000002,
  OrgAccessNotify1763910000003,
  EventBus1763920000000,
  AuditCausation1763930000000,
  SeedRunsPerSeeder1764000000000,
  AuditClientCorrelation1764000000001,
  Notifications1764000000002,
  SignInAddresses1764100000000,
  LeaversLeadNoMore1764100000001,
  SearchAndPinyin1764200000000,
  OrgPositionLevel1764400000000,
  PlatformFiles1764400000001,
  OaApprovals1764400000002,
  WritePath1764500000100,
  EventBusRoundTrips1764500000200,
  Crm1764510000000,
  ErpProducts1764520000000,
  ErpSalesOrders1764520000001,
  CrmContracts1764520000002,
  OaWorkCalendar1764600000100,
  OaLeave1764600000101,
  OaExpense1764600000102,
  PlatformFileContentOnDisk1764600000200,
];
