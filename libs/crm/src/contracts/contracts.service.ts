import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Decimal } from 'decimal.js';
import { CrmContractPermission, planShortfall, priceLines, PRODUCT_CATALOGUE, type CrmContractSignedPayload, type Page, type PermissionCode, type ProductCatalogue } from '@zhongshu/contracts';
import {
  APP_CONFIG,
  EventBus,
  PlatformError,
  ReadModel,
  UnitOfWork,
  containsText,
  newId,
  requireInScope,
  scopeCondition,
  sql,
  type AppConfig,
  type Principal,
  type Sql, readTogether,
} from '@zhongshu/platform';
import { CrmError, CrmErrorCode } from '../crm-error.js';
import { CrmPeople } from '../shared/crm-people.js';
import { canComplete, canEdit, canSign, canTerminate, type ContractStatus } from './contract-status.js';
import type {
  ContractDetailDto,
  ContractDto,
  ContractFieldsDto,
  ContractLineDto,
  ContractQueryDto,
  CreateContractDto,
  InstalmentDto,
  RecordReceiptDto,
  SigningDto,
  UpdateContractDto,
} from './contract.dto.js';

const iso = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A contract belongs to its owner (the sales rep) and their team. */
export const CONTRACT_SCOPE = { owner: 'contract.owner_id', department: 'contract.department_id' };

const FIELDS = {
  id: 'contract.id',
  number: 'contract.number',
  title: 'contract.title',
  customerId: 'contract.customer_id',
  customerName: '(SELECT customer.name FROM crm.customer customer WHERE customer.id = contract.customer_id)',
  opportunityId: 'contract.opportunity_id',
  ownerId: 'contract.owner_id',
  ownerName: 'contract.owner_id::text',
  status: 'contract.status',
  signedVersion: 'contract.signed_version',
  currency: 'contract.currency',
  totalExclTax: 'contract.total_excl_tax::text',
  taxTotal: 'contract.tax_total::text',
  total: 'contract.total::text',
  received: '(SELECT coalesce(sum(i.received_amount), 0)::numeric(16,2)::text FROM crm.contract_instalment i WHERE i.contract_id = contract.id)',
  startDate: 'contract.start_date::text',
  endDate: 'contract.end_date::text',
  updatedAt: iso('contract.updated_at'),
  version: 'contract.version',
} as const;

const CONTRACTS = new ReadModel<ContractDto>({
  from: 'crm.contract contract',
  fields: FIELDS,
  sortable: { number: 'contract.number', title: 'contract.title', total: 'contract.total', endDate: 'contract.end_date', updatedAt: 'contract.updated_at', status: 'contract.status' },
  defaultSort: [{ column: 'contract.updated_at', direction: 'DESC' }],
  key: 'contract.id',
});

const DETAIL = new ReadModel<Omit<ContractDetailDto, 'lines' | 'instalments' | 'signings'>>({
  from: 'crm.contract contract',
  fields: { ...FIELDS, overallDiscountRate: 'trim_scale(contract.overall_discount_rate)::text', paymentTerms: 'contract.payment_terms', reviewComment: 'contract.review_comment', endReason: 'contract.end_reason' },
  sortable: {},
  defaultSort: [{ column: 'contract.id', direction: 'ASC' }],
  key: 'contract.id',
});

const LINES = new ReadModel<ContractLineDto>({
  from: 'crm.contract_line line',
  fields: {
    lineNo: 'line.line_no',
    productId: 'line.product_id',
    productCode: 'line.product_code',
    productName: 'line.product_name',
    unit: 'line.unit',
    quantity: 'trim_scale(line.quantity)::text',
    unitPrice: 'line.unit_price::text',
    discountRate: 'trim_scale(line.discount_rate)::text',
    taxRate: 'trim_scale(line.tax_rate)::text',
    amountExclTax: 'line.amount_excl_tax::text',
    taxAmount: 'line.tax_amount::text',
    amount: 'line.amount::text',
  },
  sortable: {},
  defaultSort: [{ column: 'line.line_no', direction: 'ASC' }],
  key: 'line.id',
});

const INSTALMENTS = new ReadModel<InstalmentDto>({
  from: 'crm.contract_instalment i',
  fields: {
    instalmentNo: 'i.instalment_no',
    dueDate: 'i.due_date::text',
    amount: 'i.amount::text',
    receivedAmount: 'i.received_amount::text',
    receivedOn: 'i.received_on::text',
    overdue: '(i.received_amount < i.amount AND i.due_date < CURRENT_DATE)',
  },
  sortable: {},
  defaultSort: [{ column: 'i.instalment_no', direction: 'ASC' }],
  key: 'i.id',
});

const SIGNINGS = new ReadModel<SigningDto>({
  from: 'crm.contract_signing s',
  fields: {
    signedVersion: 's.signed_version',
    signedById: 's.signed_by',
    signedAt: iso('s.signed_at'),
    total: 's.total::text',
    outcome: 's.outcome',
    approvalId: 's.approval_id',
    approvalNumber: 's.approval_number',
    decidedAt: iso('s.decided_at'),
    comment: 's.comment',
  },
  sortable: {},
  defaultSort: [{ column: 's.signed_version', direction: 'ASC' }],
  key: 's.signed_version',
});

interface ContractRow {
  id: string;
  number: string;
  title: string;
  customer_id: string;
  owner_id: string;
  department_id: string;
  status: ContractStatus;
  signed_version: number;
  version: number;
}

/**
 * 合同: a contract priced from ERP's catalogue through PRODUCT_CATALOGUE (in this
 * transaction), with a receivable plan that must add up to its total. Signing (签单)
 * freezes the version and emits `crm.contract.signed`: OA starts its review and ERP its
 * order from that one event; the review's outcome comes back as `oa.approval.completed`
 * (`ContractReviews`).
 */
@Injectable()
export class ContractsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventBus,
    private readonly people: CrmPeople,
    @Inject(PRODUCT_CATALOGUE) private readonly catalogue: ProductCatalogue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(principal: Principal, query: ContractQueryDto): Promise<Page<ContractDto>> {
    const where: Sql[] = [scopeCondition(principal, CrmContractPermission.ContractRead, CONTRACT_SCOPE)];
    if (query.search) where.push(containsText(["(contract.number || ' ' || contract.title)"], query.search));
    if (query.status) where.push(sql`contract.status = ${query.status}`);
    if (query.customerId) where.push(sql`contract.customer_id = ${query.customerId}`);
    const page = await CONTRACTS.page(this.uow.manager, where, query);
    await this.people.withOwnerNames(page.items as Array<ContractDto & { ownerName: string | null }>);
    return page;
  }

  /** Outside the caller's reach reads as missing: 404. */
  async read(principal: Principal, id: string, permission: PermissionCode = CrmContractPermission.ContractRead): Promise<ContractDetailDto> {
    const manager = this.uow.manager;
    const contract = await DETAIL.one(manager, [sql`contract.id = ${id}`, scopeCondition(principal, permission, CONTRACT_SCOPE)]);
    if (!contract) throw CrmError.notFound('Contract', id);
    const [lines, instalments, signings] = await readTogether(manager, [
      () => LINES.list(manager, [sql`line.contract_id = ${id}`]),
      () => INSTALMENTS.list(manager, [sql`i.contract_id = ${id}`]),
      () => SIGNINGS.list(manager, [sql`s.contract_id = ${id}`])]);
    const [named] = await this.people.withOwnerNames([{ ...contract, ownerName: null as string | null }]);
    return { ...named, ownerName: named.ownerName ?? '', lines, instalments, signings };
  }

  async create(principal: Principal, input: CreateContractDto): Promise<ContractDetailDto> {
    return this.uow.run(async (manager) => {
      const [customer] = await manager.query(`SELECT id, owner_id, department_id, status FROM crm.customer WHERE id = $1`, [input.customerId]);
      if (!customer || customer.status !== 'active') throw CrmError.invalidReference('customerId', `Customer ${input.customerId} does not exist or was merged away`);
      if (customer.owner_id === null) throw CrmError.invalidReference('customerId', 'The customer is in the shared pool: claim it before making a contract');
      requireInScope(principal, CrmContractPermission.ContractCreate, { ownerId: customer.owner_id, departmentId: customer.department_id }, 'Customer', input.customerId);
      if (input.opportunityId) {
        const [opportunity] = await manager.query('SELECT customer_id, status FROM crm.opportunity WHERE id = $1', [input.opportunityId]);
        if (!opportunity || opportunity.customer_id !== input.customerId) throw CrmError.invalidReference('opportunityId', `Opportunity ${input.opportunityId} does not exist or is another customer's`);
        if (opportunity.status === 'lost') throw CrmError.invalidReference('opportunityId', 'The opportunity was lost');
      }
      const id = newId();
      const year = new Intl.DateTimeFormat('en', { timeZone: this.config.timeZone, year: 'numeric' }).format(new Date());
      await manager.query(
        `INSERT INTO crm.contract (id, number, title, customer_id, opportunity_id, owner_id, department_id, status, start_date, end_date, total_excl_tax, tax_total, total)
         VALUES ($1, 'HT-' || $2::text || '-' || lpad(nextval('crm.contract_number_seq')::text, 6, '0'), $3, $4, $5, $6, $7, 'draft', $8, $9, 0, 0, 0)`,
        [id, year, input.title.trim(), input.customerId, input.opportunityId ?? null, customer.owner_id, customer.department_id, input.startDate, input.endDate],
      );
      await this.writeTerms(manager, id, input);
      return this.read(principal, id, CrmContractPermission.ContractCreate);
    });
  }

  async update(principal: Principal, id: string, input: UpdateContractDto): Promise<ContractDetailDto> {
    return this.uow.run(async (manager) => {
      const contract = await this.lock(manager, principal, id, CrmContractPermission.ContractCreate, input.version);
      if (!canEdit(contract.status)) throw this.wrongState(contract, 'changed');
      await manager.query('UPDATE crm.contract SET title = $2, start_date = $3, end_date = $4, version = version + 1, updated_at = now(), updated_by = $5 WHERE id = $1', [
        id,
        input.title.trim(),
        input.startDate,
        input.endDate,
        principal.userId,
      ]);
      await this.writeTerms(manager, id, input);
      return this.read(principal, id, CrmContractPermission.ContractCreate);
    });
  }

  /** 签单: freezes this version and asks for its review; ERP makes its order from the same event. */
  async sign(principal: Principal, id: string, version: number): Promise<ContractDetailDto> {
    return this.uow.run(async (manager) => {
      const contract = await this.lock(manager, principal, id, CrmContractPermission.ContractSign, version);
      if (!canSign(contract.status)) throw this.wrongState(contract, 'signed');
      const detail = await this.read(principal, id, CrmContractPermission.ContractSign);
      const signedVersion = contract.signed_version + 1;
      const signedAt = new Date();
      await manager.query(`UPDATE crm.contract SET status = 'under_approval', signed_version = $2, review_comment = NULL, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1`, [
        id,
        signedVersion,
        principal.userId,
      ]);
      await manager.query('INSERT INTO crm.contract_signing (contract_id, signed_version, signed_by, signed_at, total) VALUES ($1, $2, $3, $4, $5)', [id, signedVersion, principal.userId, signedAt, detail.total]);
      const [customer] = await manager.query(`SELECT name, concat_ws('', province, city, district, address) AS address FROM crm.customer WHERE id = $1`, [contract.customer_id]);
      const payload: CrmContractSignedPayload = {
        contractId: id,
        number: contract.number,
        title: contract.title,
        version: signedVersion,
        customer: { customerId: contract.customer_id, name: customer.name, address: customer.address || null },
        ownerId: contract.owner_id,
        departmentId: contract.department_id,
        signedById: principal.userId,
        signedAt: signedAt.toISOString(),
        currency: detail.currency,
        totalExclTax: detail.totalExclTax,
        taxTotal: detail.taxTotal,
        total: detail.total,
        paymentTerms: detail.paymentTerms,
        startDate: detail.startDate,
        endDate: detail.endDate,
        lines: detail.lines,
        instalments: detail.instalments.map(({ instalmentNo, dueDate, amount }) => ({ instalmentNo, dueDate, amount })),
      };
      await this.events.emit('crm.contract.signed', id, payload);
      return this.read(principal, id, CrmContractPermission.ContractSign);
    });
  }

  async complete(principal: Principal, id: string, version: number): Promise<ContractDetailDto> {
    return this.uow.run(async (manager) => {
      const contract = await this.lock(manager, principal, id, CrmContractPermission.ContractEnd, version);
      if (!canComplete(contract.status)) throw this.wrongState(contract, 'completed');
      await manager.query(`UPDATE crm.contract SET status = 'completed', ended_at = now(), version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1`, [id, principal.userId]);
      return this.read(principal, id, CrmContractPermission.ContractEnd);
    });
  }

  async terminate(principal: Principal, id: string, version: number, reason: string): Promise<ContractDetailDto> {
    return this.uow.run(async (manager) => {
      const contract = await this.lock(manager, principal, id, CrmContractPermission.ContractEnd, version);
      if (!canTerminate(contract.status)) throw this.wrongState(contract, 'terminated');
      await manager.query(`UPDATE crm.contract SET status = 'terminated', end_reason = $2, ended_at = now(), version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1`, [id, reason.trim(), principal.userId]);
      await this.events.emit('crm.contract.terminated', id, { contractId: id, number: contract.number, version: contract.signed_version, reason: reason.trim(), byId: principal.userId, at: new Date().toISOString() });
      return this.read(principal, id, CrmContractPermission.ContractEnd);
    });
  }

  /** 回款: money received against an instalment of an active (or completed) contract; never more than is due. */
  async recordReceipt(principal: Principal, id: string, input: RecordReceiptDto): Promise<ContractDetailDto> {
    return this.uow.run(async (manager) => {
      const contract = await this.lock(manager, principal, id, CrmContractPermission.ReceivableRecord, null);
      if (contract.status !== 'active' && contract.status !== 'completed') throw this.wrongState(contract, 'paid against');
      const [instalment] = await manager.query('SELECT id, amount::text AS amount, received_amount::text AS received FROM crm.contract_instalment WHERE contract_id = $1 AND instalment_no = $2 FOR UPDATE', [id, input.instalmentNo]);
      if (!instalment) throw CrmError.invalidReference('instalmentNo', `The contract has no instalment ${input.instalmentNo}`);
      const received = new Decimal(instalment.received).plus(input.amount);
      if (new Decimal(input.amount).lte(0) || received.gt(instalment.amount)) {
        throw CrmError.unprocessable(CrmErrorCode.ReceiptTooLarge, `Instalment ${input.instalmentNo} has ${new Decimal(instalment.amount).minus(instalment.received).toFixed(2)} left to receive`, 'amount');
      }
      await manager.query('UPDATE crm.contract_instalment SET received_amount = $2, received_on = $3, version = version + 1, updated_at = now(), updated_by = $4 WHERE id = $1', [instalment.id, received.toFixed(2), input.receivedOn, principal.userId]);
      return this.read(principal, id, CrmContractPermission.ReceivableRecord);
    });
  }

  /** Lines priced from ERP's catalogue in this transaction, the plan checked against the total, both replaced. */
  private async writeTerms(manager: EntityManager, id: string, input: ContractFieldsDto): Promise<void> {
    if (input.endDate < input.startDate) throw CrmError.unprocessable(CrmErrorCode.InvalidContract, 'The contract cannot end before it starts', 'endDate');
    const products = new Map((await this.catalogue.products(input.lines.map((line) => line.productId))).map((product) => [product.id, product]));
    const lines = input.lines.map((line, index) => {
      const product = products.get(line.productId);
      if (!product) throw CrmError.invalidReference(`lines[${index}].productId`, `Product ${line.productId} is not in the catalogue`);
      if (!product.active) throw CrmError.invalidReference(`lines[${index}].productId`, `${product.name} is discontinued`);
      return { product, quantity: line.quantity, discountRate: line.discountRate ?? '0' };
    });
    lines.forEach((line, index) => {
      if (new Decimal(line.quantity).lte(0)) throw CrmError.unprocessable(CrmErrorCode.InvalidContract, 'The quantity must be above zero', `lines[${index}].quantity`);
    });
    const overall = input.overallDiscountRate ?? '0';
    const priced = priceLines(
      lines.map((line) => ({ quantity: line.quantity, unitPrice: line.product.listPrice, discountRate: line.discountRate, taxRate: line.product.taxRate })),
      overall,
    );
    const shortfall = planShortfall(priced.total, input.instalments);
    if (shortfall !== '0.00') {
      throw CrmError.unprocessable(
        CrmErrorCode.PlanMismatch,
        `The receivable plan adds up to ${new Decimal(priced.total).minus(shortfall).toFixed(2)}, the contract total is ${priced.total}`,
        'instalments',
      );
    }
    for (const [index, instalment] of input.instalments.entries()) {
      if (new Decimal(instalment.amount).lte(0)) throw CrmError.unprocessable(CrmErrorCode.PlanMismatch, 'An instalment must be above zero', `instalments[${index}].amount`);
      if (index > 0 && instalment.dueDate < input.instalments[index - 1].dueDate) throw CrmError.unprocessable(CrmErrorCode.PlanMismatch, 'Instalments are due in order', `instalments[${index}].dueDate`);
    }
    await manager.query('UPDATE crm.contract SET overall_discount_rate = $2, total_excl_tax = $3, tax_total = $4, total = $5, payment_terms = $6 WHERE id = $1', [
      id,
      overall,
      priced.totalExclTax,
      priced.taxTotal,
      priced.total,
      input.paymentTerms?.trim() || null,
    ]);
    await manager.query('DELETE FROM crm.contract_line WHERE contract_id = $1', [id]);
    for (const [index, line] of lines.entries()) {
      const figures = priced.lines[index];
      await manager.query(
        `INSERT INTO crm.contract_line (id, contract_id, line_no, product_id, product_code, product_name, unit, quantity, unit_price, discount_rate, tax_rate, amount_excl_tax, tax_amount, amount)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [newId(), id, index + 1, line.product.id, line.product.code, line.product.name, line.product.unit, line.quantity, line.product.listPrice, line.discountRate, line.product.taxRate, figures.amountExclTax, figures.taxAmount, figures.amount],
      );
    }
    await manager.query('DELETE FROM crm.contract_instalment WHERE contract_id = $1', [id]);
    for (const [index, instalment] of input.instalments.entries()) {
      await manager.query('INSERT INTO crm.contract_instalment (id, contract_id, instalment_no, due_date, amount) VALUES ($1, $2, $3, $4, $5)', [newId(), id, index + 1, instalment.dueDate, instalment.amount]);
    }
  }

  /** The contract row under a lock, in the caller's reach for `permission`, at the version they read (null: any). */
  private async lock(manager: EntityManager, principal: Principal, id: string, permission: PermissionCode, version: number | null): Promise<ContractRow> {
    const [contract]: ContractRow[] = await manager.query(
      'SELECT id, number, title, customer_id, owner_id, department_id, status, signed_version, version FROM crm.contract WHERE id = $1 FOR UPDATE',
      [id],
    );
    if (!contract) throw CrmError.notFound('Contract', id);
    requireInScope(principal, permission, { ownerId: contract.owner_id, departmentId: contract.department_id }, 'Contract', id);
    if (version !== null && contract.version !== version) throw PlatformError.versionConflict('Contract', id, version, contract.version);
    return contract;
  }

  private wrongState(contract: ContractRow, action: string): CrmError {
    return new CrmError(CrmErrorCode.ContractState, HttpStatus.CONFLICT, `Contract ${contract.number} is ${contract.status.replace('_', ' ')} and cannot be ${action}`);
  }
}
