// Command exitnow is a "plugin" that exits at once.
package main

import "os"

func main() { os.Exit(1) }
