package dev.letterbox.bench.load;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/** Dispatches the load-harness subcommands; returns the process exit code. */
public final class LoadCli {
    static final String USAGE = """
            usage: LoadHarness <command> [--option value ...]   (loopback targets only)
              imap     --port P [--user U --pass W] [--messages 10000] [--size 5000] [--conns 1,8]
                       [--phase-seconds 30] [--fill-conns 32] [--warm 3]
              pop3     --port P --imap-port P2 [--user-prefix pop --domain example.com --pass W]
                       [--messages 10000] [--conns 1,8] [--phase-seconds 30]   (users pop0..popC)
              smtp     --port P [--user U --pass W] [--tls plain,starttls] [--sizes 4096,1048576]
                       [--conns 1,8,64] [--messages 5000] [--messages-large 200] [--phase-seconds 10]
              idle     --port P [--smtp-port S] [--user-prefix idle --pass W] [--steps 100,1000,...]
                       [--deliveries 1000] [--rate 0] [--same-user] [--threads auto|platform]
                       [--concurrency 64]   (users idle1..idleN)
              startup  --cmd 'java -jar server.jar --imap {port} ...' [--proto imap|pop3|smtp] [--rounds 3]
              startup-inprocess [--warmup 20] [--rounds 20]   MailTestServer (all services) in this JVM
              ports    [--count 1]             print free loopback ports
              users    [--user A,B] [--prefix idle --from 1 --count N] [--pass W] [--iterations 4096]
                       print a Letterbox users file with pre-hashed PBKDF2-SHA256 passwords
              summarize --dir DIR[,DIR...] --a LABEL --b LABEL [--out FILE] [--machine FILE] [--title T]
            common: --host 127.0.0.1  --label SERVER  --name WORKLOAD_NAME  --pid SERVER_PID (CPU + RSS)
                    --max-seconds 900 (the run stops itself after this, printing what it has)
            Each workload prints a table and one final JSON line.
            """;

    private LoadCli() {
    }

    public static int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("help")) {
            out.print(USAGE);
            return argv.length == 0 ? 2 : 0;
        }
        String command = argv[0];
        Args args;
        try {
            args = Args.parse(argv, 1);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        try {
            switch (command) {
                case "ports": {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < args.integer("count", 1); i++) {
                        sb.append(i == 0 ? "" : " ").append(StartupWorkload.freePort());
                    }
                    out.println(sb);
                    return 0;
                }
                case "summarize":
                    return Summary.run(args, out);
                case "users":
                    return UsersFile.run(args, out);
                case "imap":
                case "pop3":
                case "smtp":
                case "idle":
                case "startup":
                case "startup-inprocess":
                    return workload(command, args, out);
                default:
                    err.println("unknown command " + command);
                    err.print(USAGE);
                    return 2;
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println(command + " failed: " + e);
            return 1;
        }
    }

    private static int workload(String command, Args args, PrintStream out) throws Exception {
        String host = args.str("host", "127.0.0.1");
        Target target = command.startsWith("startup") ? null : Target.loopback(host, args.integer("port", 0));
        long pid = args.longValue("pid", -1);
        Report report = new Report(args.str("name", command), args.str("label", "server"), target == null ? "process" : target.toString(), pid);
        long maxMs = TimeUnit.SECONDS.toMillis(args.longValue("max-seconds", 900));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(maxMs);
            } catch (InterruptedException e) {
                return;
            }
            report.error("run", "stopped by the harness after --max-seconds " + maxMs / 1000);
            report.print(out);
            Runtime.getRuntime().halt(3);
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            switch (command) {
                case "imap":
                    new ImapWorkload(args, report, target).run();
                    break;
                case "pop3":
                    new Pop3Workload(args, report, target).run();
                    break;
                case "smtp":
                    new SmtpWorkload(args, report, target).run();
                    break;
                case "idle":
                    new IdleWorkload(args, report, target, pid).run();
                    break;
                case "startup-inprocess":
                    new InProcessStartup(args, report).run();
                    break;
                default:
                    new StartupWorkload(args, report).run();
                    break;
            }
        } catch (Exception e) {
            report.error("run", e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            watchdog.interrupt();
        }
        report.print(out);
        return report.errors().isEmpty() ? 0 : 1;
    }
}
