import { TypeOrmModule } from '@nestjs/typeorm';
import { declareApiTag, defineContext } from '@zhongshu/platform';
import { Contact } from './contacts/contact.entity.js';
import { Customer } from './customers/customer.entity.js';
import { Lead } from './leads/lead.entity.js';
import { Opportunity } from './opportunities/opportunity.entity.js';
import { ContactsController, FollowUpsController } from './contacts/contacts.controller.js';
import { ContactsService } from './contacts/contacts.service.js';
import { CRM_MENU } from './crm.menu.js';
import { CustomerDuplicates } from './customers/customer-duplicates.js';
import { CustomersController, PoolController } from './customers/customers.controller.js';
import { CustomersService } from './customers/customers.service.js';
import { CrmDemoSeed } from './demo/crm.demo-seed.js';
import { FollowUpsService } from './follow-ups/follow-ups.service.js';
import { LeadsController } from './leads/leads.controller.js';
import { LeadsService } from './leads/leads.service.js';
import { OpportunitiesController, PipelinesController } from './opportunities/opportunities.controller.js';
import { OpportunitiesService } from './opportunities/opportunities.service.js';
import { PipelinesService } from './opportunities/pipelines.service.js';
import { PoolService } from './pool/pool.service.js';
import { CrmPeople } from './shared/crm-people.js';
import { CustomerTimeline } from './timeline/customer-timeline.service.js';
import { Timeline } from './timeline/timeline.js';
import { ContractReviews } from './contracts/contract-reviews.handler.js';
import { ContractsController } from './contracts/contracts.controller.js';
import { ContractsService } from './contracts/contracts.service.js';
import { CONTRACT_MENU } from './contracts/contract.menu.js';
import { ContractDemoSeed } from './contracts/contract.demo-seed.js';
import { DealThreadController } from './deals/deal-thread.controller.js';
import { DealThreads } from './deals/deal-thread.service.js';

declareApiTag('crm', 'CRM: customers and the shared pool (公海), duplicates and merge, contacts, follow-ups, leads, pipelines and opportunities, customer timelines');

/**
 * CRM: leads, customers and the shared pool, contacts, follow-ups, opportunities in
 * pipelines, and each customer's timeline. The pool rules and the follow-up reminders
 * are scheduled jobs, so the services load in the worker too.
 */
export const CrmModule = defineContext({
  name: 'crm',
  menu: [...CRM_MENU, ...CONTRACT_MENU],
  auditNames: { 'crm.customer': 'name', 'crm.contact': 'name', 'crm.lead': 'name', 'crm.opportunity': 'name', 'crm.pipeline': 'name', 'crm.contract': 'title' },
  imports: [TypeOrmModule.forFeature([Customer, Contact, Lead, Opportunity])],
  providers: [CrmPeople, Timeline, CustomerDuplicates, CustomersService, PoolService, ContactsService, FollowUpsService, PipelinesService, OpportunitiesService, LeadsService, CustomerTimeline, ContractsService, ContractReviews, DealThreads],
  http: {
    controllers: [CustomersController, PoolController, ContactsController, FollowUpsController, LeadsController, OpportunitiesController, PipelinesController, ContractsController, DealThreadController],
    providers: [CrmDemoSeed, ContractDemoSeed],
  },
});
