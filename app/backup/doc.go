// Package backup owns backing up and restoring a Kizuna data directory as
// HR does it from the console, the desktop window or the CLI: every backup
// and restore is audited, a restore keeps the audit entries written since
// the backup was made (the audit log never goes backwards), and whatever the
// application holds in memory is refreshed afterwards.
//
// A backup is one SQLite file: the host database copied with SQLite's online
// backup, plus — in a table of its own, kizuna_backup_files — every file of
// the plugins folder (each plugin's program and its private data folder).
// A plugin's SQLite databases are copied with VACUUM INTO, a consistent
// snapshot taken while the plugin keeps running; other files are copied as
// they are (plugins should write them atomically). A restore unpacks and
// checks those files before anything is replaced, stops the plugins, swaps
// the folder and starts the restored plugins again.
package backup
