package dev.letterbox.pop3;

import dev.letterbox.core.store.ForwardingMailStore;
import dev.letterbox.core.store.ForwardingMailbox;
import dev.letterbox.core.store.ForwardingUserMailboxes;
import dev.letterbox.core.store.MailStore;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MailboxStatus;
import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A store wrapper for fault tests: serves content as streams only (no in-memory bytes), and can fail
 * opening users, deleting, or reading content part-way.
 */
final class FaultyStore extends ForwardingMailStore {
    volatile StoreException failOpen;
    volatile StoreException failDelete;
    volatile boolean failReadMidway;
    volatile long uidValidityBump;

    FaultyStore(MailStore inner) {
        super(inner);
    }

    @Override
    public UserMailboxes open(String user) {
        if (failOpen != null) throw failOpen;
        return new Boxes(delegate().open(user));
    }

    private final class Boxes extends ForwardingUserMailboxes {
        Boxes(UserMailboxes d) {
            super(d);
        }

        @Override
        public Mailbox open(MailboxPath path) {
            return new Box(delegate().open(path));
        }
    }

    private final class Box extends ForwardingMailbox {
        Box(Mailbox d) {
            super(d);
        }

        @Override
        public MailboxStatus status() {
            MailboxStatus s = delegate().status();
            return new MailboxStatus(s.uidValidity() + uidValidityBump, s.uidNext(), s.highestModSeq(), s.messages(),
                    s.unseen(), s.deleted(), s.size());
        }

        @Override
        public MessageContent content(long uid) {
            MessageContent c = delegate().content(uid);
            return new MessageContent() {
                @Override
                public long size() {
                    return c.size();
                }

                @Override
                public InputStream open() throws IOException {
                    byte[] all = c.readAllBytes();
                    if (!failReadMidway) return new ByteArrayInputStream(all);
                    return new InputStream() {
                        int pos;

                        @Override
                        public int read() throws IOException {
                            if (pos >= all.length / 2) throw new IOException("disk went away");
                            return all[pos++] & 0xff;
                        }
                    };
                }
            };
        }

        @Override
        public UidSet delete(UidSet uids) {
            if (failDelete != null) throw failDelete;
            return delegate().delete(uids);
        }
    }
}
