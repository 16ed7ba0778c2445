import type { welcomeJa } from './welcome.ja';

// The welcome survey HR edits (console members tab) and what members see of HR's choices (issue 5), English.
export const welcomeEn: typeof welcomeJa = {
  editor: {
    title: 'Edit the welcome survey',
    intro: 'Alumni see this survey at their first login. Publishing makes a new version for those who answer from now on; members who already answered are not asked again.',
    version: 'Current version: {{version}}',
    publishedAt: 'Published: {{at}}',
    introText: 'Help text',
    introHelp: 'Left empty, the standard wording is shown',
    ja: 'Japanese',
    en: 'English',
    ask: 'Questions asked',
    askJoinYear: 'Join year',
    askIndustry: 'Current industry',
    askJobType: 'Current job type',
    askComment: 'Comment',
    interests: 'Choices for "interests"',
    openTo: 'Choices for "open to"',
    questionLabel: 'Question',
    key: 'Key',
    keyHelp: 'lower-case letters, digits, _ (fixed once published)',
    retired: 'Retired',
    addOption: 'Add a choice',
    removeNew: 'Remove',
    publish: 'Publish as a new version',
    published: 'Version {{version}} published',
    reset: 'Discard changes',
    preview: 'Preview (phone width)',
  },
  fields: {
    title: 'Answers shown on profiles',
    intro: 'For each answer, choose whether other alumni may see it. A field shows only if HR allows it and the member shows it too.',
    alumni: 'Shown to alumni',
    hr: 'HR only',
    saved: 'Saved which answers profiles show',
  },
  summary: {
    title: 'Answers so far',
    counts: '{{answered}} answered, {{skipped}} skipped',
    people: '{{count}}',
    showList: 'Show in the list',
    retired: 'Retired',
  },
  portal: {
    hrHidden: 'HR keeps this off profiles',
  },
};
