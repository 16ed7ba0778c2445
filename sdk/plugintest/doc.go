// Package plugintest is the SDK's test kit: a Host that keeps everything in
// memory and a Harness that drives a plugin in process (activate, deliver
// events, send HTTP requests as a given caller, run jobs) so that an author
// unit-tests a plugin with `go test`, without a Kizuna host.
//
// Start a plugin under test with Start(t, plugin, NewHost(t)).
package plugintest
