package dev.letterbox.core.discovery;

import dev.letterbox.core.discovery.ServiceEndpoint.Security;
import dev.letterbox.core.discovery.ServiceEndpoint.Service;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Client-settings discovery: from the server's endpoints and its host names inside and outside the
 * network, generates what mail clients fetch to configure themselves —
 * Thunderbird autoconfig XML, Microsoft Autodiscover (POX) responses, RFC 6186 SRV records and Apple
 * configuration profiles. Pure functions over immutable settings; serve them however the host likes
 * (the standalone server uses the JDK's HTTP server).
 *
 * <p>Endpoints are published in RFC 8314 §5.1 order of preference: implicit TLS first, then STARTTLS.
 * Endpoints without encryption are left out unless {@link Builder#publishUnencrypted(boolean)}.
 */
public final class ClientSettings {
    /** Which host name clients should use: the one valid inside the network or the public one. */
    public enum Network { INTERNAL, EXTERNAL }

    /** What clients put in the user-name field. */
    public enum UsernameStyle {
        /** The full address ({@code %EMAILADDRESS%} in autoconfig). */
        EMAIL_ADDRESS,
        /** The part before {@code @} ({@code %EMAILLOCALPART%}). */
        LOCAL_PART
    }

    private final List<String> domains;
    private final String displayName;
    private final String shortName;
    private final String internalHost;
    private final String externalHost;
    private final List<ServiceEndpoint> endpoints;
    private final UsernameStyle usernameStyle;
    private final int srvTtl;

    private ClientSettings(Builder b) {
        if (b.domains.isEmpty()) throw new IllegalStateException("at least one mail domain is required");
        this.domains = List.copyOf(b.domains);
        this.displayName = b.displayName == null ? domains.get(0) : b.displayName;
        this.shortName = b.shortName == null ? this.displayName : b.shortName;
        this.externalHost = Objects.requireNonNull(b.externalHost, "externalHost");
        this.internalHost = b.internalHost == null ? b.externalHost : b.internalHost;
        List<ServiceEndpoint> eps = new ArrayList<>();
        for (ServiceEndpoint e : b.endpoints) {
            if (e.security() != Security.NONE || b.publishUnencrypted) eps.add(e);
        }
        eps.sort(Comparator.comparing(ServiceEndpoint::service).thenComparing(ServiceEndpoint::security));
        this.endpoints = List.copyOf(eps);
        this.usernameStyle = b.usernameStyle;
        this.srvTtl = b.srvTtl;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<ServiceEndpoint> endpoints() {
        return endpoints;
    }

    public List<String> domains() {
        return domains;
    }

    /** The host name clients in {@code network} should connect to. */
    public String host(Network network) {
        return network == Network.INTERNAL ? internalHost : externalHost;
    }

    /**
     * The Thunderbird autoconfig document ({@code /mail/config-v1.1.xml},
     * {@code /.well-known/autoconfig/mail/config-v1.1.xml}), format version 1.1.
     */
    public String thunderbirdAutoconfig(Network network) {
        String host = host(network);
        String user = usernameStyle == UsernameStyle.EMAIL_ADDRESS ? "%EMAILADDRESS%" : "%EMAILLOCALPART%";
        Xml x = new Xml();
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.open("clientConfig", "version", "1.1");
        x.open("emailProvider", "id", domains.get(0));
        for (String d : domains) x.leaf("domain", d);
        x.leaf("displayName", displayName);
        x.leaf("displayShortName", shortName);
        for (ServiceEndpoint e : endpoints) {
            boolean incoming = e.service() != Service.SUBMISSION;
            String type = switch (e.service()) {
                case IMAP -> "imap";
                case POP3 -> "pop3";
                case SUBMISSION -> "smtp";
            };
            x.open(incoming ? "incomingServer" : "outgoingServer", "type", type);
            x.leaf("hostname", host);
            x.leaf("port", Integer.toString(e.port()));
            x.leaf("socketType", switch (e.security()) {
                case IMPLICIT_TLS -> "SSL";
                case STARTTLS -> "STARTTLS";
                case NONE -> "plain";
            });
            x.leaf("authentication", "password-cleartext");
            x.leaf("username", user);
            x.close();
        }
        x.close();
        x.close();
        return x.toString();
    }

    /**
     * The Microsoft Autodiscover "POX" response (response schema
     * {@code .../outlook/responseschema/2006a}) for an address, as Outlook requests it from
     * {@code /autodiscover/autodiscover.xml}.
     */
    public String autodiscoverResponse(String emailAddress, Network network) {
        String host = host(network);
        String login = loginName(emailAddress);
        Xml x = new Xml();
        x.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        x.open("Autodiscover", "xmlns", "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006");
        x.open("Response", "xmlns", "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a");
        x.open("User");
        x.leaf("DisplayName", emailAddress);
        x.close();
        x.open("Account");
        x.leaf("AccountType", "email");
        x.leaf("Action", "settings");
        for (ServiceEndpoint e : endpoints) {
            x.open("Protocol");
            x.leaf("Type", switch (e.service()) {
                case IMAP -> "IMAP";
                case POP3 -> "POP3";
                case SUBMISSION -> "SMTP";
            });
            x.leaf("Server", host);
            x.leaf("Port", Integer.toString(e.port()));
            x.leaf("DomainRequired", "off");
            x.leaf("LoginName", login);
            x.leaf("SPA", "off");
            x.leaf("SSL", e.security() == Security.NONE ? "off" : "on");
            if (e.security() != Security.NONE) {
                x.leaf("Encryption", e.security() == Security.IMPLICIT_TLS ? "SSL" : "TLS");
            }
            x.leaf("AuthRequired", "on");
            if (e.service() == Service.SUBMISSION) x.leaf("UsePOPAuth", "on");
            x.close();
        }
        x.close();
        x.close();
        x.close();
        return x.toString();
    }

    /**
     * Extracts {@code <EMailAddress>} from an Autodiscover request body. The body is parsed with
     * external entities and DTDs disabled. Empty if absent or not well-formed.
     */
    public static Optional<String> autodiscoverRequestAddress(byte[] requestBody) {
        try {
            var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(true);
            var doc = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(requestBody));
            var nodes = doc.getElementsByTagNameNS("*", "EMailAddress");
            if (nodes.getLength() == 0) return Optional.empty();
            String v = nodes.item(0).getTextContent().trim();
            return v.isEmpty() ? Optional.empty() : Optional.of(v);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * RFC 6186 SRV records (plus RFC 8314 {@code _submissions}) for every mail domain, in zone-file
     * syntax. Services that are not offered get the "not available" record {@code 0 0 0 .}
     * (RFC 6186 §4, RFC 2782), so clients do not guess.
     */
    public String srvRecords(Network network) {
        String host = host(network);
        StringBuilder sb = new StringBuilder();
        String[][] all = {{"IMAP", "_imaps", "_imap"}, {"POP3", "_pop3s", "_pop3"},
                {"SUBMISSION", "_submissions", "_submission"}};
        for (String domain : domains) {
            sb.append("; mail client discovery for ").append(domain).append(" (RFC 6186, RFC 8314)\n");
            for (String[] s : all) {
                for (int i = 1; i <= 2; i++) {
                    String label = s[i];
                    Optional<ServiceEndpoint> e = endpoints.stream()
                            .filter(ep -> ep.service().name().equals(s[0]) && ep.srvLabel().equals(label))
                            .findFirst();
                    sb.append(label).append("._tcp.").append(domain).append(". ").append(srvTtl).append(" IN SRV ");
                    if (e.isPresent()) {
                        // RFC 8314 §5.1: implicit TLS preferred, so it gets the lower priority number.
                        int priority = e.get().security() == Security.IMPLICIT_TLS ? 0 : 10;
                        sb.append(priority).append(" 1 ").append(e.get().port()).append(' ').append(host).append(".\n");
                    } else {
                        sb.append("0 0 0 .\n");
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * An Apple configuration profile ({@code .mobileconfig}, unsigned XML plist) with one mail
     * account for the address: the preferred incoming endpoint (IMAP before POP3) and the preferred
     * submission endpoint. Payload UUIDs are derived from the address, so the same address always
     * gets the same profile (re-installing replaces rather than duplicates).
     *
     * @throws IllegalStateException if no incoming or no submission endpoint is published
     */
    public String appleMobileconfig(String emailAddress, Network network) {
        String host = host(network);
        ServiceEndpoint in = endpoints.stream().filter(e -> e.service() != Service.SUBMISSION).findFirst()
                .orElseThrow(() -> new IllegalStateException("no incoming endpoint to publish"));
        ServiceEndpoint out = endpoints.stream().filter(e -> e.service() == Service.SUBMISSION).findFirst()
                .orElseThrow(() -> new IllegalStateException("no submission endpoint to publish"));
        String login = loginName(emailAddress);
        String domain = domains.get(0);
        String reverse = reverseDomain(domain);
        UUID outer = UUID.nameUUIDFromBytes(("letterbox-profile:" + emailAddress).getBytes(StandardCharsets.UTF_8));
        UUID inner = UUID.nameUUIDFromBytes(("letterbox-mail:" + emailAddress).getBytes(StandardCharsets.UTF_8));
        Xml x = new Xml();
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.raw("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                + "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n");
        x.open("plist", "version", "1.0");
        x.open("dict");
        x.leaf("key", "PayloadContent");
        x.open("array");
        x.open("dict");
        plistString(x, "EmailAccountDescription", displayName);
        plistString(x, "EmailAccountName", emailAddress);
        plistString(x, "EmailAccountType", in.service() == Service.IMAP ? "EmailTypeIMAP" : "EmailTypePOP");
        plistString(x, "EmailAddress", emailAddress);
        plistString(x, "IncomingMailServerAuthentication", "EmailAuthPassword");
        plistString(x, "IncomingMailServerHostName", host);
        plistInteger(x, "IncomingMailServerPortNumber", in.port());
        plistBool(x, "IncomingMailServerUseSSL", in.security() != Security.NONE);
        plistString(x, "IncomingMailServerUsername", login);
        plistString(x, "OutgoingMailServerAuthentication", "EmailAuthPassword");
        plistString(x, "OutgoingMailServerHostName", host);
        plistInteger(x, "OutgoingMailServerPortNumber", out.port());
        plistBool(x, "OutgoingMailServerUseSSL", out.security() != Security.NONE);
        plistString(x, "OutgoingMailServerUsername", login);
        plistBool(x, "OutgoingPasswordSameAsIncomingPassword", true);
        plistString(x, "PayloadDescription", "Mail account " + emailAddress);
        plistString(x, "PayloadDisplayName", displayName);
        plistString(x, "PayloadIdentifier", reverse + ".letterbox.mail." + inner);
        plistString(x, "PayloadType", "com.apple.mail.managed");
        plistString(x, "PayloadUUID", inner.toString().toUpperCase(Locale.ROOT));
        plistInteger(x, "PayloadVersion", 1);
        x.close();
        x.close();
        plistString(x, "PayloadDescription", "Mail settings for " + emailAddress);
        plistString(x, "PayloadDisplayName", displayName);
        plistString(x, "PayloadIdentifier", reverse + ".letterbox.profile." + outer);
        plistBool(x, "PayloadRemovalDisallowed", false);
        plistString(x, "PayloadType", "Configuration");
        plistString(x, "PayloadUUID", outer.toString().toUpperCase(Locale.ROOT));
        plistInteger(x, "PayloadVersion", 1);
        x.close();
        x.close();
        return x.toString();
    }

    private String loginName(String emailAddress) {
        if (usernameStyle == UsernameStyle.LOCAL_PART) {
            int at = emailAddress.lastIndexOf('@');
            return at < 0 ? emailAddress : emailAddress.substring(0, at);
        }
        return emailAddress;
    }

    private static String reverseDomain(String domain) {
        List<String> parts = new ArrayList<>(List.of(domain.split("\\.")));
        java.util.Collections.reverse(parts);
        return String.join(".", parts);
    }

    private static void plistString(Xml x, String key, String value) {
        x.leaf("key", key);
        x.leaf("string", value);
    }

    private static void plistInteger(Xml x, String key, int value) {
        x.leaf("key", key);
        x.leaf("integer", Integer.toString(value));
    }

    private static void plistBool(Xml x, String key, boolean value) {
        x.leaf("key", key);
        x.raw(x.indent() + (value ? "<true/>" : "<false/>") + "\n");
    }

    /** Immutable-result builder. */
    public static final class Builder {
        private final List<String> domains = new ArrayList<>();
        private final List<ServiceEndpoint> endpoints = new ArrayList<>();
        private String displayName;
        private String shortName;
        private String internalHost;
        private String externalHost;
        private UsernameStyle usernameStyle = UsernameStyle.EMAIL_ADDRESS;
        private boolean publishUnencrypted;
        private int srvTtl = 3600;

        /** A mail domain served (the part after {@code @}); the first is the provider id. */
        public Builder domain(String domain) {
            domains.add(requireHostName(domain));
            return this;
        }

        public Builder displayName(String name) {
            this.displayName = Objects.requireNonNull(name);
            return this;
        }

        public Builder shortName(String name) {
            this.shortName = Objects.requireNonNull(name);
            return this;
        }

        /** The server's host name as seen from inside the network (defaults to the external one). */
        public Builder internalHost(String host) {
            this.internalHost = requireHostName(host);
            return this;
        }

        /** The server's public host name. Required. */
        public Builder externalHost(String host) {
            this.externalHost = requireHostName(host);
            return this;
        }

        public Builder endpoint(ServiceEndpoint.Service service, ServiceEndpoint.Security security, int port) {
            endpoints.add(new ServiceEndpoint(service, security, port));
            return this;
        }

        public Builder usernameStyle(UsernameStyle style) {
            this.usernameStyle = Objects.requireNonNull(style);
            return this;
        }

        /** Also publish endpoints without TLS (test networks only). Off by default. */
        public Builder publishUnencrypted(boolean publish) {
            this.publishUnencrypted = publish;
            return this;
        }

        public Builder srvTtl(int seconds) {
            if (seconds < 0) throw new IllegalArgumentException("negative TTL");
            this.srvTtl = seconds;
            return this;
        }

        public ClientSettings build() {
            return new ClientSettings(this);
        }

        private static String requireHostName(String h) {
            Objects.requireNonNull(h, "host name");
            String s = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
            if (s.isEmpty() || s.length() > 253 || !s.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
                    + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*")) {
                throw new IllegalArgumentException("not a host name: " + h);
            }
            return s.toLowerCase(Locale.ROOT);
        }
    }

    /** A tiny indenting XML writer with escaping; enough for these fixed documents. */
    private static final class Xml {
        private final StringBuilder sb = new StringBuilder();
        private final List<String> stack = new ArrayList<>();

        String indent() {
            return "  ".repeat(stack.size());
        }

        void raw(String s) {
            sb.append(s);
        }

        void open(String name, String... attrs) {
            sb.append(indent()).append('<').append(name);
            for (int i = 0; i < attrs.length; i += 2) {
                sb.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
            }
            sb.append(">\n");
            stack.add(name);
        }

        void leaf(String name, String text) {
            sb.append(indent()).append('<').append(name).append('>').append(escape(text))
                    .append("</").append(name).append(">\n");
        }

        void close() {
            String name = stack.remove(stack.size() - 1);
            sb.append(indent()).append("</").append(name).append(">\n");
        }

        static String escape(String s) {
            StringBuilder out = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&apos;");
                    default -> {
                        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue; // not allowed in XML 1.0
                        out.append(c);
                    }
                }
            }
            return out.toString();
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
