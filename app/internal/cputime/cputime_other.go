//go:build !unix

package cputime

import "time"

// Process returns 0 where the CPU time is not known.
func Process() time.Duration { return 0 }

// Children returns 0 where the CPU time is not known.
func Children() time.Duration { return 0 }
