import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErpPermission } from '@zhongshu/contracts';
import { ApiProblems, CurrentPrincipal, ParseUuidPipe, RequirePermission, type Principal } from '@zhongshu/platform';
import { SalesOrderDetailDto, SalesOrderPageDto, SalesOrderQueryDto } from './sales-order.dto.js';
import { SalesOrdersService } from './sales-orders.service.js';

/** Orders are made and moved by the deal flow (CRM's contract events), never by hand: these routes read. */
@ApiTags('erp')
@Controller('erp/sales-orders')
export class SalesOrdersController {
  constructor(private readonly orders: SalesOrdersService) {}

  @RequirePermission(ErpPermission.SalesOrderRead)
  @Get()
  @ApiOperation({
    summary: 'List sales orders',
    description: 'Within the data scope of erp:sales-order:read (the contract owner, their department). `search` matches part of the order number, the contract number or the customer; newest first by default.',
  })
  @ApiOkResponse({ type: SalesOrderPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: SalesOrderQueryDto): Promise<SalesOrderPageDto> {
    return this.orders.list(principal, query);
  }

  @RequirePermission(ErpPermission.SalesOrderRead)
  @Get(':id')
  @ApiOperation({ summary: 'Read a sales order', description: 'The order with its lines, its terms and every order of the same contract; 404 outside the caller’s data scope.' })
  @ApiOkResponse({ type: SalesOrderDetailDto })
  @ApiProblems(404)
  read(@CurrentPrincipal() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<SalesOrderDetailDto> {
    return this.orders.read(principal, id);
  }
}
