import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CrmContractPermission } from '@zhongshu/contracts';
import { ApiProblems, CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
import { DealThreadDto } from './deal-thread.dto.js';
import { DealThreads } from './deal-thread.service.js';

@ApiTags('crm')
@Controller('deals')
export class DealThreadController {
  constructor(private readonly threads: DealThreads) {}

  @RequirePermission(CrmContractPermission.ContractRead)
  @Get(':contractId/thread')
  @ApiOperation({
    summary: 'The deal as one thread',
    description: "Everything done for a contract across CRM, OA and ERP, oldest first (who did what, when, with links): built from the audit trail's correlation ids and each context's own records. The contract's data scope decides: 404 outside it.",
  })
  @ApiOkResponse({ type: DealThreadDto })
  @ApiProblems(404)
  thread(@CurrentPrincipal() principal: Principal, @Param('contractId', ParseUuidPipe) contractId: string): Promise<DealThreadDto> {
    return this.threads.thread(principal, contractId);
  }
}
