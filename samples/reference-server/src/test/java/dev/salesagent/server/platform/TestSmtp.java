package dev.salesagent.server.platform;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * One real SMTP server (GreenMail) on a free port for the whole test JVM; the shared Spring context sends its mail
 * there ({@code spring.mail.host/port}). Tests tell their messages apart by recipient.
 */
public final class TestSmtp {

    private static GreenMail server;

    private TestSmtp() {
    }

    /** The server, started on first use. */
    public static synchronized GreenMail server() {
        if (server == null) {
            server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            server.start();
        }
        return server;
    }

    /** Its SMTP port. */
    public static int port() {
        return server().getSmtp().getPort();
    }
}
