// Package demo makes a realistic, reproducible alumni network: Japanese names
// with readings, two group companies, hires from the 1990s to the 2020s, the
// departments, industries, skills and tags HR would see. `kizuna demo` seeds
// it, and the benchmarks use it to build large data sets.
package demo
