// Package store owns Kizuna's SQLite database file: opening it safely (one
// writer, WAL, foreign keys), refusing files that are not Kizuna's or are newer
// than this binary, applying the embedded versioned migrations (with a backup
// taken first), the single-instance lock on a data directory, and online
// backup and restore.
package store
