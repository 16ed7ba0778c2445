import { Center, Paper, Text } from '@mantine/core';
import { ErrorAlert } from './ErrorAlert';
import { Loading } from './Loading';
import type { ApiState } from './useApi';

/**
 * What a list page shows before or instead of its rows: the load error with a
 * retry, a spinner on the first load, or a note when there is nothing yet.
 */
export function ListStatus<T>({ state, count, emptyText }: { state: ApiState<T>; count: number; emptyText: string }) {
  if (state.error) return <ErrorAlert error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading />;
  if (count > 0) return null;
  return (
    <Paper withBorder p="xl">
      <Center>
        <Text c="dimmed">{emptyText}</Text>
      </Center>
    </Paper>
  );
}
