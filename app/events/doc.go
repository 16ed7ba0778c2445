// Package events is Kizuna's durable log of domain events ("alumnus.created",
// "campaign.finished" …). Services append to it after a change; readers
// (plugins, later webhooks and drip automations) keep their own cursor and
// read forward in id order, so nothing emitted while a reader was stopped is
// lost. Appending wakes readers that wait.
package events
