package dev.letterbox.imap4.internal;

import dev.letterbox.core.event.ChangeHub;
import dev.letterbox.core.event.Origin;
import dev.letterbox.core.store.UserMailboxes;

/** What a session needs of the tracked store: user trees whose mutations publish events, and the hub. */
public interface SessionStore {
    UserMailboxes open(String user, Origin origin);

    ChangeHub hub();
}
