// The portal's shell and login (issue 5, "Getting in"), English.
import type { Messages } from './ja';

export const portalAccessEn: Messages['portalAccess'] = {
  menu: 'Menu',
  home: 'Home',
  login: 'Log in',
  logout: 'Log out',
  logoutAll: 'Log out everywhere',
  loggedInAs: '{{name}}',
  visitorLead: 'A network for alumni: stay in touch with the company and your former colleagues after you leave.',
  visitorHow: 'Members log in with a code sent to their registered email address. No password needed.',
  loginTitle: 'Log in to the portal',
  loginLead: 'Enter your registered email address. We will send you a 6-digit login code and a login link.',
  email: 'Email address',
  sendCode: 'Send the code',
  sentTitle: 'Check your mail',
  sent: 'If {{email}} belongs to a member, we have sent a login code (valid for 15 minutes).',
  code: 'Login code (6 digits)',
  verify: 'Log in',
  otherEmail: 'Use another address',
  verifying: 'Logging you in…',
  linkFailed: 'Could not log you in',
  tryAgain: 'Ask for a new code',
};
