//go:build race

package main

// raceEnabled reports a -race build: the crash test then runs fewer rounds.
const raceEnabled = true
