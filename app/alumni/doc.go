// Package alumni owns the alumni registry: the record of each former employee
// (with HR-only fields such as the leave reason and rehire eligibility), its
// validation, its storage in SQLite, and the in-memory directory that answers
// list and search queries over 100,000 records in a few milliseconds.
package alumni
