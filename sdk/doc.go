// Package sdk is the Go kit for writing Kizuna plugins.
//
// A plugin is an ordinary Go program whose main calls Serve with a value
// that implements any of the small capability interfaces (Activator,
// EventHandler, HTTPHandler, Scheduler, HealthChecker). The host (Kizuna)
// starts the program, talks to it over gRPC (hashicorp/go-plugin), and
// offers it the Host API: alumni, segments, mail, a key-value store, its
// settings, the audit log, navigation entries and a private data folder.
//
// プラグインは Serve を呼ぶだけの Go プログラムです。必要な機能のインター
// フェースだけを実装してください。
//
// The wire contract (package proto) is versioned: Handshake and
// ProtocolVersion never change within major version 1, and additions are
// announced with ContractMinor.
package sdk
