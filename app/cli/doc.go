// Package cli is the kizuna command: with no arguments it opens the HR
// desktop window and the portal listener; its subcommands serve headless,
// import and export alumni, back up and restore, create users and tokens,
// seed the demo network and print the version. Every command takes --data
// (or KIZUNA_DATA). Exit codes: 0 success, 1 failure, 2 wrong usage,
// 3 input rejected (e.g. invalid rows, nothing written), 4 data directory
// already in use.
package cli
