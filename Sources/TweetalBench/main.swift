// Benchmarks: run with `swift run -c release TweetalBench --help`.
print("TweetalBench: no benchmarks yet")
