// Package cputime tells benchmarks how much CPU the process has used, all
// threads and cgo included: on a shared machine it says more than wall time.
// Where the platform cannot tell, it reports zero.
package cputime
