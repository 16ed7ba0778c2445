import type { membersJa } from './members.ja';

// The console's members section (console/members/): its title and one label per tab.
export const membersEn: typeof membersJa = {
  nav: 'Members',
  section: {
    title: 'Members',
    intro: 'Everything about alumni joining the portal: invitations, approving registrations, and requests to leave or delete data.',
    noTab: 'This account cannot open any of these tabs.',
  },
  tabs: {
    settings: 'Portal settings',
    invitations: 'Invitations',
    registrations: 'Approval queue',
    deletions: 'Deletion requests',
    purpose: 'Purpose of use',
    welcomeSurvey: 'Welcome survey',
  },
};
