package dev.letterbox.smtp.delivery;

import dev.letterbox.core.store.MessageSource;
import dev.letterbox.smtp.MailFrom;
import dev.letterbox.smtp.RcptTo;
import dev.letterbox.smtp.SmtpException;
import dev.letterbox.smtp.SubmissionContext;
import dev.letterbox.smtp.SubmissionHandler;
import dev.letterbox.smtp.SubmissionSession;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * A {@link SubmissionHandler} that forwards every recipient it is given to a smarthost with Angus
 * Mail's SMTP transport (STARTTLS or implicit TLS, AUTH). The message bytes are sent unchanged; the
 * envelope sender, SMTPUTF8 and the DSN parameters (RET, ENVID and — when all recipients agree —
 * NOTIFY) are passed on where the smarthost supports them. One connection per message.
 *
 * <p>Failures: smarthost unreachable → {@code 451 4.4.1}; a 4xx from it → {@code 451 4.4.0}; a 5xx →
 * {@code 554 5.0.0}; its refusal of our credentials → {@code 451 4.7.0} (a configuration problem,
 * logged). The smarthost's own reply text is logged, never passed on.
 */
public final class SmarthostRelay implements SubmissionHandler {
    private static final System.Logger LOG = System.getLogger(SmarthostRelay.class.getName());

    /** How the connection to the smarthost is secured. */
    public enum Security {
        /** Plain SMTP; only for a smarthost on a trusted network. */
        NONE,
        /** STARTTLS is required (RFC 3207); the default. */
        STARTTLS,
        /** Implicit TLS from the first byte (RFC 8314, port 465). */
        IMPLICIT_TLS
    }

    private final String host;
    private final int port;
    private final Security security;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Optional<SSLSocketFactory> socketFactory;
    private final Duration timeout;
    private final Optional<String> heloName;

    private SmarthostRelay(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.security = b.security;
        this.username = Optional.ofNullable(b.username);
        this.password = Optional.ofNullable(b.password);
        this.socketFactory = Optional.ofNullable(b.socketFactory);
        this.timeout = b.timeout;
        this.heloName = Optional.ofNullable(b.heloName);
    }

    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    @Override
    public SubmissionSession open(SubmissionContext context) {
        return new Relay();
    }

    private Session mailSession(boolean utf8) {
        String p = security == Security.IMPLICIT_TLS ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put(p + "host", host);
        props.put(p + "port", String.valueOf(port));
        props.put(p + "connectiontimeout", String.valueOf(timeout.toMillis()));
        props.put(p + "timeout", String.valueOf(timeout.toMillis()));
        props.put(p + "writetimeout", String.valueOf(timeout.toMillis()));
        props.put(p + "auth", String.valueOf(username.isPresent()));
        if (security == Security.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (security != Security.NONE) {
            props.put(p + "ssl.checkserveridentity", "true");
            socketFactory.ifPresent(f -> props.put(p + "ssl.socketFactory", f));
        }
        heloName.ifPresent(h -> props.put(p + "localhost", h));
        if (utf8) props.put("mail.mime.allowutf8", "true");
        return Session.getInstance(props);
    }

    private final class Relay implements SubmissionSession {
        private MailFrom mail;
        private final List<RcptTo> rcpts = new ArrayList<>();

        @Override
        public void mailFrom(MailFrom m) {
            mail = m;
        }

        @Override
        public void rcptTo(RcptTo rcpt) {
            try {
                new InternetAddress(rcpt.address(), false);
            } catch (AddressException e) {
                throw new SmtpException(553, "5.1.3", "Recipient address not relayable");
            }
            rcpts.add(rcpt);
        }

        @Override
        public void data(MessageSource message) {
            Session session = mailSession(mail.smtpUtf8());
            try (SMTPTransport t = (SMTPTransport) session.getTransport(security == Security.IMPLICIT_TLS ? "smtps" : "smtp");
                 InputStream in = message.open()) {
                SMTPMessage msg = new SMTPMessage(session, in);
                msg.setEnvelopeFrom(mail.isNullSender() ? "<>" : mail.address());
                mail.ret().ifPresent(r -> msg.setReturnOption(r == MailFrom.DsnReturn.FULL ? SMTPMessage.RETURN_FULL
                        : SMTPMessage.RETURN_HDRS));
                notifyOption().ifPresent(msg::setNotifyOptions);
                t.connect(host, port, username.orElse(null), password.orElse(null));
                if (mail.envelopeId().isPresent() && t.supportsExtension("DSN")) {
                    msg.setMailExtension("ENVID=" + xtext(mail.envelopeId().get()));
                }
                InternetAddress[] to = new InternetAddress[rcpts.size()];
                for (int i = 0; i < to.length; i++) to[i] = new InternetAddress(rcpts.get(i).address(), false);
                t.sendMessage(msg, to);
            } catch (AuthenticationFailedException e) {
                LOG.log(System.Logger.Level.ERROR, "smarthost " + host + " refused our credentials", e);
                throw new SmtpException(451, "4.7.0", "Relay authentication failed, try again later");
            } catch (MessagingException e) {
                throw map(e);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "relay to " + host + " failed", e);
                throw new SmtpException(451, "4.4.1", "Relay host unavailable, try again later");
            }
        }

        private Optional<Integer> notifyOption() {
            Set<Set<RcptTo.DsnNotify>> distinct = new java.util.HashSet<>();
            for (RcptTo r : rcpts) distinct.add(r.notifyOn());
            if (distinct.size() != 1) return Optional.empty();
            Set<RcptTo.DsnNotify> n = distinct.iterator().next();
            if (n.isEmpty()) return Optional.empty();
            if (n.contains(RcptTo.DsnNotify.NEVER)) return Optional.of(SMTPMessage.NOTIFY_NEVER);
            int v = 0;
            for (RcptTo.DsnNotify x : EnumSet.copyOf(n)) {
                v |= switch (x) {
                    case SUCCESS -> SMTPMessage.NOTIFY_SUCCESS;
                    case FAILURE -> SMTPMessage.NOTIFY_FAILURE;
                    case DELAY -> SMTPMessage.NOTIFY_DELAY;
                    case NEVER -> 0;
                };
            }
            return Optional.of(v);
        }

        @Override
        public void reset() {
            mail = null;
            rcpts.clear();
        }
    }

    private SmtpException map(MessagingException e) {
        Throwable c = e;
        while (c != null) {
            int code = c instanceof SMTPSendFailedException f ? f.getReturnCode()
                    : c instanceof SMTPAddressFailedException a ? a.getReturnCode() : -1;
            if (code > 0) {
                LOG.log(System.Logger.Level.INFO, "smarthost " + host + " refused: " + c.getMessage());
                return code >= 500 ? new SmtpException(554, "5.0.0", "Relay host refused the message")
                        : new SmtpException(451, "4.4.0", "Relay host deferred the message, try again later");
            }
            Throwable next = c instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : c.getCause();
            c = next == c ? null : next;
        }
        LOG.log(System.Logger.Level.WARNING, "relay to " + host + " failed", e);
        return new SmtpException(451, "4.4.1", "Relay host unavailable, try again later");
    }

    /** RFC 3461 §4 xtext encoding. */
    static String xtext(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 33 && c <= 126 && c != '+' && c != '=') sb.append(c);
            else sb.append('+').append(String.format("%02X", (int) c & 0xFF));
        }
        return sb.toString();
    }

    /** Options of {@link SmarthostRelay}. */
    public static final class Builder {
        private final String host;
        private final int port;
        private Security security = Security.STARTTLS;
        private String username;
        private String password;
        private SSLSocketFactory socketFactory;
        private Duration timeout = Duration.ofMinutes(2);
        private String heloName;

        private Builder(String host, int port) {
            this.host = Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port);
            this.port = port;
        }

        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** Authenticate to the smarthost (AUTH PLAIN/LOGIN as it offers). */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** TLS trust material for the smarthost's certificate (default: the JVM's trust store). */
        public Builder sslSocketFactory(SSLSocketFactory factory) {
            this.socketFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** Connect, read and write timeout; default 2 minutes. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The name sent in EHLO; default the local host name. */
        public Builder heloName(String name) {
            this.heloName = Objects.requireNonNull(name, "name");
            return this;
        }

        public SmarthostRelay build() {
            return new SmarthostRelay(this);
        }
    }
}
