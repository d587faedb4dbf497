import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { OrgError } from '../org-error.js';
import { SignInService, type SignedInPerson } from './sign-in.service.js';

/** passport-local: `{ username, password }` in the JSON body. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly signIn: SignInService) {
    super({ usernameField: 'username', passwordField: 'password', session: false });
  }

  async validate(username: string, password: string): Promise<SignedInPerson> {
    if (username.length > 100 || password.length > 1024) {
      throw OrgError.invalidReference('username', 'The username or password is far too long');
    }
    return this.signIn.verifyCredentials(username, password);
  }
}
