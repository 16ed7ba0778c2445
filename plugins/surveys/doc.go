// Command surveys is the alumni-surveys plugin: HR builds a survey from a
// Japanese template, sends it to a saved segment as promotional mail (the host
// applies consent and unsubscribe rules), alumni answer on a page framed in the
// portal, and HR reads the results, cross-tabs and a CSV for Excel.
package main
