// Command hello is the SDK's example plugin: it counts alumnus events in its
// key-value store and shows the counts on a page under /plugins/jp.kizuna.hello/.
package main

import "github.com/kizuna-hr/kizuna/sdk"

func main() { sdk.Serve(New()) }
