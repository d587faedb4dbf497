import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin' }) @IsString() @MinLength(1) @MaxLength(100) username!: string;
  @ApiProperty({ example: 'Demo@2026' }) @IsString() @MinLength(1) @MaxLength(1024) password!: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) refreshToken!: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty() refreshToken!: string;
  @ApiProperty({ description: 'Lifetime of the access token, in seconds' }) expiresIn!: number;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MaxLength(1024) currentPassword!: string;
  @ApiProperty({ minLength: 8, maxLength: 128 }) @IsString() @MaxLength(1024) newPassword!: string;
}

export class SetupAdminDto {
  @ApiProperty({ description: 'The one-time token printed in the server log on first start' })
  @IsString()
  @MaxLength(200)
  setupToken!: string;

  @ApiProperty({ minLength: 8, maxLength: 128 }) @IsString() @MaxLength(1024) password!: string;
}
