package dev.letterbox.bench.load;

import java.io.IOException;

/** Delivers one message to a user's INBOX; returns the nanoTime at which the message's last byte was flushed. */
interface Deliverer extends AutoCloseable {
    long deliver(String user, byte[] message) throws IOException;

    String name();

    @Override
    void close() throws IOException;

    /** Over an authenticated SMTP submission session (the server delivers locally). */
    final class Smtp implements Deliverer {
        private final SmtpClient client;
        private final String from;
        private final boolean pipelining;

        Smtp(Target target, String user, String pass, int timeoutMs) throws IOException {
            this.client = new SmtpClient(target, timeoutMs);
            client.ehlo();
            client.authPlain(user, pass);
            this.from = user;
            this.pipelining = client.offers("PIPELINING");
        }

        @Override
        public long deliver(String user, byte[] message) throws IOException {
            return client.submit(from, user, message, pipelining);
        }

        @Override
        public String name() {
            return "smtp";
        }

        @Override
        public void close() throws IOException {
            client.quit();
            client.close();
        }
    }

    /** By IMAP APPEND as the receiving user (a fresh session per delivery, outside the timing). */
    final class Imap implements Deliverer {
        private final Target target;
        private final String pass;
        private final int timeoutMs;

        Imap(Target target, String pass, int timeoutMs) {
            this.target = target;
            this.pass = pass;
            this.timeoutMs = timeoutMs;
        }

        @Override
        public long deliver(String user, byte[] message) throws IOException {
            try (ImapClient c = Appender.login(target, user, pass, timeoutMs)) {
                ImapReader.Result r = c.append("INBOX", message, false);
                long t = c.lastSendNanos();
                if (!r.ok()) {
                    throw new IOException("APPEND failed: " + r.tagged());
                }
                c.logout();
                return t;
            }
        }

        @Override
        public String name() {
            return "imap-append";
        }

        @Override
        public void close() {
        }
    }
}
