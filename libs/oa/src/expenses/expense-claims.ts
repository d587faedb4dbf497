import { HttpStatus, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { CLAIM_CURRENCY, EXPENSE_CATEGORIES, ORG_DIRECTORY, OaPermission, type FieldError, type OrgDirectory } from '@zhongshu/contracts';
import { APP_CONFIG, Clock, EventBus, Files, UnitOfWork, isInScope, newId, type AppConfig, type Principal } from '@zhongshu/platform';
import { ApprovalHooks, type ApprovalEnded } from '../business/approval-hooks.js';
import { OaRequests } from '../business/oa-requests.js';
import { isCalendarDate } from '../calendar/working-calendar.js';
import { calendarDate } from '../delegations/delegation-resolver.js';
import { OaError, OaErrorCode } from '../oa-error.js';
import { RequestAccess } from '../requests/request-access.js';
import type { ExpenseClaimDto, ExpenseSubmittedDto, SubmitExpenseDto } from './expense.dto.js';

export const EXPENSE_BUSINESS = 'oa.expense';

/** What a receipt may be: a PDF or a photo, at most 5 MiB. */
export const RECEIPT_TYPES: ReadonlySet<string> = new Set(['application/pdf', 'image/jpeg', 'image/png']);
export const RECEIPT_MAX_BYTES = 5 * 1024 * 1024;

const CLAIM_DTO = `SELECT c.id, json_build_object('id', c.person_id, 'name', '') AS person, c.title, c.currency, c.total::text AS total, c.status,
    c.request_id AS "requestId", r.number AS "requestNumber",
    coalesce((SELECT json_agg(json_build_object('id', l.id, 'category', l.category, 'date', to_char(l.spent_on, 'YYYY-MM-DD'), 'amount', l.amount::text,
        'currency', l.currency, 'rate', trim_scale(l.rate)::text, 'amountCny', l.amount_cny::text, 'invoiceNo', l.invoice_no, 'tax', l.tax::text,
        'receipt', CASE WHEN f.id IS NULL THEN NULL ELSE json_build_object('id', f.id, 'name', f.name, 'size', f.size) END, 'description', l.description) ORDER BY l.seq)
       FROM oa.expense_line l LEFT JOIN platform.file f ON f.id = l.receipt_file_id WHERE l.claim_id = c.id), '[]'::json) AS lines,
    to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "submittedAt"
  FROM oa.expense_claim c LEFT JOIN oa.request r ON r.id = c.request_id`;

const normalise = (invoiceNo: string): string => invoiceNo.trim().toUpperCase().replace(/\s+/g, '');

/**
 * 报销: a claim's lines are checked (dates, receipts by type and size, a rate for every
 * foreign currency, tax within the amount), converted to CNY at the stated rate and
 * totalled in decimal arithmetic; its invoice numbers are claimed company-wide (one
 * claim at a time: the register's primary key decides between two at once) and the
 * claim goes for approval. Approved: `oa.expense.approved` for finance. Rejected,
 * withdrawn or cancelled: its invoice numbers are free again.
 */
@Injectable()
export class ExpenseClaims implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly requests: OaRequests,
    private readonly hooks: ApprovalHooks,
    private readonly access: RequestAccess,
    private readonly files: Files,
    private readonly events: EventBus,
    private readonly clock: Clock,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.hooks.register(EXPENSE_BUSINESS, { ended: (event) => this.ended(event), form: { path: '/oa/expenses/new', permission: OaPermission.ExpenseSubmit } });
    this.files.registerReadCheck(async (principal, fileId) => {
      const [row] = await this.uow.manager.query(
        `SELECT c.person_id, c.department_id, c.request_id FROM oa.expense_line l JOIN oa.expense_claim c ON c.id = l.claim_id WHERE l.receipt_file_id = $1 LIMIT 1`,
        [fileId],
      );
      return !!row && this.mayRead(principal, row.person_id as string, row.department_id as string, row.request_id as string | null);
    });
  }

  async submit(principal: Principal, input: SubmitExpenseDto): Promise<ExpenseSubmittedDto> {
    return this.uow.run(async (manager) => {
      const today = calendarDate(this.clock.now(), this.config.timeZone);
      const errors: FieldError[] = [];
      const receipts = new Map((await this.files.describe(input.lines.map((line) => line.receiptFileId))).map((file) => [file.id, file]));
      const seen = new Map<string, number>();
      const lines = input.lines.map((line, index) => {
        const at = (field: string, message: string) => errors.push({ field: `lines[${index}].${field}`, message });
        if (!isCalendarDate(line.date)) at('date', 'must be a date YYYY-MM-DD');
        else if (line.date > today) at('date', 'is in the future');
        const amount = new Decimal(line.amount);
        if (amount.lte(0)) at('amount', 'must be more than zero');
        let rate = new Decimal(1);
        if (line.currency === CLAIM_CURRENCY) {
          if (line.rate && !new Decimal(line.rate).eq(1)) at('rate', 'a CNY amount has the rate 1');
        } else if (!line.rate || new Decimal(line.rate).lte(0)) {
          at('rate', `state the rate of ${line.currency} to CNY`);
        } else {
          rate = new Decimal(line.rate);
        }
        if (line.tax && new Decimal(line.tax).gt(amount)) at('tax', 'is more than the amount');
        const receipt = receipts.get(line.receiptFileId);
        if (!receipt || receipt.uploadedBy !== principal.userId) at('receiptFileId', `file ${line.receiptFileId} does not exist`);
        else if (!RECEIPT_TYPES.has(receipt.contentType)) at('receiptFileId', 'a receipt is a PDF, JPEG or PNG');
        else if (receipt.size > RECEIPT_MAX_BYTES) at('receiptFileId', 'a receipt has at most 5 MiB');
        const invoiceNo = line.invoiceNo ? normalise(line.invoiceNo) : null;
        if (invoiceNo !== null) {
          if (!/^[A-Z0-9-]{4,40}$/.test(invoiceNo)) at('invoiceNo', 'must be 4-40 letters, digits or hyphens');
          else if (seen.has(invoiceNo)) at('invoiceNo', `is on line ${(seen.get(invoiceNo) as number) + 1} already`);
          else seen.set(invoiceNo, index);
        }
        return { ...line, id: newId(), seq: index, invoiceNo, rate, amountCny: amount.mul(rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP) };
      });
      if (errors.length > 0) throw OaError.invalidForm(errors);
      await this.refuseClaimed(lines.filter((line) => line.invoiceNo !== null).map((line) => ({ invoiceNo: line.invoiceNo as string, index: line.seq })));

      const [applicant] = await this.directory.people([principal.userId]);
      if (!applicant || applicant.status !== 'active') throw OaError.notFound('Person', principal.userId);
      const total = lines.reduce((sum, line) => sum.plus(line.amountCny), new Decimal(0));
      const categories = EXPENSE_CATEGORIES.filter((category) => lines.some((line) => line.category === category));
      const id = newId();
      await manager.query(
        `INSERT INTO oa.expense_claim (id, person_id, department_id, title, currency, total, categories, status, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $2, $2)`,
        [id, principal.userId, applicant.departmentId, input.title, CLAIM_CURRENCY, total.toFixed(2), categories],
      );
      for (const line of lines) {
        await manager.query(
          `INSERT INTO oa.expense_line (id, claim_id, seq, category, spent_on, amount, currency, rate, amount_cny, invoice_no, tax, receipt_file_id, description)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [line.id, id, line.seq, line.category, line.date, line.amount, line.currency, line.rate.toString(), line.amountCny.toFixed(2), line.invoiceNo, line.tax ?? null, line.receiptFileId, line.description ?? null],
        );
        if (!line.invoiceNo) continue;
        // Two claims with the same number at once: the second waits for the first here and finds it taken.
        const claimed = await manager.query('INSERT INTO oa.expense_invoice (invoice_no, claim_id, line_id) VALUES ($1, $2, $3) ON CONFLICT (invoice_no) DO NOTHING RETURNING invoice_no', [
          line.invoiceNo,
          id,
          line.id,
        ]);
        if (claimed.length === 0) await this.refuseClaimed([{ invoiceNo: line.invoiceNo, index: line.seq }]);
      }
      const started = await this.requests.startForBusiness({
        businessType: EXPENSE_BUSINESS,
        businessId: id,
        applicantId: principal.userId,
        actorId: principal.userId,
        title: `${applicant.name}的报销 ${input.title}`,
        formData: {
          title: input.title,
          total: total.toFixed(2),
          categories,
          lines: lines.map((line) => ({
            category: line.category,
            date: line.date,
            amount: new Decimal(line.amount).toFixed(2),
            currency: line.currency,
            amountCny: line.amountCny.toFixed(2),
            invoiceNo: line.invoiceNo ?? '',
          })),
          receipts: lines.map((line) => {
            const file = receipts.get(line.receiptFileId) as { id: string; name: string; size: number };
            return { id: file.id, name: file.name, size: file.size };
          }),
        },
      });
      await manager.query('UPDATE oa.expense_claim SET request_id = $2 WHERE id = $1', [id, started.id]);
      return { id, requestId: started.id, number: started.number, total: total.toFixed(2), status: started.status === 'approved' ? 'approved' : 'pending' };
    });
  }

  async mine(principal: Principal): Promise<ExpenseClaimDto[]> {
    const rows: ExpenseClaimDto[] = await this.uow.manager.query(`${CLAIM_DTO} WHERE c.person_id = $1 ORDER BY c.created_at DESC, c.id DESC`, [principal.userId]);
    return this.named(rows);
  }

  async read(principal: Principal, id: string): Promise<ExpenseClaimDto> {
    const [row]: Array<ExpenseClaimDto & { department_id: string }> = await this.uow.manager.query(
      `${CLAIM_DTO.replace('SELECT c.id,', 'SELECT c.id, c.department_id,')} WHERE c.id = $1`,
      [id],
    );
    if (!row || !(await this.mayRead(principal, row.person.id, row.department_id, row.requestId))) throw OaError.notFound('Expense claim', id);
    const { department_id: _department, ...claim } = row;
    return (await this.named([claim]))[0];
  }

  /**
   * The applicant, oa:expense:read within its scope, and whoever may read the claim's
   * approval (its approvers, those copied): an approver must see the lines and receipts
   * they are deciding on.
   */
  private async mayRead(principal: Principal, personId: string, departmentId: string, requestId: string | null): Promise<boolean> {
    if (personId === principal.userId) return true;
    if (principal.permissions.has(OaPermission.ExpenseRead) && isInScope(principal, OaPermission.ExpenseRead, { ownerId: personId, departmentId })) return true;
    return requestId !== null && this.access.canRead(principal, { id: requestId, applicantId: personId, applicantDepartmentId: departmentId });
  }

  /** Refuses invoice numbers another pending or approved claim holds, naming that claim, each on its line. */
  private async refuseClaimed(invoices: Array<{ invoiceNo: string; index: number }>): Promise<void> {
    if (invoices.length === 0) return;
    const held: Array<{ invoice_no: string; number: string | null; title: string; name: string }> = await this.uow.manager.query(
      `SELECT i.invoice_no, r.number, c.title, c.person_id AS name FROM oa.expense_invoice i JOIN oa.expense_claim c ON c.id = i.claim_id LEFT JOIN oa.request r ON r.id = c.request_id
        WHERE i.invoice_no = ANY($1::text[])`,
      [invoices.map((invoice) => invoice.invoiceNo)],
    );
    if (held.length === 0) return;
    const byNumber = new Map(held.map((row) => [row.invoice_no, row]));
    const errors = invoices.flatMap(({ invoiceNo, index }) => {
      const first = byNumber.get(invoiceNo);
      return first ? [{ field: `lines[${index}].invoiceNo`, message: `invoice ${invoiceNo} is claimed already by ${first.number ?? 'a claim being filed'} (${first.title})` }] : [];
    });
    const [first] = held;
    throw new OaError(OaErrorCode.InvoiceClaimed, HttpStatus.CONFLICT, `Invoice ${first.invoice_no} is claimed already by ${first.number ?? 'a claim being filed'} (${first.title})`, errors);
  }

  private async ended(event: ApprovalEnded): Promise<void> {
    const [claim] = await this.uow.manager.query('SELECT id, person_id, department_id, currency, total::text, status FROM oa.expense_claim WHERE id = $1 FOR UPDATE', [event.businessId]);
    if (!claim || claim.status !== 'pending') return;
    if (event.outcome !== 'approved') {
      await this.uow.manager.query('UPDATE oa.expense_claim SET status = $2, updated_by = $3, updated_at = now(), version = version + 1 WHERE id = $1', [claim.id, event.outcome, event.byId]);
      await this.uow.manager.query('DELETE FROM oa.expense_invoice WHERE claim_id = $1', [claim.id]);
      return;
    }
    await this.uow.manager.query(`UPDATE oa.expense_claim SET status = 'approved', approved_at = $2, updated_by = $3, updated_at = now(), version = version + 1 WHERE id = $1`, [
      claim.id,
      event.at,
      event.byId,
    ]);
    const lines: Array<Record<string, string | null>> = await this.uow.manager.query(
      `SELECT category, to_char(spent_on, 'YYYY-MM-DD') AS date, amount::text, currency, trim_scale(rate)::text AS rate, amount_cny::text, invoice_no, tax::text
         FROM oa.expense_line WHERE claim_id = $1 ORDER BY seq`,
      [claim.id],
    );
    await this.events.emit('oa.expense.approved', claim.id as string, {
      claimId: claim.id as string,
      number: event.number,
      applicantId: claim.person_id as string,
      departmentId: claim.department_id as string,
      currency: claim.currency as string,
      total: claim.total as string,
      lines: lines.map((line) => ({
        category: line.category as string,
        date: line.date as string,
        amount: line.amount as string,
        currency: line.currency as string,
        rate: line.rate as string,
        amountCny: line.amount_cny as string,
        invoiceNo: line.invoice_no,
        tax: line.tax,
      })),
      approvedAt: event.at.toISOString(),
    });
  }

  private async named(rows: ExpenseClaimDto[]): Promise<ExpenseClaimDto[]> {
    const people = new Map((await this.directory.people(rows.map((row) => row.person.id))).map((person) => [person.id, person.name]));
    for (const row of rows) row.person = { id: row.person.id, name: people.get(row.person.id) ?? '' };
    return rows;
  }
}
