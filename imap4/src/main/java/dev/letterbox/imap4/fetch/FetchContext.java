package dev.letterbox.imap4.fetch;

import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import java.util.function.Supplier;

/**
 * What the renderer may know about one message.
 *
 * @param msn     the message sequence number in this session's view
 * @param meta    UID, flags (after any implicit \Seen), internal date, size
 * @param recent  whether to show \Recent in FLAGS (IMAP4rev1 only)
 * @param content lazily opens the bytes (CRLF form); only called if the request needs content
 * @param utf8    whether UTF8=ACCEPT is enabled (affects how 8-bit header text may be sent)
 */
public record FetchContext(long msn, MessageMeta meta, boolean recent, Supplier<MessageContent> content, boolean utf8) {
}
