package dev.letterbox.core.event;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxId;
import dev.letterbox.core.store.MailboxInfo;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MailboxStatus;
import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.SpecialUse;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A tree whose mailboxes forward everything except {@code moveTo}, like a store without atomic move. */
record NoMoveUserMailboxes(UserMailboxes d) implements UserMailboxes {
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
        return new NoMove(d.open(path));
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

    record NoMove(Mailbox m) implements Mailbox {
        @Override
        public MailboxId id() {
            return m.id();
        }

        @Override
        public MailboxPath path() {
            return m.path();
        }

        @Override
        public MailboxStatus status() {
            return m.status();
        }

        @Override
        public UidSet allUids() {
            return m.allUids();
        }

        @Override
        public List<MessageMeta> metaAfter(long uid) {
            return m.metaAfter(uid);
        }

        @Override
        public List<MessageMeta> meta(UidSet uids) {
            return m.meta(uids);
        }

        @Override
        public MessageContent content(long uid) {
            return m.content(uid);
        }

        @Override
        public MessageMeta append(MessageSource source, Set<Flag> flags, Instant internalDate) {
            return m.append(source, flags, internalDate);
        }

        @Override
        public List<MessageMeta> updateFlags(UidSet uids, FlagOp op, Set<Flag> flags) {
            return m.updateFlags(uids, op, flags);
        }

        @Override
        public UidSet delete(UidSet uids) {
            return m.delete(uids);
        }

        @Override
        public CopyResult copyTo(UidSet uids, Mailbox target) {
            return m.copyTo(uids, target instanceof NoMove n ? n.m : target);
        }
    }
}
