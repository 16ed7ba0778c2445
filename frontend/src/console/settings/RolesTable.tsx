import { Code, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { roles } from '../../api/types';
import { permissionOrder, rolePermissions } from './roles';

/** Who may do what: permissions down, roles across, from the server's table. */
export function RolesTable() {
  const { t } = useTranslation();
  return (
    <div>
      <Title order={4} size="h6" mt="lg">
        {t('settings.rolesTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('settings.rolesIntro')}
      </Text>
      <Table.ScrollContainer minWidth={720}>
        <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm" data-testid="roles-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th miw={220}>{t('settings.permission')}</Table.Th>
              {roles.map((r) => (
                <Table.Th key={r} ta="center" style={{ whiteSpace: 'nowrap' }}>
                  {t(`roles.${r}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {permissionOrder.map((p) => (
              <Table.Tr key={p}>
                <Table.Td>
                  {t(`permissions.${p}`)}
                  <Code ml={6} fz="xs" c="dimmed">
                    {p}
                  </Code>
                </Table.Td>
                {roles.map((r) => (
                  <Table.Td key={r} ta="center" c={rolePermissions[r].includes(p) ? 'teal.8' : 'gray.4'}>
                    {rolePermissions[r].includes(p) ? '○' : '—'}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
