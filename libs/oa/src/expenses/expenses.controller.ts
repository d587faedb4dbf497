import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OaPermission } from '@zhongshu/contracts';
import { ApiProblems, CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
import { ExpenseClaimDto, ExpenseSubmittedDto, SubmitExpenseDto } from './expense.dto.js';
import { ExpenseClaims } from './expense-claims.js';

/** 报销: the applicant's claims; others' with oa:expense:read within its scope. */
@ApiTags('oa')
@Controller('oa/expenses')
export class ExpensesController {
  constructor(private readonly claims: ExpenseClaims) {}

  @RequirePermission(OaPermission.ExpenseSubmit)
  @Post()
  @ApiCreatedResponse({ type: ExpenseSubmittedDto })
  @ApiOperation({ summary: 'File an expense claim', description: 'Checks the lines (dates, receipts, rates, tax), converts them to CNY at the stated rates, claims their invoice numbers company-wide and sends the claim for approval.' })
  @ApiProblems(
    { status: 409, description: 'An invoice number is claimed already by another claim, which the answer names' },
    { status: 422, description: 'A line is refused (`errors` by `lines[i].field`): a future date, a missing rate, tax above the amount, a receipt that is not a PDF, JPEG or PNG of at most 5 MiB' },
  )
  submit(@CurrentPrincipal() principal: Principal, @Body() body: SubmitExpenseDto): Promise<ExpenseSubmittedDto> {
    return this.claims.submit(principal, body);
  }

  @RequirePermission(OaPermission.ExpenseSubmit)
  @Get()
  @ApiOkResponse({ type: [ExpenseClaimDto] })
  @ApiOperation({ summary: 'List my expense claims', description: 'The caller’s claims, latest first, with their lines and approval.' })
  mine(@CurrentPrincipal() principal: Principal): Promise<ExpenseClaimDto[]> {
    return this.claims.mine(principal);
  }

  @RequirePermission(OaPermission.ExpenseSubmit)
  @Get(':id')
  @ApiOkResponse({ type: ExpenseClaimDto })
  @ApiOperation({ summary: 'Get an expense claim', description: 'The applicant’s own, one whose approval the caller may read (its approvers, those copied), or within the reach of oa:expense:read.' })
  @ApiProblems(404)
  read(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<ExpenseClaimDto> {
    return this.claims.read(principal, id);
  }
}
