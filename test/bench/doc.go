// Package bench holds benchmarks that run the real kizuna binary as a
// separate process: server start to the first 200 on /healthz, and the
// server's idle memory, with 100,000 alumni. Run them with `make bench`.
package bench
