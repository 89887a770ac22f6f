package dev.letterbox.bench;

import dev.letterbox.bench.load.LoadCli;

/**
 * Load harness entry point: {@code java -cp bench/target/benchmarks.jar dev.letterbox.bench.LoadHarness
 * <imap|pop3|smtp|idle|startup|ports|summarize> [--options]}. Run without arguments for help.
 */
public final class LoadHarness {
    private LoadHarness() {
    }

    public static void main(String[] args) {
        System.exit(LoadCli.run(args, System.out, System.err));
    }
}
