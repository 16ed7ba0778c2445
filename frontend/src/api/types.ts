// Shapes of the Kizuna HTTP API (see the OpenAPI document at /api/openapi.json).

export type Permission =
  | 'alumni.read'
  | 'alumni.read_private'
  | 'alumni.write'
  | 'alumni.delete'
  | 'alumni.import'
  | 'alumni.export'
  | 'companies.manage'
  | 'users.manage'
  | 'tokens.manage'
  | 'backup.run'
  | 'audit.read'
  | 'plugins.manage'
  | 'mail.read'
  | 'mail.write'
  | 'mail.send'
  | 'mail.settings'
  | 'portal.manage'
  | 'events.read'
  | 'events.manage'

  | 'feed.read'
  | 'feed.write'
  | 'feed.moderate';

export const roles = ['owner', 'hr_admin', 'hr_staff', 'coordinator', 'viewer'] as const;
export type Role = (typeof roles)[number];

export interface User {
  id: number;
  email: string;
  display_name: string;
  role: Role;
  disabled?: boolean;
  created_at?: string;
}

/** An API token as listed (never its secret). Times are '' when not set. */
export interface ApiToken {
  id: number;
  name: string;
  role: Role;
  created_at?: string;
  last_used_at?: string;
  revoked_at?: string;
}

export interface Me {
  user: User;
  permissions: Permission[];
  desktop: boolean;
}

export interface Company {
  id: number;
  code: string;
  name: string;
  name_reading: string;
}

export type RehireEligibility = 'unknown' | 'eligible' | 'conditional' | 'ineligible';
export const rehireEligibilities: RehireEligibility[] = ['unknown', 'eligible', 'conditional', 'ineligible'];

/** The full record as GET /api/alumni/{id} returns it. */
export interface Alumnus {
  id: number;
  company_id: number;
  company_name?: string;
  employee_number: string;
  name: string;
  name_reading: string;
  email: string;
  other_emails: string[] | null;
  department: string;
  position: string;
  join_date: string;
  leave_date: string;
  leave_reason: string;
  rehire_eligibility: RehireEligibility | '';
  current_employer: string;
  industry: string;
  job_type: string;
  skills: string[] | null;
  interests: string[] | null;
  tags: string[] | null;
  former_manager: string;
  notes: string;
  created_at?: string;
  updated_at?: string;
  hr_only_fields?: string[];
}

/** What create and replace take: the record without server-kept fields. */
export type AlumnusInput = Omit<Alumnus, 'id' | 'company_name' | 'created_at' | 'updated_at' | 'hr_only_fields'>;

/** One row of the alumni list. */
export interface AlumnusSummary {
  id: number;
  company_id: number;
  company_name: string;
  employee_number: string;
  name: string;
  name_reading: string;
  email: string;
  department: string;
  position: string;
  join_date: string;
  leave_date: string;
  industry: string;
  job_type: string;
  current_employer: string;
  tags: string[] | null;
}

/** The orders the server offers; each has a descending "-" form. */
export const alumniSortKeys = ['reading', 'employee_number', 'company', 'department', 'join_date', 'leave_date', 'job_type', 'updated_at'] as const;
type AlumniSortKey = (typeof alumniSortKeys)[number];
export type AlumniSort = AlumniSortKey | `-${AlumniSortKey}`;

export interface AlumniQuery {
  q?: string;
  company_id?: string;
  department?: string;
  industry?: string;
  job_type?: string;
  tag?: string;
  /** any of these interests (the alumni record's Japanese wording) */
  interest?: string;
  join_year_from?: string;
  join_year_to?: string;
  leave_year_from?: string;
  leave_year_to?: string;
  sort?: AlumniSort;
  offset?: number;
  limit?: number;
}

export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface Facets {
  departments: FacetValue[];
  industries: FacetValue[];
  job_types: FacetValue[];
  tags: FacetValue[];
  interests?: FacetValue[];
}

/** A problem with an import file: a bad row, or (Field empty) a column warning. */
export interface ImportIssue {
  line: number;
  field: string;
  value: string;
  reason: string;
}

export interface ImportReport {
  format: string;
  encoding: string;
  total_rows: number;
  valid_rows: number;
  invalid_rows: number;
  created: number;
  updated: number;
  written: boolean;
  dry_run: boolean;
  errors: ImportIssue[] | null;
  /** Errors beyond the ones listed. */
  errors_omitted?: number;
  warnings: ImportIssue[] | null;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  message_en?: string;
  fields?: Record<string, string>;
}

export interface Job {
  id: string;
  state: 'running' | 'done' | 'failed';
  phase: 'parse' | 'write' | '';
  done: number;
  total: number;
  report: ImportReport | null;
  error: ApiErrorBody | null;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: string;
}

export type ExportFormat = 'csv' | 'csv-sjis' | 'json';
