import { Box } from '@mantine/core';
import { PasswordSection } from './PasswordSection';

/** /portal/password: the password section alone, until "my settings" shows it. */
export default function PasswordPage() {
  return (
    <Box maw={520} mx="auto">
      <PasswordSection />
    </Box>
  );
}
