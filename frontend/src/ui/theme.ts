import { createTheme } from '@mantine/core';

// Japanese first: Noto Sans JP where installed, then the fonts each OS ships.
const fontFamily = [
  '"Noto Sans JP"',
  '"Noto Sans CJK JP"',
  '"Hiragino Kaku Gothic ProN"',
  '"Hiragino Sans"',
  '"Yu Gothic UI"',
  'Meiryo',
  'system-ui',
  'sans-serif',
].join(', ');

export const theme = createTheme({
  fontFamily,
  headings: { fontFamily, fontWeight: '700' },
  primaryColor: 'indigo',
  defaultRadius: 'md',
});
