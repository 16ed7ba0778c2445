package main

import "github.com/kizuna-hr/kizuna/sdk"

func main() { sdk.Serve(New()) }
