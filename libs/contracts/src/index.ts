// Each context's event catalogue, loaded with the package: the type exports below
// vanish when compiled, and this import is what runs their declareEventTypes.
import './events/org.events.js';
import './events/oa.events.js';
import './events/crm.events.js';
import './events/erp.events.js';
import './events/crm-contract.events.js';

export { DEMO_ROLE_CODES } from './demo-roles.js';
export type { DemoRoleCode } from './demo-roles.js';
export { PROBLEM_CONTENT_TYPE } from './http/problem-details.js';
export type { FieldError, ProblemDetails } from './http/problem-details.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './http/page.js';
export type { KeysetPage, Page } from './http/page.js';
export {
  declareEventTypes,
  declaredEventVersion,
  eventAggregateType,
  eventContext,
  EVENT_TYPE_PATTERN,
} from './events/event-catalogue.js';
export type { EventCatalogue, EventDeclaration, EventPayload, EventType, EventVersion } from './events/event-catalogue.js';
export type { EventEnvelope } from './events/event-envelope.js';
export type {
  OrgDepartmentChangedField,
  OrgDepartmentSnapshot,
  OrgDepartmentStatus,
  OrgPartTimePost,
  OrgPersonChangedField,
  OrgPersonSnapshot,
  OrgPersonStatus,
} from './events/org.events.js';
export {
  declarePermissions,
  declaredPermissions,
  isDeclaredPermission,
  permissionsForEveryone,
  PERMISSION_CODE_PATTERN,
} from './permissions/permission-catalogue.js';
export type { DeclaredPermission, PermissionCatalogue, PermissionCode, PermissionLocale, PermissionSpec } from './permissions/permission-catalogue.js';
export { PlatformPermission } from './permissions/platform.permissions.js';
export type { PlatformPermissionCode } from './permissions/platform.permissions.js';
export { OrgPermission } from './permissions/org.permissions.js';
export type { OrgPermissionCode } from './permissions/org.permissions.js';
export { OaPermission } from './permissions/oa.permissions.js';
export type { OaPermissionCode } from './permissions/oa.permissions.js';
export { CrmPermission } from './permissions/crm.permissions.js';
export type { CrmPermissionCode } from './permissions/crm.permissions.js';
export type { CrmCustomerChangedField, CrmCustomerSnapshot, CrmOwnerChangeReason } from './events/crm.events.js';
export type { OaApprovalCompletedPayload, OaApprovalOutcome, OaExpenseApprovedLine, OaExpenseApprovedPayload, OaLeaveApprovedPayload } from './events/oa.events.js';
export {
  CALENDAR_DAY_KINDS,
  CLAIM_CURRENCY,
  DAY_HALVES,
  EXPENSE_CATEGORIES,
  EXPENSE_CATEGORY_LABELS,
  EXPENSE_STATUSES,
  LEAVE_ACCRUALS,
  LEAVE_LEDGER_KINDS,
  LEAVE_STATUSES,
  LEAVE_UNITS,
} from './oa/leave-expense.js';
export type { CalendarDayKind, DayHalf, ExpenseCategory, ExpenseStatus, LeaveAccrual, LeaveLedgerKind, LeaveStatus, LeaveUnit } from './oa/leave-expense.js';
export { ErpPermission } from './permissions/erp.permissions.js';
export { CrmContractPermission } from './permissions/crm-contract.permissions.js';
export type { CrmContractPermissionCode } from './permissions/crm-contract.permissions.js';
export type { ErpPermissionCode } from './permissions/erp.permissions.js';
export type { ErpSalesOrderRef, ErpSalesOrderStatus } from './events/erp.events.js';
export { OA_FIELD_TYPES } from './oa/form-schema.js';
export type {
  OaAttachmentField,
  OaAttachmentRef,
  OaChoiceField,
  OaChoiceOption,
  OaColumnField,
  OaDateField,
  OaDateRangeValue,
  OaField,
  OaFieldType,
  OaFormData,
  OaFormSchema,
  OaMoneyField,
  OaNumberField,
  OaReferenceField,
  OaTableField,
  OaTextField,
} from './oa/form-schema.js';
export type {
  OaApprovalMode,
  OaApprovalNode,
  OaApproverRule,
  OaApproverRuleKind,
  OaCcNode,
  OaCondition,
  OaConditionBranch,
  OaConditionRoute,
  OaNodeDeadline,
  OaParallelBranch,
  OaParallelRoute,
  OaProcessDefinition,
  OaProcessNode,
  OaProcessSettings,
  OaStartNode,
  OaWhenNoApprover,
} from './oa/process-definition.js';
export { ORG_DIRECTORY } from './ports/org-directory.js';
export { PERSON_HANDOVER } from './ports/person-handover.js';
export type { HandoverItem, PersonHandover } from './ports/person-handover.js';
export type { DepartmentLeader, DepartmentProfile, EmployeeRecord, OrgDirectory, PersonProfile, PersonRef } from './ports/org-directory.js';
export { PRODUCT_CATALOGUE, PRODUCT_TAX_RATES } from './ports/product-catalogue.js';
export type { CatalogueProduct, ProductCatalogue, ProductTaxRate } from './ports/product-catalogue.js';
export type { CrmContractDecision, CrmContractLine, CrmContractSignedPayload } from './events/crm-contract.events.js';
export { planShortfall, priceLines } from './crm/pricing.js';
export type { LineInput, PricedDocument, PricedLine } from './crm/pricing.js';
export { SALES_ORDER_LEDGER } from './ports/sales-order-ledger.js';
export type { SalesOrderLedger, SalesOrderSummary } from './ports/sales-order-ledger.js';
export { BUSINESS_APPROVALS } from './ports/business-approvals.js';
export type { BusinessApproval, BusinessApprovalPending, BusinessApprovals, BusinessApprovalStep } from './ports/business-approvals.js';
