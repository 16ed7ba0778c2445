// Addresses of the mail section's pages (absolute, like ../paths.ts).

export const mailBase = '/console/mail';

export const mailUrls = {
  campaigns: mailBase,
  campaign: (id: number | string) => `${mailBase}/campaigns/${id}`,
  editCampaign: (id: number | 'new') => (id === 'new' ? `${mailBase}/campaigns/new` : `${mailBase}/campaigns/${id}/edit`),
  segments: `${mailBase}/segments`,
  segment: (id: number | 'new') => `${mailBase}/segments/${id}`,
  inbox: `${mailBase}/inbox`,
  suppressions: `${mailBase}/suppressions`,
  settings: `${mailBase}/settings`,
};
