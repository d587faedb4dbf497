import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ParseUuidPipe, RequirePermission } from '@zhongshu/platform';
import { CreatePositionDto, PositionDto, UpdatePositionDto } from './position.dto.js';
import { PositionsService } from './positions.service.js';
import { OrgPermission } from '@zhongshu/contracts';

@ApiTags('org')
@Controller('org/positions')
export class PositionsController {
  constructor(private readonly positions: PositionsService) {}

  @RequirePermission(OrgPermission.PositionRead)
  @Get()
  @ApiOkResponse({ type: [PositionDto] })
  list(): Promise<PositionDto[]> {
    return this.positions.list();
  }

  @RequirePermission(OrgPermission.PositionCreate)
  @Post()
  @ApiCreatedResponse({ type: PositionDto })
  async create(@Body() body: CreatePositionDto): Promise<PositionDto> {
    return PositionDto.from(await this.positions.create(body));
  }

  @RequirePermission(OrgPermission.PositionUpdate)
  @Patch(':id')
  @ApiOkResponse({ type: PositionDto })
  async update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdatePositionDto): Promise<PositionDto> {
    return PositionDto.from(await this.positions.update(id, body));
  }
}
