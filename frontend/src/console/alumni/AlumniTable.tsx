import { Table, UnstyledButton } from '@mantine/core';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { AlumniSort, AlumnusSummary } from '../../api/types';
import { formatDate } from '../../ui/format';
import { alumnusUrl } from '../paths';
import classes from './alumni.module.css';

/** The server sorts; these are the orders it offers per column (ascending, descending). */
const sortOrders: Record<string, [AlumniSort, AlumniSort]> = {
  name: ['reading', '-reading'],
  employee_number: ['employee_number', '-employee_number'],
  company_name: ['company', '-company'],
  department: ['department', '-department'],
  join_date: ['join_date', '-join_date'],
  leave_date: ['leave_date', '-leave_date'],
  job_type: ['job_type', '-job_type'],
};

/** Next order after a click on a column header: ascending, descending, none. */
function nextSort(column: string, current: AlumniSort | undefined): AlumniSort | undefined {
  const [asc, desc] = sortOrders[column];
  if (current !== asc && current !== desc) return asc;
  if (current === asc) return desc;
  return undefined;
}

const col = createColumnHelper<AlumnusSummary>();

interface Props {
  items: AlumnusSummary[];
  sort: AlumniSort | undefined;
  onSort: (sort: AlumniSort | undefined) => void;
  /** Narrow screens: only name, company and leave date. */
  compact: boolean;
}

/** Short values that read badly when broken over lines. */
const nowrapColumns = new Set(['name', 'employee_number', 'join_date', 'leave_date']);

const compactVisibility = { employee_number: false, department: false, join_date: false, job_type: false, tags: false };

export function AlumniTable({ items, sort, onSort, compact }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();

  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: () => t('fields.name'),
        cell: ({ row }) => (
          <>
            <span className={classes.reading}>{row.original.name_reading}</span>
            <Link className={classes.name} to={alumnusUrl(row.original.id)} onClick={(e) => e.stopPropagation()}>
              {row.original.name}
            </Link>
          </>
        ),
      }),
      col.accessor('employee_number', { header: () => t('fields.employee_number') }),
      col.accessor('company_name', { header: () => t('fields.company_id') }),
      col.accessor('department', { header: () => t('fields.department') }),
      col.accessor('join_date', { header: () => t('fields.join_date'), cell: (c) => formatDate(c.getValue()) }),
      col.accessor('leave_date', { header: () => t('fields.leave_date'), cell: (c) => formatDate(c.getValue()) }),
      col.accessor('job_type', { header: () => t('fields.job_type') }),
      col.accessor('tags', {
        header: () => t('fields.tags'),
        cell: (c) =>
          (c.getValue() ?? []).map((tag) => (
            <span key={tag} className={classes.tag}>
              {tag}
            </span>
          )),
      }),
    ],
    [t],
  );

  const table = useReactTable({
    data: items,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    getRowId: (row) => String(row.id),
    state: { columnVisibility: compact ? compactVisibility : {} },
  });

  // The rows change only with new data: a new search or page re-renders the
  // header at once and the 50 rows once, when the answer arrives.
  const rows = table.getRowModel().rows;
  const body = useMemo(
    () => (
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.id} className={classes.row} onClick={() => navigate(alumnusUrl(row.id))}>
            {row.getVisibleCells().map((cell) => (
              <Table.Td key={cell.id} className={nowrapColumns.has(cell.column.id) ? classes.nowrap : undefined}>
                {flexRender(cell.column.columnDef.cell, cell.getContext())}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    ),
    [rows, columns, compact, navigate],
  );

  return (
    <Table.ScrollContainer minWidth={compact ? 0 : 960}>
      <Table highlightOnHover verticalSpacing="xs" className={classes.table}>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const id = header.column.id;
                const label = flexRender(header.column.columnDef.header, header.getContext());
                if (!sortOrders[id]) return <Table.Th key={header.id}>{label}</Table.Th>;
                const [asc, desc] = sortOrders[id];
                const dir = sort && sort === asc ? 'ascending' : sort && sort === desc ? 'descending' : 'none';
                return (
                  <Table.Th key={header.id} aria-sort={dir}>
                    <UnstyledButton className={classes.sort} onClick={() => onSort(nextSort(id, sort))} title={t('alumni.sortHint')}>
                      {label}
                      <span aria-hidden className={dir === 'none' ? classes.sortIdle : undefined}>
                        {dir === 'descending' ? '▼' : '▲'}
                      </span>
                    </UnstyledButton>
                  </Table.Th>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        {body}
      </Table>
    </Table.ScrollContainer>
  );
}
