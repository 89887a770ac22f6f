package dev.letterbox.examples.embedding.idle;

import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.io.IOException;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Embedding example 3: an application that is told about new mail by IMAP IDLE push (RFC 2177) instead
 * of polling. A thread keeps the INBOX in IDLE with Angus Mail's {@link IMAPFolder#idle()}; each new
 * message is handed to the listener. {@link #close()} ends the IDLE by closing the store.
 *
 * <p>Run it against any IMAP server: {@code NewMailWatcher host port user password [imaps]}.
 */
public final class NewMailWatcher implements AutoCloseable {
    private final Store store;
    private final IMAPFolder inbox;
    private final Thread thread;
    private volatile boolean closing;

    private NewMailWatcher(Store store, IMAPFolder inbox, Consumer<Message> listener) {
        this.store = store;
        this.inbox = inbox;
        inbox.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent e) {
                for (Message m : e.getMessages()) listener.accept(m);
            }
        });
        this.thread = new Thread(this::idleLoop, "new-mail-watcher");
        thread.setDaemon(true);
    }

    /** Connects, opens INBOX and starts idling. */
    public static NewMailWatcher start(Properties props, String user, String password, Consumer<Message> listener)
            throws MessagingException {
        Objects.requireNonNull(listener, "listener");
        Store store = Session.getInstance(props).getStore();
        store.connect(user, password);
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        NewMailWatcher w = new NewMailWatcher(store, inbox, listener);
        w.thread.start();
        return w;
    }

    private void idleLoop() {
        while (!closing) {
            try {
                inbox.idle(); // returns after each batch of notifications; listeners run inside
            } catch (FolderClosedException e) {
                return;
            } catch (MessagingException e) {
                if (!closing) System.getLogger(NewMailWatcher.class.getName()).log(System.Logger.Level.WARNING, "IDLE failed", e);
                return;
            }
        }
    }

    @Override
    public void close() throws MessagingException, InterruptedException {
        closing = true;
        store.close(); // aborts the IDLE in progress
        thread.join(10_000);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: NewMailWatcher host port user password [imaps]");
            System.exit(2);
        }
        boolean tls = args.length > 4 && args[4].equals("imaps");
        Properties p = new Properties();
        String proto = tls ? "imaps" : "imap";
        p.put("mail.store.protocol", proto);
        p.put("mail." + proto + ".host", args[0]);
        p.put("mail." + proto + ".port", args[1]);
        try (NewMailWatcher w = start(p, args[2], args[3], m -> {
            try {
                System.out.println("new mail: " + m.getSubject());
            } catch (MessagingException e) {
                System.out.println("new mail (unreadable subject)");
            }
        })) {
            System.out.println("watching INBOX of " + args[2] + "; press Enter to stop");
            try {
                System.in.read();
            } catch (IOException e) {
                // stop
            }
        }
    }
}
