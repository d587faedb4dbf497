import { Injectable } from '@nestjs/common';
import { ErpPermission, type Page } from '@zhongshu/contracts';
import { ReadModel, UnitOfWork, containsText, scopeCondition, sql, type Principal, type Sql, readTogether } from '@zhongshu/platform';
import { ErpError } from '../erp-error.js';
import type { SalesOrderDetailDto, SalesOrderDto, SalesOrderLineDto, SalesOrderQueryDto, SalesOrderVersionDto } from './sales-order.dto.js';

export const iso = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** An order belongs to the sales rep who owns its contract, and to their team. */
export const SALES_ORDER_SCOPE = { owner: 'o.owner_id', department: 'o.department_id' };

const FIELDS = {
  id: 'o.id',
  number: 'o.number',
  contractId: 'o.contract_id',
  contractNumber: 'o.contract_number',
  contractVersion: 'o.contract_version',
  customerId: 'o.customer_id',
  customerName: 'o.customer_name',
  ownerId: 'o.owner_id',
  ownerName: 'o.owner_name',
  status: 'o.status',
  currency: 'o.currency',
  totalExclTax: 'o.total_excl_tax::text',
  taxTotal: 'o.tax_total::text',
  total: 'o.total::text',
  overCreditLimit: 'o.over_credit_limit',
  orderedOn: 'o.ordered_on::text',
  confirmedAt: iso('o.confirmed_at'),
  cancelledAt: iso('o.cancelled_at'),
  createdAt: iso('o.created_at'),
  version: 'o.version',
} as const;

const ORDERS = new ReadModel<SalesOrderDto>({
  from: 'erp.sales_order o',
  fields: FIELDS,
  sortable: { number: 'o.number', customerName: 'o.customer_name', total: 'o.total', orderedOn: 'o.ordered_on', createdAt: 'o.created_at', status: 'o.status' },
  defaultSort: [{ column: 'o.created_at', direction: 'DESC' }],
  key: 'o.id',
});

const ORDER_DETAIL = new ReadModel<Omit<SalesOrderDetailDto, 'lines' | 'versions'>>({
  from: 'erp.sales_order o',
  fields: {
    ...FIELDS,
    billTo: 'o.bill_to',
    shipTo: 'o.ship_to',
    paymentTerms: 'o.payment_terms',
    creditLimit: 'o.credit_limit::text',
    approvalId: 'o.approval_id',
    cancelReason: 'o.cancel_reason',
  },
  sortable: {},
  defaultSort: [{ column: 'o.created_at', direction: 'DESC' }],
  key: 'o.id',
});

const LINES = new ReadModel<SalesOrderLineDto & { orderId: string }>({
  from: 'erp.sales_order_line line',
  fields: {
    orderId: 'line.order_id',
    lineNo: 'line.line_no',
    productId: 'line.product_id',
    productCode: 'line.product_code',
    productName: 'line.product_name',
    unit: 'line.unit',
    // Quantities keep up to four places but read without trailing zeros: "2", "1.5".
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

const VERSIONS = new ReadModel<SalesOrderVersionDto>({
  from: 'erp.sales_order o',
  fields: { id: 'o.id', number: 'o.number', contractVersion: 'o.contract_version', status: 'o.status', total: 'o.total::text' },
  sortable: {},
  defaultSort: [{ column: 'o.contract_version', direction: 'ASC' }],
  key: 'o.id',
});

/** Sales orders as their readers see them: within the data scope of erp:sales-order:read. */
@Injectable()
export class SalesOrdersService {
  constructor(private readonly uow: UnitOfWork) {}

  list(principal: Principal, query: SalesOrderQueryDto): Promise<Page<SalesOrderDto>> {
    const where: Sql[] = [scopeCondition(principal, ErpPermission.SalesOrderRead, SALES_ORDER_SCOPE)];
    if (query.search) where.push(containsText(["(o.number || ' ' || o.contract_number || ' ' || o.customer_name)"], query.search));
    if (query.status) where.push(sql`o.status = ${query.status}`);
    if (query.customerId) where.push(sql`o.customer_id = ${query.customerId}`);
    if (query.contractId) where.push(sql`o.contract_id = ${query.contractId}`);
    return ORDERS.page(this.uow.manager, where, query);
  }

  /** Outside the caller's reach reads as missing: 404. */
  async read(principal: Principal, id: string): Promise<SalesOrderDetailDto> {
    const manager = this.uow.manager;
    const order = await ORDER_DETAIL.one(manager, [sql`o.id = ${id}`, scopeCondition(principal, ErpPermission.SalesOrderRead, SALES_ORDER_SCOPE)]);
    if (!order) throw ErpError.notFound('Sales order', id);
    const [lines, versions] = await readTogether(manager, [
      () => LINES.list(manager, [sql`line.order_id = ${id}`]),
      () => VERSIONS.list(manager, [sql`o.contract_id = ${order.contractId}`])]);
    return { ...order, lines: lines.map(({ orderId: _orderId, ...line }) => line), versions };
  }
}
