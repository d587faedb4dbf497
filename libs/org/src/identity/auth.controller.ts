import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuditAction, AuditedByHandler, CurrentPrincipal, Public, RequirePermission, type Principal } from '@zhongshu/platform';
import { ChangePasswordDto, LoginDto, RefreshDto, SetupAdminDto, TokenPairDto } from './auth.dto.js';
import { FirstRunSetup } from './first-run-setup.service.js';
import { LocalAuthGuard } from './local-auth.guard.js';
import { PasswordService } from './password.service.js';
import { SessionsService } from './sessions.service.js';
import { SignInService, type SignedInPerson } from './sign-in.service.js';
import { OrgPermission } from '@zhongshu/contracts';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordService,
    private readonly setup: FirstRunSetup,
  ) {}

  @Public()
  @AuditedByHandler()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  async login(@Body() _credentials: LoginDto, @Req() request: FastifyRequest & { user?: SignedInPerson }): Promise<TokenPairDto> {
    return this.signIn.signIn(request.user as SignedInPerson);
  }

  @Public()
  @AuditAction('org:session:refresh')
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  async refresh(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return this.sessions.refresh(body.refreshToken);
  }

  /** Public so a client whose access token has expired can still end its session. */
  @Public()
  @AuditAction('org:session:logout')
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.sessions.logout(body.refreshToken);
  }

  /** Ends every session of the caller, this one included: sign in again with the new password. */
  @RequirePermission(OrgPermission.PasswordChange)
  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse()
  async changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto): Promise<void> {
    await this.passwords.changeOwn(principal.userId, body.currentPassword, body.newPassword);
  }

  /** First run outside demo mode: the one-time token from the log sets the admin's password. */
  @Public()
  @AuditAction('org:setup:admin')
  @Post('setup')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  async setupAdmin(@Body() body: SetupAdminDto): Promise<TokenPairDto> {
    return this.setup.completeWithToken(body.setupToken, body.password);
  }
}
