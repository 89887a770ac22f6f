package dev.letterbox.testkit.junit;

import dev.letterbox.testkit.Service;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects a started {@link dev.letterbox.testkit.MailTestServer} into a field: a {@code static} field
 * gets one server for the whole class (reset before each test unless {@link #resetBetweenTests()} is
 * false), an instance field a fresh server per test. Closed by the extension store afterwards.
 *
 * <pre>{@code
 * class SignupMailTest {
 *     @TestMailServer(users = "alice@example.com:secret")
 *     MailTestServer mail;
 * }
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(MailTestServerExtension.class)
public @interface TestMailServer {
    /** Users as {@code address:password}. */
    String[] users() default {};

    /** Create unknown users on first login or delivery. */
    boolean autoCreateUsers() default false;

    /** Services to enable; empty means all. */
    Service[] services() default {};

    /** For a static field: reset the server before each test. */
    boolean resetBetweenTests() default true;
}
