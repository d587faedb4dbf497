import { TypeOrmModule } from '@nestjs/typeorm';
import { BUSINESS_APPROVALS, PERSON_HANDOVER } from '@zhongshu/contracts';
import { declareApiTag, defineContext } from '@zhongshu/platform';
import { ExpenseDemoSeed } from './expenses/expense.demo-seed.js';
import { ExpenseClaims } from './expenses/expense-claims.js';
import { ExpensesController } from './expenses/expenses.controller.js';
import { LeaveDemoSeed } from './leave/demo/leave.demo-seed.js';
import { LeaveBalances } from './leave/leave-balances.js';
import { LeaveBook } from './leave/leave-book.js';
import { LeaveController } from './leave/leave.controller.js';
import { LeaveRequests } from './leave/leave-requests.js';
import { LeaveTypes } from './leave/leave-types.service.js';
import { OvertimeService } from './leave/overtime.js';
import { TeamCalendar } from './leave/team-calendar.js';
import { CalendarController } from './calendar/calendar.controller.js';
import { CompanyCalendar } from './calendar/company-calendar.js';
import { ApprovalHooks } from './business/approval-hooks.js';
import { BusinessBindingsController } from './business/business-bindings.controller.js';
import { BusinessBindings } from './business/business-bindings.service.js';
import { OaRequests } from './business/oa-requests.js';
import { OaBusinessApprovals } from './business/business-approvals.js';
import { ContractReviewStarter } from './business/contract-review.handler.js';
import { OaDemoSeed } from './demo/oa.demo-seed.js';
import { TaskDeadlines } from './deadlines/task-deadlines.js';
import { DelegationsController } from './delegations/delegations.controller.js';
import { DelegationsService } from './delegations/delegations.service.js';
import { LeaverTasksController } from './offboarding/leaver-tasks.controller.js';
import { LeaverTasks } from './offboarding/leaver-tasks.js';
import { OaHandover } from './offboarding/oa-handover.js';
import { DelegationResolver } from './delegations/delegation-resolver.js';
import { OaFileAccess } from './files/oa-file-access.js';
import { FormValidator } from './forms/form-validator.js';
import { OA_MENU } from './oa.menu.js';
import { PublishedVersions } from './request-types/published-versions.js';
import { RequestType } from './request-types/request-type.entity.js';
import { CatalogueController, RequestTypesController } from './request-types/request-types.controller.js';
import { RequestTypesService } from './request-types/request-types.service.js';
import { ApprovalEngine } from './requests/approval-engine.js';
import { InboxBadges } from './requests/inbox-badges.js';
import { RequestAccess } from './requests/request-access.js';
import { RequestNumbers } from './requests/request-numbers.js';
import { RequestStore } from './requests/request-store.js';
import { RequestViews } from './requests/request-views.service.js';
import { InboxController, RequestsController, TasksController } from './requests/requests.controller.js';
import { RequestsService } from './requests/requests.service.js';
import { RoutePlanner } from './requests/route-planner.js';

declareApiTag('oa', 'OA approvals: request types with their forms and processes, submitting, the inbox and task actions, delegations, the working calendar, leave and its balances, expense claims');

/**
 * OA: the approval engine (request types with their forms and processes, requests,
 * tasks, delegations, deadlines) and its API. The engine's services load in the API
 * and the worker alike: event handlers and scheduled jobs drive the same engine.
 */
export const OaModule = defineContext({
  name: 'oa',
  menu: OA_MENU,
  auditNames: { 'oa.request_type': 'name', 'oa.request': 'title' },
  imports: [TypeOrmModule.forFeature([RequestType])],
  providers: [
    ApprovalHooks,
    PublishedVersions,
    RequestTypesService,
    FormValidator,
    DelegationResolver,
    RequestStore,
    RequestNumbers,
    RequestAccess,
    RoutePlanner,
    ApprovalEngine,
    RequestsService,
    RequestViews,
    OaFileAccess,
    BusinessBindings,
    OaRequests,
    OaBusinessApprovals,
    { provide: BUSINESS_APPROVALS, useExisting: OaBusinessApprovals },
    ContractReviewStarter,
    DelegationsService,
    TaskDeadlines,
    LeaverTasks,
    OaHandover,
    { provide: PERSON_HANDOVER, useExisting: OaHandover },
    InboxBadges,
    CompanyCalendar,
    LeaveTypes,
    LeaveBook,
    LeaveBalances,
    LeaveRequests,
    OvertimeService,
    TeamCalendar,
    ExpenseClaims,
  ],
  // For handlers that start approvals of business records (OA's own; test code stands in for them).
  exports: [OaRequests, BUSINESS_APPROVALS, PERSON_HANDOVER],
  http: {
    controllers: [RequestTypesController, CatalogueController, RequestsController, TasksController, InboxController, BusinessBindingsController, DelegationsController, LeaverTasksController, CalendarController, LeaveController, ExpensesController],
    providers: [OaDemoSeed, LeaveDemoSeed, ExpenseDemoSeed],
  },
});
