package dev.letterbox.imap4.fetch;

import java.util.List;
import java.util.Optional;

/**
 * One FETCH data item (RFC 3501 §6.4.5, RFC 9051 §6.4.5, RFC 3516 §4.2). Macros are expanded by
 * {@link FetchRequest#parse}; RFC822, RFC822.HEADER and RFC822.TEXT keep their own records because
 * they answer under their own names.
 */
public sealed interface FetchAtt {

    /** Whether the item needs the message bytes. */
    default boolean needsContent() {
        return false;
    }

    /** Whether fetching the item sets \Seen (non-PEEK body sections, RFC822, RFC822.TEXT). */
    default boolean setsSeen() {
        return false;
    }

    record Flags() implements FetchAtt {
    }

    record InternalDate() implements FetchAtt {
    }

    record Rfc822Size() implements FetchAtt {
    }

    record Uid() implements FetchAtt {
    }

    record Envelope() implements FetchAtt {
        @Override
        public boolean needsContent() {
            return true;
        }
    }

    /** The non-extensible BODY structure. */
    record Body() implements FetchAtt {
        @Override
        public boolean needsContent() {
            return true;
        }
    }

    record BodyStructure() implements FetchAtt {
        @Override
        public boolean needsContent() {
            return true;
        }
    }

    /** RFC822: the whole message, answered as {@code RFC822}; sets \Seen. */
    record Rfc822() implements FetchAtt {
        @Override
        public boolean needsContent() {
            return true;
        }

        @Override
        public boolean setsSeen() {
            return true;
        }
    }

    /** RFC822.HEADER: like BODY.PEEK[HEADER], answered as {@code RFC822.HEADER}. */
    record Rfc822Header() implements FetchAtt {
        @Override
        public boolean needsContent() {
            return true;
        }
    }

    /** RFC822.TEXT: like BODY[TEXT], answered as {@code RFC822.TEXT}; sets \Seen. */
    record Rfc822Text() implements FetchAtt {
        @Override
        public boolean needsContent() {
            return true;
        }

        @Override
        public boolean setsSeen() {
            return true;
        }
    }

    /** BODY[section]&lt;partial&gt; and BODY.PEEK[...]. */
    record BodySection(Section section, Optional<Partial> partial, boolean peek) implements FetchAtt {
        @Override
        public boolean needsContent() {
            return true;
        }

        @Override
        public boolean setsSeen() {
            return !peek;
        }
    }

    /** BINARY[part]&lt;partial&gt; and BINARY.PEEK[...] (RFC 3516). */
    record Binary(List<Integer> part, Optional<Partial> partial, boolean peek) implements FetchAtt {
        public Binary {
            part = List.copyOf(part);
        }

        @Override
        public boolean needsContent() {
            return true;
        }

        @Override
        public boolean setsSeen() {
            return !peek;
        }
    }

    /** BINARY.SIZE[part] (RFC 3516). */
    record BinarySize(List<Integer> part) implements FetchAtt {
        public BinarySize {
            part = List.copyOf(part);
        }

        @Override
        public boolean needsContent() {
            return true;
        }
    }

    /** A partial range {@code <origin.length>}. */
    record Partial(long origin, long length) {
    }

    /** What part of a section is fetched. */
    enum Text { ALL, HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT, MIME }

    /**
     * A body section: part numbers (empty = the whole message), what of it, and the field names for
     * HEADER.FIELDS[.NOT] as sent.
     */
    record Section(List<Integer> part, Text text, List<String> fields) {
        public Section {
            part = List.copyOf(part);
            fields = List.copyOf(fields);
        }
    }
}
