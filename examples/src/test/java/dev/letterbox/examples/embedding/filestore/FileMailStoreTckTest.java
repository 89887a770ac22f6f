package dev.letterbox.examples.embedding.filestore;

import dev.letterbox.core.store.MailStore;
import dev.letterbox.testkit.tck.MailStoreTck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Embedding example 1 passes the store TCK, subclassed exactly as a host would. */
class FileMailStoreTckTest extends MailStoreTck {
    @Override
    protected MailStore createStore() {
        try {
            return FileMailStore.open(Files.createTempDirectory("letterbox-filestore-tck"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
