import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, RequirePermission } from '../auth/decorators.js';
import { CompanyProfileDto, PublicCompanyProfileDto, UpdateCompanyProfileDto } from './company-profile.dto.js';
import { CompanyProfileService } from './company-profile.service.js';
import { PlatformPermission } from '@zhongshu/contracts';
import { ApiProblems } from '../http/api-problems.js';

@ApiTags('platform')
@Controller('platform/company')
export class CompanyProfileController {
  constructor(private readonly company: CompanyProfileService) {}

  /** Public: the sign-in page shows the company's name, in its language, before anyone is signed in. */
  @Public()
  @Get('public')
  @ApiOkResponse({ type: PublicCompanyProfileDto })
  @ApiOperation({ summary: 'Get the company\'s public profile', description: 'The company\'s name and language, all a sign-in page needs; readable without signing in.' })
  async getPublic(): Promise<PublicCompanyProfileDto> {
    return PublicCompanyProfileDto.from(await this.company.get());
  }

  @RequirePermission(PlatformPermission.CompanyRead)
  @Get()
  @ApiOkResponse({ type: CompanyProfileDto })
  @ApiOperation({ summary: 'Get the company profile', description: 'The whole profile: name, tax number, address, currency, time zone, fiscal year and its version.' })
  async get(): Promise<CompanyProfileDto> {
    return CompanyProfileDto.from(await this.company.get());
  }

  @RequirePermission(PlatformPermission.CompanyUpdate)
  @Patch()
  @ApiOkResponse({ type: CompanyProfileDto })
  @ApiOperation({ summary: 'Change the company profile', description: 'Changes the fields sent; `version` must be the one read, or the answer is 409 and nothing changes.' })
  @ApiProblems(409)
  async update(@Body() change: UpdateCompanyProfileDto): Promise<CompanyProfileDto> {
    return CompanyProfileDto.from(await this.company.update(change));
  }
}
