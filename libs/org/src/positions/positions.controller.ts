import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ParseUuidPipe, RequirePermission } from '@zhongshu/platform';
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
  @ApiOperation({ summary: 'List positions', description: 'Every position (职位) with its grade (职级).' })
  list(): Promise<PositionDto[]> {
    return this.positions.list();
  }

  @RequirePermission(OrgPermission.PositionCreate)
  @Post()
  @ApiCreatedResponse({ type: PositionDto })
  @ApiOperation({ summary: 'Create a position', description: 'A position with a unique code.' })
  @ApiProblems(409)
  async create(@Body() body: CreatePositionDto): Promise<PositionDto> {
    return PositionDto.from(await this.positions.create(body));
  }

  @RequirePermission(OrgPermission.PositionUpdate)
  @Patch(':id')
  @ApiOkResponse({ type: PositionDto })
  @ApiOperation({ summary: 'Change a position', description: 'Changes the position\'s name, grade or status; `version` must be the one read.' })
  @ApiProblems(404, 409)
  async update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdatePositionDto): Promise<PositionDto> {
    return PositionDto.from(await this.positions.update(id, body));
  }
}
