import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CrmPermission, type Page } from '@zhongshu/contracts';
import { ReadModel, UnitOfWork, containsText, isInScope, newId, saveVersioned, scopeCondition, sql, type Principal, type Sql } from '@zhongshu/platform';
import { CrmError } from '../crm-error.js';
import { CUSTOMER_SCOPE } from '../customers/customer-read.js';
import { CustomersService } from '../customers/customers.service.js';
import type { ContactDto, ContactQueryDto, CreateContactDto, NewContactDto, UpdateContactDto } from './contact.dto.js';
import { Contact } from './contact.entity.js';

const CONTACTS = new ReadModel<ContactDto>({
  from: 'crm.contact contact JOIN crm.customer customer ON customer.id = contact.customer_id',
  fields: {
    id: 'contact.id',
    customerId: 'contact.customer_id',
    customerName: 'customer.name',
    name: 'contact.name',
    title: 'contact.title',
    role: 'contact.role',
    phone: 'contact.phone',
    email: 'contact.email',
    isPrimary: 'contact.is_primary',
    remark: 'contact.remark',
    version: 'contact.version',
  },
  sortable: { name: 'contact.name', customerName: 'customer.name', createdAt: 'contact.created_at', isPrimary: 'contact.is_primary' },
  defaultSort: [{ column: 'contact.name', direction: 'ASC' }],
  key: 'contact.id',
});

/** 联系人: people at a customer; they are the customer's, so the customer's scope decides who sees them. */
@Injectable()
export class ContactsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly customers: CustomersService,
  ) {}

  async list(principal: Principal, query: ContactQueryDto): Promise<Page<ContactDto>> {
    const where: Sql[] = [sql`customer.status = 'active'`, await this.customers.visible(principal)];
    if (query.customerId) where.push(sql`contact.customer_id = ${query.customerId}`);
    if (query.role) where.push(sql`contact.role = ${query.role}`);
    if (query.search) where.push(containsText(['contact.name', 'contact.phone', 'contact.email'], query.search));
    return CONTACTS.page(this.uow.manager, where, { ...query, sort: query.sort ?? (query.customerId ? '-isPrimary' : undefined) });
  }

  async read(principal: Principal, id: string): Promise<ContactDto> {
    const contact = await CONTACTS.one(this.uow.manager, [sql`contact.id = ${id}`, scopeCondition(principal, CrmPermission.CustomerRead, CUSTOMER_SCOPE)]);
    if (!contact) throw CrmError.notFound('Contact', id);
    return contact;
  }

  async create(principal: Principal, input: CreateContactDto): Promise<Contact> {
    return this.uow.run(async (manager) => {
      await this.customers.lockForChange(manager, principal, input.customerId, CrmPermission.CustomerUpdate).catch(() => {
        throw CrmError.invalidReference('customerId', `Customer ${input.customerId} does not exist or is not yours to change`);
      });
      return this.add(manager, input.customerId, input);
    });
  }

  /** Adds a contact to a customer already checked and locked by the caller. */
  async add(manager: EntityManager, customerId: string, input: NewContactDto): Promise<Contact> {
    if (input.isPrimary) await manager.query('UPDATE crm.contact SET is_primary = false WHERE customer_id = $1 AND is_primary', [customerId]);
    const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM crm.contact WHERE customer_id = $1', [customerId]);
    return manager.save(
      manager.create(Contact, {
        id: newId(),
        customerId,
        name: input.name.trim(),
        title: input.title ?? null,
        role: input.role ?? 'other',
        phone: input.phone ?? null,
        email: input.email ?? null,
        // The first contact of a customer is its primary one.
        isPrimary: input.isPrimary ?? count === 0,
        remark: input.remark ?? null,
      }),
    );
  }

  async update(principal: Principal, id: string, change: UpdateContactDto): Promise<Contact> {
    return this.uow.run(async (manager) => {
      const contact = await this.load(manager, principal, id);
      const { version, ...fields } = change;
      if (fields.isPrimary) await manager.query('UPDATE crm.contact SET is_primary = false WHERE customer_id = $1 AND is_primary AND id <> $2', [contact.customerId, id]);
      Object.assign(contact, fields);
      return saveVersioned(manager, contact, version, 'Contact');
    });
  }

  private async load(manager: EntityManager, principal: Principal, id: string): Promise<Contact> {
    const contact = await manager.findOne(Contact, { where: { id } });
    if (!contact) throw CrmError.notFound('Contact', id);
    const [customer] = await manager.query(`SELECT owner_id, department_id FROM crm.customer WHERE id = $1 AND status = 'active' FOR UPDATE`, [contact.customerId]);
    if (!customer || !isInScope(principal, CrmPermission.CustomerUpdate, { ownerId: customer.owner_id, departmentId: customer.department_id })) throw CrmError.notFound('Contact', id);
    return contact;
  }
}
