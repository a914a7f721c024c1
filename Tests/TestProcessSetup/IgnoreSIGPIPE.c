// Runs when the test bundle is loaded, before any test: writing to a pipe whose reader has gone
// (a child process that exited early, swift-testing's event stream) must return EPIPE to the
// writer instead of killing the whole test process with SIGPIPE. Setting this inside individual
// tests was not enough: tests run in parallel, and a write elsewhere could come first.
#include <signal.h>

__attribute__((constructor)) static void tweetal_tests_ignore_sigpipe(void) {
  signal(SIGPIPE, SIG_IGN);
}
