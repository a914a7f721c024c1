// TestProcessSetup has no API: linking it into the test bundle ignores SIGPIPE at load time
// (see IgnoreSIGPIPE.c).
