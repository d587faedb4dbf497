import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CrmContractPermission } from '@zhongshu/contracts';
import { ApiProblems, CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
import { ContractDetailDto, ContractPageDto, ContractQueryDto, CreateContractDto, EndContractDto, RecordReceiptDto, UpdateContractDto, VersionDto } from './contract.dto.js';
import { ContractsService } from './contracts.service.js';

@ApiTags('crm')
@Controller('crm/contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @RequirePermission(CrmContractPermission.ContractRead)
  @Get()
  @ApiOperation({ summary: 'List contracts', description: 'Within the data scope of crm:contract:read (the owner, their team); `search` matches part of the number or title.' })
  @ApiOkResponse({ type: ContractPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ContractQueryDto): Promise<ContractPageDto> {
    return this.contracts.list(principal, query);
  }

  @RequirePermission(CrmContractPermission.ContractRead)
  @Get(':id')
  @ApiOperation({ summary: 'Read a contract', description: 'With its lines, receivable plan (overdue instalments flagged) and every signing with its review; 404 outside the data scope.' })
  @ApiOkResponse({ type: ContractDetailDto })
  @ApiProblems(404)
  read(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<ContractDetailDto> {
    return this.contracts.read(principal, id);
  }

  @RequirePermission(CrmContractPermission.ContractCreate)
  @Post()
  @ApiOperation({
    summary: 'Create a contract',
    description: "A draft for a customer (and the opportunity it closes), its lines priced from ERP's catalogue with line and overall discounts, tax per product, decimal totals; the receivable plan must add up to the total (422 `crm.plan-mismatch` on `instalments`).",
  })
  @ApiCreatedResponse({ type: ContractDetailDto })
  @ApiProblems(404, 422)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateContractDto): Promise<ContractDetailDto> {
    return this.contracts.create(principal, body);
  }

  @RequirePermission(CrmContractPermission.ContractCreate)
  @Patch(':id')
  @ApiOperation({ summary: 'Revise a contract', description: 'A draft or a contract sent back for revision; replaces the lines and the plan. Names the version read (409 when stale, 409 `crm.contract-state` once signed).' })
  @ApiOkResponse({ type: ContractDetailDto })
  @ApiProblems(404, 409, 422)
  update(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateContractDto): Promise<ContractDetailDto> {
    return this.contracts.update(principal, id, body);
  }

  @RequirePermission(CrmContractPermission.ContractSign)
  @Post(':id/sign')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign a contract (签单)',
    description: 'Freezes this version and moves the contract under approval; emits `crm.contract.signed`, from which OA starts the contract review and ERP a sales order waiting for it. Signing again after a revision starts a new review and a new order version.',
  })
  @ApiOkResponse({ type: ContractDetailDto })
  @ApiProblems(404, 409)
  sign(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: VersionDto): Promise<ContractDetailDto> {
    return this.contracts.sign(principal, id, body.version);
  }

  @RequirePermission(CrmContractPermission.ContractEnd)
  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a contract', description: 'An active contract whose term is fulfilled.' })
  @ApiOkResponse({ type: ContractDetailDto })
  @ApiProblems(404, 409)
  complete(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: VersionDto): Promise<ContractDetailDto> {
    return this.contracts.complete(principal, id, body.version);
  }

  @RequirePermission(CrmContractPermission.ContractEnd)
  @Post(':id/terminate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Terminate a contract', description: 'Ends it before its term with a reason; emits `crm.contract.terminated` (ERP cancels its orders).' })
  @ApiOkResponse({ type: ContractDetailDto })
  @ApiProblems(404, 409)
  terminate(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: EndContractDto): Promise<ContractDetailDto> {
    return this.contracts.terminate(principal, id, body.version, body.reason);
  }

  @RequirePermission(CrmContractPermission.ReceivableRecord)
  @Post(':id/receipts')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a payment received (回款)', description: 'Against one instalment of an active or completed contract; never more than is left of it (422 `crm.receipt-too-large`).' })
  @ApiOkResponse({ type: ContractDetailDto })
  @ApiProblems(404, 409, 422)
  receipt(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: RecordReceiptDto): Promise<ContractDetailDto> {
    return this.contracts.recordReceipt(principal, id, body);
  }
}
