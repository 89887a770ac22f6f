package dev.letterbox.pop3;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.MailStore;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxId;
import dev.letterbox.core.store.MailboxInfo;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MailboxStatus;
import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.SpecialUse;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A store wrapper for fault tests: serves content as streams only (no in-memory bytes), and can fail
 * opening users, deleting, or reading content part-way.
 */
final class FaultyStore implements MailStore {
    final MailStore inner;
    volatile StoreException failOpen;
    volatile StoreException failDelete;
    volatile boolean failReadMidway;
    volatile long uidValidityBump;

    FaultyStore(MailStore inner) {
        this.inner = inner;
    }

    @Override
    public UserMailboxes open(String user) {
        if (failOpen != null) throw failOpen;
        return new Boxes(inner.open(user));
    }

    private final class Boxes implements UserMailboxes {
        private final UserMailboxes d;

        Boxes(UserMailboxes d) {
            this.d = d;
        }

        @Override
        public String user() {
            return d.user();
        }

        @Override
        public List<MailboxInfo> list() {
            return d.list();
        }

        @Override
        public Mailbox open(MailboxPath path) {
            return new Box(d.open(path));
        }

        @Override
        public MailboxInfo create(MailboxPath path, Optional<SpecialUse> specialUse) {
            return d.create(path, specialUse);
        }

        @Override
        public void delete(MailboxPath path) {
            d.delete(path);
        }

        @Override
        public void rename(MailboxPath from, MailboxPath to) {
            d.rename(from, to);
        }

        @Override
        public Set<MailboxPath> subscriptions() {
            return d.subscriptions();
        }

        @Override
        public void subscribe(MailboxPath path) {
            d.subscribe(path);
        }

        @Override
        public void unsubscribe(MailboxPath path) {
            d.unsubscribe(path);
        }
    }

    private final class Box implements Mailbox {
        private final Mailbox d;

        Box(Mailbox d) {
            this.d = d;
        }

        @Override
        public MailboxId id() {
            return d.id();
        }

        @Override
        public MailboxPath path() {
            return d.path();
        }

        @Override
        public MailboxStatus status() {
            MailboxStatus s = d.status();
            return new MailboxStatus(s.uidValidity() + uidValidityBump, s.uidNext(), s.highestModSeq(), s.messages(),
                    s.unseen(), s.deleted(), s.size());
        }

        @Override
        public UidSet allUids() {
            return d.allUids();
        }

        @Override
        public List<MessageMeta> metaAfter(long uid) {
            return d.metaAfter(uid);
        }

        @Override
        public List<MessageMeta> meta(UidSet uids) {
            return d.meta(uids);
        }

        @Override
        public MessageContent content(long uid) {
            MessageContent c = d.content(uid);
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
        public MessageMeta append(MessageSource source, Set<Flag> flags, Instant internalDate) {
            return d.append(source, flags, internalDate);
        }

        @Override
        public List<MessageMeta> updateFlags(UidSet uids, FlagOp op, Set<Flag> flags) {
            return d.updateFlags(uids, op, flags);
        }

        @Override
        public UidSet delete(UidSet uids) {
            if (failDelete != null) throw failDelete;
            return d.delete(uids);
        }

        @Override
        public CopyResult copyTo(UidSet uids, Mailbox target) {
            return d.copyTo(uids, target instanceof Box b ? b.d : target);
        }
    }
}
