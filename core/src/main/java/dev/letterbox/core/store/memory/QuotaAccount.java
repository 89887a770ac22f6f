package dev.letterbox.core.store.memory;

import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UserMailboxes;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Usage counters and optional limits of one user. Always counts, so limits set later apply to the
 * real usage. The lock is a leaf: nothing else is acquired while it is held.
 */
final class QuotaAccount {
    private final ReentrantLock lock = new ReentrantLock();
    private long usedBytes;
    private long usedMessages;
    private long maxBytes;
    private long maxMessages;

    QuotaAccount(long maxBytes, long maxMessages) {
        this.maxBytes = maxBytes;
        this.maxMessages = maxMessages;
    }

    void setLimits(long maxBytes, long maxMessages) {
        lock.lock();
        try {
            this.maxBytes = maxBytes;
            this.maxMessages = maxMessages;
        } finally {
            lock.unlock();
        }
    }

    /** Reserves room for {@code messages} messages of {@code bytes} octets in total, or throws. */
    void reserve(long bytes, long messages) {
        lock.lock();
        try {
            if (maxBytes >= 0 && usedBytes + bytes > maxBytes) {
                throw new StoreException.OverQuota("storage quota exceeded");
            }
            if (maxMessages >= 0 && usedMessages + messages > maxMessages) {
                throw new StoreException.OverQuota("message count quota exceeded");
            }
            usedBytes += bytes;
            usedMessages += messages;
        } finally {
            lock.unlock();
        }
    }

    void release(long bytes, long messages) {
        if (bytes == 0 && messages == 0) return;
        lock.lock();
        try {
            usedBytes -= bytes;
            usedMessages -= messages;
        } finally {
            lock.unlock();
        }
    }

    Optional<UserMailboxes.Quota> snapshot() {
        lock.lock();
        try {
            if (maxBytes < 0 && maxMessages < 0) return Optional.empty();
            return Optional.of(new UserMailboxes.Quota(usedBytes, maxBytes, usedMessages, maxMessages));
        } finally {
            lock.unlock();
        }
    }
}
