package dev.letterbox.examples.embedding.filestore;

import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MailServer;
import dev.letterbox.imap4.ImapProtocol;
import dev.letterbox.pop3.Pop3Protocol;
import dev.letterbox.smtp.SubmissionProtocol;
import dev.letterbox.smtp.delivery.LocalDelivery;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Embedding example 1 as a program: a host that keeps mail in its own files ({@link FileMailStore}) and
 * serves it over IMAP, POP3 and SMTP submission on loopback. Mail submitted for a local user is
 * delivered into that user's files; restart the program and it is still there.
 *
 * <p>{@code FileStoreHost <directory> <users-file>}: the users file has one {@code address:password}
 * per line. Ports are printed at start.
 */
public final class FileStoreHost implements AutoCloseable {
    private final MailServer server;

    private FileStoreHost(MailServer server) {
        this.server = server;
    }

    /** Starts IMAP, POP3 and submission on 127.0.0.1 with the given ports (0 = pick one). */
    public static FileStoreHost start(Path directory, UserRegistry users, int imapPort, int pop3Port, int smtpPort)
            throws IOException {
        FileMailStore files = FileMailStore.openExisting(directory);
        for (String u : users.users()) files.addUser(u);
        TrackedStore store = TrackedStore.of(files);
        DefaultAuthService auth = DefaultAuthService.builder().authenticator(users).build();
        MailServer server = MailServer.builder()
                .plain("imap", new InetSocketAddress("127.0.0.1", imapPort), ImapProtocol.builder(store, auth).build())
                .plain("pop3", new InetSocketAddress("127.0.0.1", pop3Port), Pop3Protocol.builder(store, auth).build())
                .plain("submission", new InetSocketAddress("127.0.0.1", smtpPort),
                        SubmissionProtocol.builder(auth, LocalDelivery.builder(store).build()).build())
                .start();
        return new FileStoreHost(server);
    }

    public int port(String endpoint) {
        return server.port(endpoint);
    }

    @Override
    public void close() {
        server.close();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: FileStoreHost <directory> <users-file>");
            System.exit(2);
        }
        try (FileStoreHost host = start(Path.of(args[0]), UserRegistry.load(Path.of(args[1])), 0, 0, 0)) {
            System.out.println("IMAP " + host.port("imap") + ", POP3 " + host.port("pop3") + ", submission "
                    + host.port("submission") + " on 127.0.0.1; press Enter to stop");
            System.in.read();
        }
    }
}
