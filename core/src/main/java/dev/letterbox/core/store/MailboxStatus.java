package dev.letterbox.core.store;

/**
 * A consistent snapshot of a mailbox's counters.
 *
 * @param uidValidity   RFC 3501 §2.3.1.1; changes only if UIDs are reassigned
 * @param uidNext       the UID the next appended message will get at the earliest
 * @param highestModSeq increases on every change of the mailbox
 * @param messages      number of messages
 * @param unseen        number of messages without {@code \Seen}
 * @param deleted       number of messages with {@code \Deleted}
 * @param size          sum of message sizes in octets (RFC 8438 STATUS=SIZE)
 */
public record MailboxStatus(long uidValidity, long uidNext, long highestModSeq, int messages, int unseen,
                            int deleted, long size) {
}
