// Empty: the target only declares libFuzzer's driver (include/CFuzzDriver.h).
