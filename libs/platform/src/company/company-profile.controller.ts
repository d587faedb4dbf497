import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, RequirePermission } from '../auth/decorators.js';
import { CompanyProfileDto, PublicCompanyProfileDto, UpdateCompanyProfileDto } from './company-profile.dto.js';
import { CompanyProfileService } from './company-profile.service.js';
import { PlatformPermission } from '@zhongshu/contracts';

@ApiTags('platform')
@Controller('platform/company')
export class CompanyProfileController {
  constructor(private readonly company: CompanyProfileService) {}

  /** Public: the sign-in page shows the company's name, in its language, before anyone is signed in. */
  @Public()
  @Get('public')
  @ApiOkResponse({ type: PublicCompanyProfileDto })
  async getPublic(): Promise<PublicCompanyProfileDto> {
    return PublicCompanyProfileDto.from(await this.company.get());
  }

  @RequirePermission(PlatformPermission.CompanyRead)
  @Get()
  @ApiOkResponse({ type: CompanyProfileDto })
  async get(): Promise<CompanyProfileDto> {
    return CompanyProfileDto.from(await this.company.get());
  }

  @RequirePermission(PlatformPermission.CompanyUpdate)
  @Patch()
  @ApiOkResponse({ type: CompanyProfileDto })
  async update(@Body() change: UpdateCompanyProfileDto): Promise<CompanyProfileDto> {
    return CompanyProfileDto.from(await this.company.update(change));
  }
}
