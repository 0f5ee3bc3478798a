"""The engine: a pure function of (ruleset, profile, date). No I/O, no clock, no globals."""
