import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems, AuditAction, AuditedByHandler, CurrentPrincipal, Public, RequirePermission, type Principal } from '@zhongshu/platform';
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
  @ApiOperation({ summary: 'Sign in', description: 'Exchanges a username and password for an access token and a rotating refresh token. Failures are throttled per account and address with growing delays; a throttled attempt answers 429 with `Retry-After`.' })
  @ApiProblems({ status: 401, description: "Wrong username or password (the two are not told apart)" }, 429)
  async login(@Body() _credentials: LoginDto, @Req() request: FastifyRequest & { user?: SignedInPerson }): Promise<TokenPairDto> {
    return this.signIn.signIn(request.user as SignedInPerson);
  }

  @Public()
  @AuditAction('org:session:refresh')
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  @ApiOperation({ summary: 'Refresh the tokens', description: 'Exchanges a refresh token for a new pair; each refresh token works once, and reusing one revokes its whole session.' })
  @ApiProblems({ status: 401, description: "The refresh token is unknown, expired, revoked or was used before" })
  async refresh(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return this.sessions.refresh(body.refreshToken);
  }

  /** Public so a client whose access token has expired can still end its session. */
  @Public()
  @AuditAction('org:session:logout')
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Sign out', description: 'Ends the session of the refresh token sent. Public, so a client whose access token has expired can still sign out.' })
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.sessions.logout(body.refreshToken);
  }

  /** Ends every session of the caller, this one included: sign in again with the new password. */
  @RequirePermission(OrgPermission.PasswordChange)
  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Change my password', description: 'Checks the current password and the password policy, then ends every session of the caller, this one included: sign in again with the new password.' })
  @ApiProblems({ status: 422, description: "The current password is wrong or the new one breaks the password policy" })
  async changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto): Promise<void> {
    await this.passwords.changeOwn(principal.userId, body.currentPassword, body.newPassword);
  }

  /** First run outside demo mode: the one-time token from the log sets the admin's password. */
  @Public()
  @AuditAction('org:setup:admin')
  @Post('setup')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  @ApiOperation({ summary: 'Set the first administrator\'s password', description: 'First run outside demo mode: the one-time token printed in the log sets the administrator\'s password and signs them in. Refused once done.' })
  @ApiProblems({ status: 401, description: "The setup token is wrong, used or expired" }, { status: 409, description: "The administrator is already set up" }, { status: 422, description: "The password breaks the password policy" })
  async setupAdmin(@Body() body: SetupAdminDto): Promise<TokenPairDto> {
    return this.setup.completeWithToken(body.setupToken, body.password);
  }
}
