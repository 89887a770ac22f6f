package dev.letterbox.bench.load;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * {@code users}: prints a Letterbox users file ({@code ADDRESS:{PBKDF2-SHA256}ITERATIONS$SALT$HASH}
 * per line) for the benchmark accounts. Pre-hashed entries are taken as given, so a server with
 * 20,000 users starts at once; the iteration count is the benchmark's choice and is reported.
 */
final class UsersFile {
    private UsersFile() {
    }

    static int run(Args args, PrintStream out) throws GeneralSecurityException {
        String pass = args.str("pass", "benchpw");
        int iterations = args.integer("iterations", 4096);
        byte[] salt = "letterbox-bench-salt".getBytes(StandardCharsets.US_ASCII);
        String stored = "{PBKDF2-SHA256}" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(pbkdf2(pass, salt, iterations));
        StringBuilder sb = new StringBuilder();
        for (String u : args.list("user", "")) {
            sb.append(u).append(':').append(stored).append('\n');
        }
        String prefix = args.str("prefix", "idle");
        String domain = args.str("domain", "example.com");
        int from = args.integer("from", 1);
        for (int i = from; i < from + args.integer("count", 0); i++) {
            sb.append(prefix).append(i).append('@').append(domain).append(':').append(stored).append('\n');
        }
        out.print(sb);
        return 0;
    }

    static byte[] pbkdf2(String password, byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    }
}
