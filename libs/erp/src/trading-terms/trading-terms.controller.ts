import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErpPermission } from '@zhongshu/contracts';
import { ApiProblems, CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
import { TradingTermsDto, TradingTermsPageDto, TradingTermsQueryDto, UpdateTradingTermsDto } from './trading-terms.dto.js';
import { TradingTermsService } from './trading-terms.service.js';

@ApiTags('erp')
@Controller('erp/trading-terms')
export class TradingTermsController {
  constructor(private readonly terms: TradingTermsService) {}

  @RequirePermission(ErpPermission.TradingTermsRead)
  @Get()
  @ApiOperation({ summary: "List customers' trading terms", description: "One row per CRM customer (kept from CRM's customer events), within the data scope of erp:trading-terms:read (the customer's owner, their team); with the open orders against the credit limit." })
  @ApiOkResponse({ type: TradingTermsPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: TradingTermsQueryDto): Promise<TradingTermsPageDto> {
    return this.terms.list(principal, query);
  }

  @RequirePermission(ErpPermission.TradingTermsRead)
  @Get(':customerId')
  @ApiOperation({ summary: "Read a customer's trading terms", description: "By CRM's customer id; 404 outside the caller's data scope." })
  @ApiOkResponse({ type: TradingTermsDto })
  @ApiProblems(404)
  read(@CurrentPrincipal() principal: Principal, @Param('customerId', ParseUuidPipe) customerId: string): Promise<TradingTermsDto> {
    return this.terms.read(principal, customerId);
  }

  @RequirePermission(ErpPermission.TradingTermsUpdate)
  @Patch(':customerId')
  @ApiOperation({ summary: "Change a customer's trading terms", description: 'Bill-to, ship-to, payment terms, credit limit (a decimal string). Names the version read: 409 when stale.' })
  @ApiOkResponse({ type: TradingTermsDto })
  @ApiProblems(404, 409)
  update(@CurrentPrincipal() principal: Principal, @Param('customerId', ParseUuidPipe) customerId: string, @Body() body: UpdateTradingTermsDto): Promise<TradingTermsDto> {
    return this.terms.update(principal, customerId, body);
  }
}
