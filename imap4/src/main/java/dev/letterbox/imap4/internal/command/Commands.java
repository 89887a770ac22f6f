package dev.letterbox.imap4.internal.command;

import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command registry: verb → handler, and the capabilities the enabled handlers contribute. */
public final class Commands {
    /** Verbs that exist only with their capability. */
    private static final Map<String, String> VERB_CAPABILITY = Map.of(
            "IDLE", "IDLE", "MOVE", "MOVE", "UNSELECT", "UNSELECT", "ID", "ID", "NAMESPACE", "NAMESPACE",
            "ENABLE", "ENABLE", "UNAUTHENTICATE", "UNAUTHENTICATE");

    private final Map<String, Command> byVerb;
    private final List<String> capabilities;

    public Commands(ImapConfig config) {
        Map<String, Command> all = new LinkedHashMap<>();
        all.put("CAPABILITY", new CapabilityCommand());
        all.put("NOOP", new NoopCommand(false));
        all.put("LOGOUT", new LogoutCommand());
        all.put("STARTTLS", new StartTlsCommand());
        all.put("AUTHENTICATE", new AuthenticateCommand());
        all.put("LOGIN", new LoginCommand());
        all.put("ENABLE", new EnableCommand());
        all.put("SELECT", new SelectCommand(false));
        all.put("EXAMINE", new SelectCommand(true));
        all.put("CREATE", new CreateCommand());
        all.put("DELETE", new DeleteCommand());
        all.put("RENAME", new RenameCommand());
        all.put("SUBSCRIBE", new SubscribeCommand(true));
        all.put("UNSUBSCRIBE", new SubscribeCommand(false));
        all.put("LIST", new ListCommand(false));
        all.put("LSUB", new ListCommand(true));
        all.put("NAMESPACE", new NamespaceCommand());
        all.put("STATUS", new StatusCommand());
        all.put("APPEND", new AppendCommand());
        all.put("IDLE", new IdleCommand());
        all.put("CHECK", new NoopCommand(true));
        all.put("CLOSE", new CloseCommand());
        all.put("UNSELECT", new UnselectCommand());
        all.put("EXPUNGE", new ExpungeCommand());
        all.put("SEARCH", new SearchCommand());
        all.put("FETCH", new FetchCommand());
        all.put("STORE", new StoreCommand());
        all.put("COPY", new CopyCommand(false));
        all.put("MOVE", new CopyCommand(true));
        all.put("ID", new IdCommand());
        all.put("UNAUTHENTICATE", new UnauthenticateCommand());
        all.keySet().removeIf(v -> VERB_CAPABILITY.containsKey(v) && !config.enabled(VERB_CAPABILITY.get(v)));
        this.byVerb = Map.copyOf(all);
        Set<String> caps = new LinkedHashSet<>();
        caps.add(config.enabled("LITERAL+") ? "LITERAL+" : "LITERAL-");
        for (Command c : all.values()) caps.addAll(c.capabilities());
        if (config.enabled("APPENDLIMIT")) caps.add("APPENDLIMIT=" + config.appendLimit());
        List<String> out = new ArrayList<>();
        for (String c : caps) {
            String name = c.startsWith("APPENDLIMIT=") ? "APPENDLIMIT" : c;
            if (config.enabled(name)) out.add(c);
        }
        this.capabilities = List.copyOf(out);
    }

    public Map<String, Command> byVerb() {
        return byVerb;
    }

    /** Capabilities advertised in every state (state-dependent ones are added by the session). */
    public List<String> capabilities() {
        return capabilities;
    }
}
