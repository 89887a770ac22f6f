package dev.letterbox.imap4.fetch;

/** One FETCH data item. SEAM: the message/fetch work defines the concrete records. */
public interface FetchAtt {
}
